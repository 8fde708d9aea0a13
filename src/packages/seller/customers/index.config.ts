export default definePageConfig({
  navigationBarTitleText: '熟客本',
});
