export default definePageConfig({
  navigationBarTitleText: '自提核销',
});
