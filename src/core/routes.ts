// Every page of the mini-program as a typed route: one table builds each page's URL and parses the
// params a page is opened with. It lives in src/core, not beside the pages, because the cloud
// functions build page URLs too (share cards and poster codes, invite links, the page a subscribe
// message opens); so it stays pure: no Taro, only zod. The pages read it through
// src/utils/use-route.ts.
import { z } from 'zod';
import { Id, Scene } from './contracts/common';

/** An optional param: a value that does not fit is dropped rather than making the link unusable. */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** Short codes: share codes (`ref`), poster codes (`scene`), invite codes; ≤ 32 characters. */
const Code = z.string().trim().min(1).max(32);
/** `1` or nothing; written only when true. */
const Flag = z.literal('1').transform(() => true);

/**
 * How a buyer page may be opened besides its own params: a share card's code (`ref`); `scene`,
 * which WeChat fills with a poster code's scene (and the local H5 build with a scene value, as
 * WeChat would report it); and, on H5 only, a `shareTicket` from the emulator's share-ticket API.
 */
const ENTRY = { ref: optional(Code), scene: optional(Code), shareTicket: optional(z.string().trim().min(1).max(128)) };

const shopPage = <P extends string>(page: P) => ({ page, params: { shopId: Id } }) as const;

export const ROUTES = {
  /** Shop home; without `shopId` (a poster code, or no link) the page finds the shop itself. */
  shop: { page: 'pages/index/index', params: { shopId: optional(Id), ...ENTRY } },
  product: { page: 'pages/product/index', params: { productId: optional(Id), ...ENTRY } },
  cart: { page: 'packages/buyer/cart/index', params: { shopId: Id } },
  /** `from`: the shop's cart or a single 立即购买 line (or a campaign's lines); `ref` and `scene`: where the buyer came from. */
  checkout: {
    page: 'packages/buyer/checkout/index',
    params: {
      shopId: Id,
      from: z.enum(['cart', 'buynow']).catch('cart'),
      ref: optional(Code),
      scene: optional(z.coerce.number().pipe(Scene)),
      /** Joining a campaign (跟团): its prices, fulfilment and the name shown on its list. */
      campaignId: optional(Id),
      /** 拼团: the offer's price, WeChat Pay only; with `groupId` joining that group (参团), without starting one. */
      groupOfferId: optional(Id),
      groupId: optional(Id),
      /** Ordering from a live show's page: its live prices apply while it is live and the item is on. */
      liveShowId: optional(Id),
    },
  },
  myOrders: { page: 'packages/buyer/orders/index', params: { shopId: optional(Id) } },
  /** A group-buy campaign (团, 接龙); without `campaignId` a poster code's share code (`scene`) names it. */
  campaign: { page: 'packages/group/campaign/index', params: { campaignId: optional(Id), ...ENTRY } },
  /** An N-person 拼团 (group): its members, 还差 k 人, the countdown and 参团. */
  groupBuy: { page: 'packages/group/pintuan/index', params: { groupId: optional(Id), ...ENTRY } },
  /** A live show's page (直播): the pinned item, live prices, 进入直播间 / 预约; `itemId` puts that item first. */
  live: { page: 'packages/live/show/index', params: { showId: optional(Id), itemId: optional(Id), ...ENTRY } },
  /** `pay`: straight from 提交订单 with WeChat Pay, so the pay sheet opens at once. */
  order: { page: 'packages/buyer/order/index', params: { orderId: Id, pay: optional(Flag) } },
  myShops: { page: 'packages/seller/index/index', params: {} },
  openShop: { page: 'packages/seller/open/index', params: {} },
  /** An invite link; without `code` the invitee types it in. */
  join: { page: 'packages/seller/join/index', params: { code: optional(Code) } },
  settings: shopPage('packages/seller/settings/index'),
  members: shopPage('packages/seller/members/index'),
  goods: shopPage('packages/seller/goods/index'),
  /** Without `productId` the editor creates a product. */
  editor: { page: 'packages/seller/editor/index', params: { shopId: Id, productId: optional(Id) } },
  /** `first`: the shop was just opened. */
  quick: { page: 'packages/seller/quick/index', params: { shopId: Id, first: optional(Flag) } },
  share: shopPage('packages/seller/share/index'),
  stats: shopPage('packages/seller/stats/index'),
  /** 熟客本: the shop's buyers with totals, found by name, phone or tag, with the vendor's note and tags. */
  customers: shopPage('packages/seller/customers/index'),
  shopOrders: shopPage('packages/seller/orders/index'),
  shopOrder: { page: 'packages/seller/order/index', params: { shopId: Id, orderId: Id } },
  /** 发货: paid orders still to hand over, the 备货单 and the 发货单 export; `campaignId` narrows to one 团, `liveShowId` to one show. */
  shipping: { page: 'packages/seller/shipping/index', params: { shopId: Id, campaignId: optional(Id), liveShowId: optional(Id) } },
  /** 自提核销: type or scan a buyer's 取货码; who still has to come, per pickup point. */
  pickup: shopPage('packages/seller/pickup/index'),
  /** 团购接龙: the shop's campaigns by state. */
  campaigns: shopPage('packages/seller/campaigns/index'),
  /** Without `campaignId` the editor starts a new draft. */
  campaignEditor: { page: 'packages/seller/campaign-edit/index', params: { shopId: Id, campaignId: optional(Id) } },
  /** One campaign as its vendor runs it: orders by 跟团号, 截团, settlement, copy and share. */
  shopCampaign: { page: 'packages/seller/campaign/index', params: { shopId: Id, campaignId: Id } },
  /** A product's 拼团 groups as its vendor sees them: by state, with members, amounts and refunds. */
  offerGroups: { page: 'packages/seller/groups/index', params: { shopId: Id, productId: Id } },
  /** 直播: the shop's live shows (a streamer sees their own). */
  liveShows: shopPage('packages/studio/shows/index'),
  /** Without `showId` the editor schedules a new show. */
  liveEditor: { page: 'packages/studio/edit/index', params: { shopId: Id, showId: optional(Id) } },
  /** The streamer's console: 开播, 讲解, live price on/off, 补库存, counters, 下播. */
  liveConsole: { page: 'packages/studio/console/index', params: { showId: Id } },
  /** The show's figures during and after it, and its links (card, poster, code, short link, 文案). */
  liveDashboard: { page: 'packages/studio/dashboard/index', params: { showId: Id } },
} as const;

export type RouteName = keyof typeof ROUTES;
type Shape<N extends RouteName> = (typeof ROUTES)[N]['params'];
/** A page's params as the page gets them, and as a URL to it is built from. */
export type RouteParams<N extends RouteName> = z.output<z.ZodObject<Shape<N>>>;
/** Every param of the route is optional: an object without any fits its params. */
type AllOptional<N extends RouteName> = Record<never, never> extends RouteParams<N> ? true : false;
type Builder<N extends RouteName> = AllOptional<N> extends true ? (params?: RouteParams<N>) => string : (params: RouteParams<N>) => string;

/** `/page?key=value...` with the params in the table's order; absent, false and empty values left out. */
function build(name: RouteName, params: Record<string, unknown> = {}): string {
  const query = Object.keys(ROUTES[name].params)
    .filter((key) => params[key] !== undefined && params[key] !== false && params[key] !== '')
    .map((key) => `${key}=${params[key] === true ? '1' : encodeURIComponent(String(params[key]))}`);
  return `/${ROUTES[name].page}${query.length ? `?${query.join('&')}` : ''}`;
}

/** The URL of each page, e.g. `routes.product({ productId: 'larou', ref: 'k3x' })`. Starts with `/`. */
export const routes = Object.fromEntries(
  (Object.keys(ROUTES) as RouteName[]).map((name) => [name, (params?: Record<string, unknown>) => build(name, params)]),
  // fromEntries loses the names; each entry is the builder of its own route.
) as unknown as { [N in RouteName]: Builder<N> };

/** WeChat hands a page its query as written in the URL; the H5 router may have decoded it already. */
function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A route whose params are all optional always parses; the others may not. */
export type Parsed<N extends RouteName> = AllOptional<N> extends true ? RouteParams<N> : RouteParams<N> | null;

/** The params a page was opened with, typed; null when a param the page needs is missing or malformed. */
export function parseRoute<N extends RouteName>(name: N, query: Record<string, string | undefined>): Parsed<N> {
  const decoded = Object.fromEntries(Object.entries(query).map(([key, value]) => [key, value === undefined ? undefined : decode(value)]));
  const parsed = z.object(ROUTES[name].params).safeParse(decoded);
  return (parsed.success ? parsed.data : null) as Parsed<N>;
}
