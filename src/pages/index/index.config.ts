export default definePageConfig({
  navigationBarTitleText: '仙人掌小店',
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
