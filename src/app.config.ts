export default defineAppConfig({
  pages: ['pages/index/index', 'pages/product/index'],
  subPackages: [
    // Vendor console: shops, settings, members, goods and sharing tools.
    {
      root: 'packages/vendor',
      pages: [
        'index/index',
        'open/index',
        'settings/index',
        'members/index',
        'join/index',
        'goods/index',
        'editor/index',
        'quick/index',
        'share/index',
        'stats/index',
      ],
    },
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
