export default definePageConfig({
  navigationBarTitleText: '分享工具',
  enableShareAppMessage: true,
});
