export default definePageConfig({
  navigationBarTitleText: '拼团的团',
});
