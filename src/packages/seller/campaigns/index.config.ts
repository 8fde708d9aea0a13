export default definePageConfig({
  navigationBarTitleText: '团购接龙',
});
