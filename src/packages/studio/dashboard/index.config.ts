export default definePageConfig({
  navigationBarTitleText: '直播数据和链接',
  enableShareAppMessage: true,
});
