export default definePageConfig({
  navigationBarTitleText: '店主后台',
});
