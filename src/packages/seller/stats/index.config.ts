export default definePageConfig({
  navigationBarTitleText: '访问统计',
});
