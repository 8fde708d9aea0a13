export default definePageConfig({
  navigationBarTitleText: '快速上架',
});
