export default definePageConfig({
  navigationBarTitleText: '团购接龙',
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
