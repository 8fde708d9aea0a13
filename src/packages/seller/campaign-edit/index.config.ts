export default definePageConfig({
  navigationBarTitleText: '编辑团购',
});
