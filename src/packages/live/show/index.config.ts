export default definePageConfig({
  navigationBarTitleText: '直播',
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
