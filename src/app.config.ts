import { requiredPrivateInfos } from './core/privacy';

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/product/index'],
  subPackages: [
    // Buyer's orders: cart, checkout, my orders, order detail. Kept out of the main package, which
    // must stay under its 500 KB budget; preloaded from the pages that lead to it.
    {
      root: 'packages/buyer',
      pages: ['cart/index', 'checkout/index', 'orders/index', 'order/index'],
    },
    // Group-buy campaigns (团, 接龙) as buyers see them: opened from group cards and posters.
    {
      root: 'packages/group',
      pages: ['campaign/index', 'pintuan/index'],
    },
    // A live show (直播) as buyers see it: opened from the live room, group cards, posters and codes.
    {
      root: 'packages/live',
      pages: ['show/index'],
    },
    // Live selling for the shop's side: the shows, the show editor, the streamer's console and the
    // dashboard with the show's links. Phone-first: a streamer runs it one-handed while talking.
    {
      root: 'packages/studio',
      pages: ['shows/index', 'edit/index', 'console/index', 'dashboard/index'],
    },
    // Seller console (the vendor's side): shops, settings, members, goods and sharing tools.
    {
      root: 'packages/seller',
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
        'customers/index',
        'pickup/index',
        'orders/index',
        'order/index',
        'campaigns/index',
        'campaign-edit/index',
        'campaign/index',
        'groups/index',
        'shipping/index',
      ],
    },
  ],
  preloadRule: {
    'pages/product/index': { network: 'all', packages: ['packages/buyer'] },
    'pages/index/index': { network: 'all', packages: ['packages/buyer'] },
    'packages/group/campaign/index': { network: 'all', packages: ['packages/buyer'] },
    'packages/group/pintuan/index': { network: 'all', packages: ['packages/buyer'] },
    'packages/live/show/index': { network: 'all', packages: ['packages/buyer'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f5f0',
    navigationBarBackgroundColor: '#2f7d4a',
    navigationBarTitleText: '仙人掌小店',
    navigationBarTextStyle: 'white',
  },
  // Location-type APIs and chooseAddress fail unless listed here; src/core/privacy.ts's table says which.
  requiredPrivateInfos: requiredPrivateInfos(),
  cloud: true,
});
