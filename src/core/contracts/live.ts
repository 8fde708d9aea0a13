// The `live` function: Channels (视频号) live shows (直播场次). Owners and staff schedule a show with
// its items and live prices; the show's streamers run it (开播, 讲解 one item, live price on/off,
// 补库存, 下播); buyers read the show and follow the pinned item. Orders are placed through `orders`
// with the show's id: the live price applies there, by the server's clock, only while the show is
// live and the item is on.
import { z } from 'zod';
import { defineContract } from './define';
import { AmountFen, EpochMs, Id, PriceLi, required, text } from './common';
import { ShopPublic } from './shop';

/** scheduled: announced, before 开播. live: on air. ended: 下播 (or its automatic end). cancelled: called off before it began. */
export const LiveState = z.enum(['scheduled', 'live', 'ended', 'cancelled']);
export type LiveState = z.infer<typeof LiveState>;

const Quantity = z.number().int().min(1).max(100_000_000);
/** A live price: never free. */
const LivePriceLi = PriceLi.pipe(z.number().min(1, '价格要大于 0'));

/** The shop's Channels account and how long a show may stay live without a 下播. */
export const LiveSettings = z.object({
  /** The 视频号 id (finderUserName, "sph..."): wx.getChannelsLiveInfo and openChannelsLive need it. */
  finderUserName: text(64).default(''),
  /** A show still live this long after 开播 ends by itself (a streamer who forgot to 下播). */
  autoEndMinutes: z.number().int().min(30).max(24 * 60).default(240),
});
export type LiveSettings = z.output<typeof LiveSettings>;

/** One item of a show: a product's SKU at its live price. Two SKUs are two items. */
export const LiveItemInput = z.object({
  productId: Id,
  skuId: Id,
  livePriceLi: LivePriceLi,
  /** Most one buyer may take of it over all their orders in the show. */
  limitPerBuyer: Quantity.nullable().default(null),
  /** Most the show sells of it at the live price (on top of the product's own stock); 补库存 raises it. */
  stockCap: Quantity.nullable().default(null),
});
export type LiveItemInput = z.output<typeof LiveItemInput>;

/** Everything an owner or staff member edits about a show. */
export const LiveShowInput = z.object({
  title: required(40),
  startAt: EpochMs,
  /** Members with the streamer role (or the owner/staff themselves) who may run it. */
  streamerOpenIds: z.array(z.string().trim().min(1).max(64)).max(5).default([]),
  items: z.array(LiveItemInput).min(1).max(30),
});
export type LiveShowInput = z.output<typeof LiveShowInput>;

// ---- Views -------------------------------------------------------------------------------------

/** An item as buyers see it. */
export const LiveItemView = z.object({
  id: Id,
  productId: Id,
  skuId: Id,
  name: z.string(),
  spec: z.string(),
  unit: z.string(),
  image: z.string(),
  /** The product's own price, what the buyer pays when the live price is not on. */
  priceLi: PriceLi,
  livePriceLi: PriceLi,
  /** The live price applies now: the show is live and the item is on. */
  livePriceOn: z.boolean(),
  limitPerBuyer: z.number().int().min(1).nullable(),
  /** What the show can still sell of it (its cap and the shelf's stock); null when neither limits it. */
  left: z.number().int().nonnegative().nullable(),
  sold: z.number().int().nonnegative(),
});
export type LiveItemView = z.infer<typeof LiveItemView>;

export const LiveShowPublic = z.object({
  id: Id,
  shopId: Id,
  title: z.string(),
  state: LiveState,
  startAt: EpochMs,
  liveAt: EpochMs.nullable(),
  endedAt: EpochMs.nullable(),
  finderUserName: z.string(),
  pinnedItemId: Id.nullable(),
  items: z.array(LiveItemView),
});
export type LiveShowPublic = z.infer<typeof LiveShowPublic>;

/** The small answer a live page polls: the pin and the counters that move. */
export const LivePulse = z.object({
  state: LiveState,
  pinnedItemId: Id.nullable(),
  /** Goes up with every pin and every change of an item's live price: the page reloads the show when it does. */
  version: z.number().int().nonnegative(),
  counters: z.array(z.object({ id: Id, sold: z.number().int().nonnegative(), left: z.number().int().nonnegative().nullable(), livePriceOn: z.boolean() })),
});
export type LivePulse = z.infer<typeof LivePulse>;

export const LiveHistoryEntry = z.object({
  at: EpochMs,
  event: z.enum(['created', 'updated', 'started', 'pinned', 'unpinned', 'price_on', 'price_off', 'restocked', 'ended', 'auto_ended', 'cancelled']),
  byName: z.string(),
  itemId: Id.nullable(),
  quantity: z.number().int().nullable(),
});
export type LiveHistoryEntry = z.infer<typeof LiveHistoryEntry>;

/** The whole show as owners, staff and its streamers see it. */
export const LiveShowVendorView = LiveShowPublic.extend({
  items: z.array(LiveItemView.extend({ stockCap: z.number().int().min(1).nullable() })),
  streamers: z.array(z.object({ openid: z.string(), name: z.string() })),
  history: z.array(LiveHistoryEntry),
  /** The caller may edit items and prices (owner, staff) and may run it (开播, 讲解, 下播). */
  canEdit: z.boolean(),
  canRun: z.boolean(),
  /** When a live show ends by itself. */
  autoEndAt: EpochMs.nullable(),
  updatedAt: EpochMs,
});
export type LiveShowVendorView = z.infer<typeof LiveShowVendorView>;

export const LiveShowRow = z.object({
  id: Id,
  title: z.string(),
  state: LiveState,
  startAt: EpochMs,
  liveAt: EpochMs.nullable(),
  endedAt: EpochMs.nullable(),
  items: z.number().int().nonnegative(),
  sold: z.number().int().nonnegative(),
  /** The caller is one of its streamers. */
  mine: z.boolean(),
});
export type LiveShowRow = z.infer<typeof LiveShowRow>;

/** Where live-page visits came from, by scene group. */
export const LiveSource = z.enum(['live_room', 'group_card', 'moments', 'code', 'other']);
export type LiveSource = z.infer<typeof LiveSource>;

export const LiveDashboard = z.object({
  state: LiveState,
  liveAt: EpochMs.nullable(),
  endedAt: EpochMs.nullable(),
  /** Orders placed from the show (not cancelled), and their amount. */
  orders: z.number().int().nonnegative(),
  amountFen: AmountFen,
  /** One point per minute from 开播 (or the first order) to now or 下播, Asia/Shanghai labels. */
  perMinute: z.array(z.object({ at: EpochMs, label: z.string(), orders: z.number().int().nonnegative(), amountFen: AmountFen })),
  items: z.array(z.object({ id: Id, name: z.string(), spec: z.string(), sold: z.number().int().nonnegative(), left: z.number().int().nonnegative().nullable(), amountFen: AmountFen })),
  /** Buyers who had never ordered from the shop before the show, and those who had. */
  buyers: z.object({ total: z.number().int().nonnegative(), new: z.number().int().nonnegative(), returning: z.number().int().nonnegative() }),
  /** Visits of the live page and how many of those visitors ordered, per source. */
  visits: z.object({
    total: z.number().int().nonnegative(),
    ordered: z.number().int().nonnegative(),
    bySource: z.array(z.object({ source: LiveSource, label: z.string(), visits: z.number().int().nonnegative(), ordered: z.number().int().nonnegative() })),
  }),
  /** Kept with the show at its end: the figures as they were when it ended. */
  summaryAt: EpochMs.nullable(),
});
export type LiveDashboard = z.infer<typeof LiveDashboard>;

// ---- Actions -----------------------------------------------------------------------------------

const showOnly = z.object({ showId: Id });
const vendorView = z.object({ show: LiveShowVendorView });
const memberErrors = ['LIVE_SHOW_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'] as const;
const runErrors = [...memberErrors, 'LIVE_NOT_ASSIGNED', 'LIVE_STATE_CONFLICT'] as const;
const inputErrors = ['LIVE_TIME_INVALID', 'LIVE_ITEM_DUPLICATE', 'LIVE_STREAMER_INVALID', 'PRODUCT_NOT_FOUND', 'SKU_NOT_FOUND'] as const;

export const liveContract = defineContract('live', {
  // ---- Owner and staff ----
  liveSettings: {
    access: 'user',
    input: z.object({ shopId: Id }),
    output: z.object({ settings: LiveSettings }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
  /** Only the owner sets the shop's Channels account. */
  saveLiveSettings: {
    access: 'user',
    input: z.object({ shopId: Id, settings: LiveSettings }),
    output: z.object({ settings: LiveSettings }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
  createShow: {
    access: 'user',
    input: z.object({ shopId: Id, show: LiveShowInput }),
    output: vendorView,
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN', 'LIVE_CHANNELS_MISSING', ...inputErrors],
  },
  /** Items and prices change until the show ends; an item that has sold keeps its counters. */
  updateShow: {
    access: 'user',
    input: z.object({ showId: Id, show: LiveShowInput, expectedUpdatedAt: EpochMs.optional() }),
    output: vendorView,
    errors: [...memberErrors, ...inputErrors, 'LIVE_STATE_CONFLICT'],
  },
  /** A scheduled show called off. */
  cancelShow: {
    access: 'user',
    input: showOnly,
    output: vendorView,
    errors: [...memberErrors, 'LIVE_STATE_CONFLICT'],
  },
  /** The shop's shows, newest start first; a streamer sees the ones they are assigned to. */
  listShows: {
    access: 'user',
    input: z.object({ shopId: Id, state: LiveState.optional(), cursor: z.string().max(64).optional(), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ shows: z.array(LiveShowRow), nextCursor: z.string().nullable() }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
  /** The show as its console shows it: owner, staff, or one of its streamers. */
  vendorShow: {
    access: 'user',
    input: showOnly,
    output: vendorView,
    errors: [...memberErrors, 'LIVE_NOT_ASSIGNED'],
  },

  // ---- Running the show: owner, staff, or one of its streamers ----
  /** 开播. Tapped twice, it starts once. */
  startShow: { access: 'user', input: showOnly, output: vendorView, errors: runErrors },
  /** 下播: the live prices stop at once. Tapped twice, it ends once. */
  endShow: { access: 'user', input: showOnly, output: vendorView, errors: runErrors },
  /** 讲解: pins one item (unpinning the one before); itemId null unpins. */
  pin: {
    access: 'user',
    input: z.object({ showId: Id, itemId: Id.nullable() }),
    output: vendorView,
    errors: [...runErrors, 'LIVE_ITEM_NOT_FOUND'],
  },
  /** The item's live price on or off. */
  setItemOn: {
    access: 'user',
    input: z.object({ showId: Id, itemId: Id, on: z.boolean() }),
    output: vendorView,
    errors: [...runErrors, 'LIVE_ITEM_NOT_FOUND'],
  },
  /** 补库存: more of a capped item at the live price. Idempotent on the call's requestId. */
  restock: {
    access: 'user',
    input: z.object({ showId: Id, itemId: Id, quantity: Quantity.max(100_000) }),
    output: vendorView,
    errors: [...runErrors, 'LIVE_ITEM_NOT_FOUND', 'LIVE_ITEM_UNCAPPED'],
  },
  /** During and after the show: per minute, per item, buyers and visits by source. */
  dashboard: {
    access: 'user',
    input: showOnly,
    output: z.object({ dashboard: LiveDashboard }),
    errors: [...memberErrors, 'LIVE_NOT_ASSIGNED'],
  },

  /**
   * The show's links, for the show or one item: the mini-program path (with the caller's share
   * code), the group card's title ("正在直播：长白山林下参，直播价¥98.00"), the 群发文案 before the
   * show ("今晚8点直播，点卡片预约") and during it, and a `#小程序://` short link from
   * shortlink.generate where the account may have one (an individual account's refusal comes back
   * as `{ok: false, message}`, not as an error). Posters and codes: share.posterCode with the same target.
   */
  links: {
    access: 'user',
    input: z.object({ showId: Id, itemId: Id.optional() }),
    output: z.object({
      path: z.string(),
      code: z.string().max(32),
      cardTitle: z.string(),
      announceText: z.string(),
      liveText: z.string(),
      shortLink: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), link: z.string() }), z.object({ ok: z.literal(false), message: z.string() })]),
    }),
    errors: [...memberErrors, 'LIVE_NOT_ASSIGNED', 'LIVE_ITEM_NOT_FOUND'],
  },

  // ---- Buyers (anyone with the link) ----
  /** The live page: the show, its items at their prices now, the pin. Never a cancelled show. */
  liveShow: {
    access: 'public',
    input: showOnly,
    output: z.object({ shop: ShopPublic, show: LiveShowPublic }),
    errors: ['LIVE_SHOW_NOT_FOUND'],
  },
  /** One small read the live page polls to follow the pin. */
  pulse: {
    access: 'public',
    input: showOnly,
    output: z.object({ pulse: LivePulse }),
    errors: ['LIVE_SHOW_NOT_FOUND'],
  },
});
