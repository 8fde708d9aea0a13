import { parseRoute, ROUTES, routes, type RouteName, type RouteParams } from '@core/routes';

interface AppConfig {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
}

/** The pages src/app.config.ts declares, read as Taro reads it (defineAppConfig is Taro's global). */
function declaredPages(): string[] {
  (globalThis as { defineAppConfig?: (config: AppConfig) => AppConfig }).defineAppConfig = (config) => config;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = (require('../../src/app.config') as { default: AppConfig }).default;
  return [...config.pages, ...config.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))];
}

/** Params for every route, with every param set and ids that need escaping. */
const SAMPLES: { [N in RouteName]: RouteParams<N> } = {
  shop: { shopId: '老张 山货/1', ref: 'k3xk3xk3x2', scene: 'q7m2', shareTicket: '0f1e2d3c-aaaa-bbbb-cccc-123456789abc' },
  product: { productId: 'la rou&1', ref: 'k3x', scene: '1154', shareTicket: 't-1' },
  cart: { shopId: 'demo-shop' },
  checkout: { shopId: 'demo shop', from: 'buynow', ref: 'k3x', scene: 1044, campaignId: 'c 1/2', groupOfferId: 'offer 1', groupId: 'g/1', liveShowId: 'show 1/2' },
  myOrders: { shopId: 'demo-shop' },
  campaign: { campaignId: 'tuan 1/2', ref: 'k3x', scene: 'q7m2', shareTicket: 't-1' },
  groupBuy: { groupId: 'g 1/2', ref: 'k3x', scene: 'q7m2', shareTicket: 't-1' },
  live: { showId: 'show 1/2', itemId: 'i1', ref: 'k3x', scene: 'q7m2', shareTicket: 't-1' },
  order: { orderId: 'o/1?x=2', pay: true },
  myShops: {},
  openShop: {},
  join: { code: 'abc23def45gh' },
  settings: { shopId: 'demo-shop' },
  members: { shopId: 'demo-shop' },
  goods: { shopId: 'demo-shop' },
  editor: { shopId: 'demo-shop', productId: 'larou' },
  quick: { shopId: 'demo-shop', first: true },
  share: { shopId: 'demo-shop' },
  stats: { shopId: 'demo-shop' },
  customers: { shopId: 'demo-shop' },
  shopOrders: { shopId: 'demo-shop' },
  shopOrder: { shopId: 'demo-shop', orderId: 'o-1' },
  shipping: { shopId: 'demo-shop', campaignId: 'c-1', liveShowId: 'show 1' },
  pickup: { shopId: 'demo-shop' },
  campaigns: { shopId: 'demo-shop' },
  campaignEditor: { shopId: 'demo-shop', campaignId: 'c 1/2' },
  shopCampaign: { shopId: 'demo-shop', campaignId: 'c-1' },
  offerGroups: { shopId: 'demo-shop', productId: 'larou' },
  liveShows: { shopId: 'demo-shop' },
  liveEditor: { shopId: 'demo-shop', showId: 'show 1' },
  liveConsole: { showId: 'show/1' },
  liveDashboard: { showId: 'show-1' },
};

const names = Object.keys(ROUTES) as RouteName[];
const build = (name: RouteName, params: object): string => (routes[name] as (params: object) => string)(params);

/** The query of a URL as WeChat hands it to a page: each value still percent-encoded. */
function rawQuery(url: string): Record<string, string> {
  const query = url.split('?')[1] ?? '';
  return Object.fromEntries(query ? query.split('&').map((pair) => pair.split('=') as [string, string]) : []);
}

/** The query as the H5 router hands it over: decoded. */
const decodedQuery = (url: string): Record<string, string> => Object.fromEntries(new URL(url, 'https://servicewechat.com').searchParams);

describe('routes', () => {
  it('has a route for every page in app.config.ts, and a page for every route', () => {
    expect(names.map((name) => ROUTES[name].page).sort()).toEqual(declaredPages().sort());
  });

  it.each(names)('%s builds a URL to its page that parses back to the same params', (name) => {
    const url = build(name, SAMPLES[name]);
    expect(url.split('?')[0]).toBe(`/${ROUTES[name].page}`);
    expect(declaredPages()).toContain(url.slice(1).split('?')[0]);
    expect(parseRoute(name, rawQuery(url))).toEqual(SAMPLES[name]);
    expect(parseRoute(name, decodedQuery(url))).toEqual(SAMPLES[name]);
  });

  it('writes the params in a fixed order, and leaves out the ones not given', () => {
    expect(routes.product({ productId: 'larou', ref: 'k3x' })).toBe('/pages/product/index?productId=larou&ref=k3x');
    expect(routes.checkout({ shopId: 'demo-shop', from: 'cart', scene: 1001 })).toBe('/packages/buyer/checkout/index?shopId=demo-shop&from=cart&scene=1001');
    expect(routes.order({ orderId: 'o-1', pay: false })).toBe('/packages/buyer/order/index?orderId=o-1');
    expect(routes.myShops()).toBe('/packages/seller/index/index');
  });

  it('refuses a page opened without a param it needs', () => {
    expect(parseRoute('cart', {})).toBeNull();
    expect(parseRoute('shopOrder', { shopId: 'demo-shop' })).toBeNull();
    expect(parseRoute('order', { orderId: '  ' })).toBeNull();
  });

  it('drops optional params that do not fit and keeps the rest', () => {
    expect(parseRoute('checkout', { shopId: 'demo-shop', from: 'elsewhere', scene: '12', ref: 'x'.repeat(40) })).toEqual({ shopId: 'demo-shop', from: 'cart' });
    expect(parseRoute('order', { orderId: 'o-1', pay: 'yes' })).toEqual({ orderId: 'o-1' });
    expect(parseRoute('shop', { shopId: '%E8%80%81%' })).toEqual({ shopId: '%E8%80%81%' });
  });
});
