export default definePageConfig({
  navigationBarTitleText: '拼团',
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
