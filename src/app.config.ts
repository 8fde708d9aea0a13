export default defineAppConfig({
  pages: ['pages/index/index', 'pages/product/index'],
  subPackages: [
    // Vendor console: only a placeholder page so far.
    { root: 'packages/vendor', pages: ['index/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f5f0',
    navigationBarBackgroundColor: '#2f7d4a',
    navigationBarTitleText: '仙人掌小店',
    navigationBarTextStyle: 'white',
  },
  cloud: true,
});
