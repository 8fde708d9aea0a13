// Live shows (直播场次): pure rules. A show's state is read from what is stored and the clock (a
// live show past its automatic end is ended); the live price applies only while the show is live
// and the item is on; its counters are the show's own (sold per item, per buyer for the cap).
import type { LiveHistoryEntry, LiveItemInput, LiveItemView, LivePulse, LiveShowInput, LiveShowPublic, LiveShowRow, LiveSource, LiveState } from './contracts/live';
import type { FieldProblem } from './shops';
import type { ProductDoc } from './model';
import { isVisibleToBuyers } from './catalog';

export interface LiveItem extends LiveItemInput {
  /** `i1`, `i2`...: kept by an item through edits (matched by product and SKU), so its counters stay. */
  id: string;
}

/** A stored show (collection `liveShows`). */
export interface LiveShowDoc {
  _id: string;
  shopId: string;
  title: string;
  startAt: number;
  finderUserName: string;
  streamerOpenIds: string[];
  items: LiveItem[];
  /** The number the next new item's id takes. */
  nextItemNo: number;
  /** What is stored; a live show past autoEndAt reads as ended (liveState). */
  status: LiveState;
  liveAt: number | null;
  endedAt: number | null;
  /** Set at 开播 from the shop's autoEndMinutes. */
  autoEndAt: number | null;
  pinnedItemId: string | null;
  /** Items whose live price is on, by id (a map, so an order's conditional update can test one). */
  on: Record<string, boolean>;
  /** Sold at the live price per item, unpaid orders included: what the cap reads. */
  sold: Record<string, number>;
  /** The same per buyer (a hash of show and openid) for items with a per-buyer cap. Absent until someone orders. */
  takenBy?: Record<string, Record<string, number>>;
  /** Up with every pin and price switch: a live page reloads the show when it moves. */
  version: number;
  /** Restocks already applied, by request key, so a retried 补库存 adds once. */
  restocks?: Record<string, true>;
  history: LiveHistoryEntry[];
  /** The dashboard's figures kept at the end. */
  summary?: unknown;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export type LiveProduct = Pick<ProductDoc, '_id' | 'shopId' | 'name' | 'unit' | 'images' | 'skus' | 'status'>;

/** A live show reads as ended from its automatic end on; the stored status follows when the timer or a call writes it. */
export function liveState(show: Pick<LiveShowDoc, 'status' | 'autoEndAt'>, now: number): LiveState {
  if (show.status === 'live' && show.autoEndAt !== null && now >= show.autoEndAt) return 'ended';
  return show.status;
}

/** The live price of this item applies now. */
export function livePriceOn(show: Pick<LiveShowDoc, 'status' | 'autoEndAt' | 'on'>, itemId: string, now: number): boolean {
  return liveState(show, now) === 'live' && show.on[itemId] === true;
}

export function liveItemOf(show: Pick<LiveShowDoc, 'items'>, productId: string, skuId: string): LiveItem | undefined {
  return show.items.find((item) => item.productId === productId && item.skuId === skuId);
}

/** What the show can still sell of an item: its cap less what it sold, and never more than the shelf holds. */
export function itemLeft(show: Pick<LiveShowDoc, 'sold'>, item: LiveItem, shelfStock: number | null): number | null {
  const capLeft = item.stockCap === null ? null : Math.max(0, item.stockCap - (show.sold[item.id] ?? 0));
  if (shelfStock === null) return capLeft;
  return capLeft === null ? shelfStock : Math.min(capLeft, shelfStock);
}

/**
 * The items of an edited show: an item already in it (same product and SKU) keeps its id, so what
 * it sold stays counted; new ones take the next ids.
 */
export function assignItemIds(previous: Pick<LiveShowDoc, 'items' | 'nextItemNo'> | null, items: readonly LiveItemInput[]): { items: LiveItem[]; nextItemNo: number } {
  let next = previous?.nextItemNo ?? 1;
  const assigned = items.map((item) => {
    const kept = previous ? liveItemOf(previous, item.productId, item.skuId) : undefined;
    return { ...item, id: kept?.id ?? `i${next++}` };
  });
  return { items: assigned, nextItemNo: next };
}

/** A new show as scheduled: every item's live price on, nothing sold, nothing pinned. */
export function newLiveShow(input: { id: string; shopId: string; title: string; startAt: number; finderUserName: string; streamerOpenIds: string[]; items: readonly LiveItemInput[]; createdBy: string; byName: string; now: number }): LiveShowDoc {
  const { items, nextItemNo } = assignItemIds(null, input.items);
  return {
    _id: input.id,
    shopId: input.shopId,
    title: input.title,
    startAt: input.startAt,
    finderUserName: input.finderUserName,
    streamerOpenIds: input.streamerOpenIds,
    items,
    nextItemNo,
    status: 'scheduled',
    liveAt: null,
    endedAt: null,
    autoEndAt: null,
    pinnedItemId: null,
    // Every item's live price is on until a streamer switches it off.
    on: Object.fromEntries(items.map((item) => [item.id, true])),
    sold: {},
    version: 0,
    history: [{ at: input.now, event: 'created', byName: input.byName, itemId: null, quantity: null }],
    createdBy: input.createdBy,
    createdAt: input.now,
    updatedAt: input.now,
  };
}

/** Rules the schema cannot express, as field problems with the error code they answer with. */
export function liveInputProblems(input: LiveShowInput, products: readonly LiveProduct[], shopId: string): { code: 'LIVE_ITEM_DUPLICATE' | 'PRODUCT_NOT_FOUND' | 'SKU_NOT_FOUND'; field: FieldProblem } | null {
  const seen = new Set<string>();
  for (const [index, item] of input.items.entries()) {
    const path = `items.${index}`;
    const key = `${item.productId}\n${item.skuId}`;
    if (seen.has(key)) return { code: 'LIVE_ITEM_DUPLICATE', field: { path, message: '同一个规格只能放一次' } };
    seen.add(key);
    const product = products.find((candidate) => candidate._id === item.productId);
    if (!product || product.shopId !== shopId || !isVisibleToBuyers(product)) return { code: 'PRODUCT_NOT_FOUND', field: { path: `${path}.productId`, message: '这件商品不存在或没上架' } };
    if (!product.skus.some((sku) => sku.id === item.skuId)) return { code: 'SKU_NOT_FOUND', field: { path: `${path}.skuId`, message: '这个规格已经没有了' } };
  }
  return null;
}

/** A show's start may be now or later; a little in the past is allowed for a show being set up as it begins. */
export const START_GRACE_MS = 10 * 60_000;

function itemView(show: LiveShowDoc, item: LiveItem, product: LiveProduct | undefined, now: number): LiveItemView {
  const sku = product?.skus.find((candidate) => candidate.id === item.skuId);
  return {
    id: item.id,
    productId: item.productId,
    skuId: item.skuId,
    name: product?.name ?? '',
    spec: sku?.spec ?? '',
    unit: product?.unit ?? '',
    image: product?.images[0] ?? '',
    priceLi: sku?.priceLi ?? item.livePriceLi,
    livePriceLi: item.livePriceLi,
    livePriceOn: livePriceOn(show, item.id, now),
    limitPerBuyer: item.limitPerBuyer,
    left: itemLeft(show, item, sku ? sku.stock : 0),
    sold: show.sold[item.id] ?? 0,
  };
}

export function liveItemViews(show: LiveShowDoc, products: readonly LiveProduct[], now: number): LiveItemView[] {
  return show.items.map((item) => itemView(show, item, products.find((product) => product._id === item.productId), now));
}

export function liveShowPublic(show: LiveShowDoc, products: readonly LiveProduct[], now: number): LiveShowPublic {
  const state = liveState(show, now);
  return {
    id: show._id,
    shopId: show.shopId,
    title: show.title,
    state,
    startAt: show.startAt,
    liveAt: show.liveAt,
    endedAt: show.endedAt ?? (state === 'ended' ? show.autoEndAt : null),
    finderUserName: show.finderUserName,
    // Nothing is pinned once the show is over.
    pinnedItemId: state === 'live' ? show.pinnedItemId : null,
    items: liveItemViews(show, products, now),
  };
}

/** The pulse a live page polls; shelf stock is what the show last read of it (`stock` per SKU id), when known. */
export function livePulse(show: LiveShowDoc, now: number, shelfStock: ReadonlyMap<string, number> = new Map()): LivePulse {
  const state = liveState(show, now);
  return {
    state,
    pinnedItemId: state === 'live' ? show.pinnedItemId : null,
    version: show.version,
    counters: show.items.map((item) => ({
      id: item.id,
      sold: show.sold[item.id] ?? 0,
      left: itemLeft(show, item, shelfStock.get(`${item.productId}\n${item.skuId}`) ?? null),
      livePriceOn: livePriceOn(show, item.id, now),
    })),
  };
}

export function liveShowRow(show: LiveShowDoc, openid: string, now: number): LiveShowRow {
  const state = liveState(show, now);
  return {
    id: show._id,
    title: show.title,
    state,
    startAt: show.startAt,
    liveAt: show.liveAt,
    endedAt: show.endedAt ?? (state === 'ended' ? show.autoEndAt : null),
    items: show.items.length,
    sold: Object.values(show.sold).reduce((sum, quantity) => sum + quantity, 0),
    mine: show.streamerOpenIds.includes(openid),
  };
}

/** How a visitor came to the live page, from the scene WeChat reported. */
const SCENE_SOURCES: Record<LiveSource, readonly number[]> = {
  // Channels: 1175 profile shop, 1176 the live room (the streamer), 1177 live goods, 1184 a Channels link,
  // 1191 an activity, 1193 the profile's service menu, 1195 the profile's goods tab.
  live_room: [1175, 1176, 1177, 1184, 1191, 1193, 1195],
  // A card in a single or group chat, or with a shareTicket.
  group_card: [1007, 1008, 1044],
  // Moments: the single-page view and the full mini-program opened from it.
  moments: [1154, 1155],
  // Scanned or long-pressed QR and mini-program codes (posters, a code shown on camera).
  code: [1011, 1012, 1013, 1047, 1048, 1049],
  other: [],
};

export const LIVE_SOURCE_NAMES: Record<LiveSource, string> = { live_room: '直播间', group_card: '群聊卡片', moments: '朋友圈', code: '扫码', other: '其他' };

export function liveSourceOf(scene: number | null): LiveSource {
  if (scene === null) return 'other';
  const found = (Object.keys(SCENE_SOURCES) as LiveSource[]).find((source) => SCENE_SOURCES[source].includes(scene));
  return found ?? 'other';
}

// ---- Ordering from the live page -----------------------------------------------------------------

/**
 * The product as checkout should price it from the live page: each SKU that is one of the show's
 * items with its live price on sells at the live price, flat (no bulk tiers); other SKUs as usual.
 */
export function livePricedProduct<P extends Pick<ProductDoc, '_id' | 'skus'>>(product: P, show: Pick<LiveShowDoc, 'items' | 'status' | 'autoEndAt' | 'on'>, now: number): P {
  const skus = product.skus.map((sku) => {
    const item = liveItemOf(show, product._id, sku.id);
    return item && livePriceOn(show, item.id, now) ? { ...sku, priceLi: item.livePriceLi, tiers: [] } : sku;
  });
  return { ...product, skus };
}

/** The quantity per item an order takes at the live price (lines merged by SKU, as checkout merges them). */
export function liveQuantities(show: Pick<LiveShowDoc, 'items' | 'status' | 'autoEndAt' | 'on'>, lines: readonly { productId: string; skuId: string; quantity: number }[], now: number): Record<string, number> {
  const taken: Record<string, number> = {};
  for (const line of lines) {
    const item = liveItemOf(show, line.productId, line.skuId);
    if (item && livePriceOn(show, item.id, now)) taken[item.id] = (taken[item.id] ?? 0) + line.quantity;
  }
  return taken;
}

/** Why the live price cannot be had for these quantities, read from the show as loaded (the order's update decides for good). */
export function liveOrderProblem(show: Pick<LiveShowDoc, 'items' | 'sold'>, quantities: Readonly<Record<string, number>>, takenByBuyer: Readonly<Record<string, number>>): { code: 'LIVE_LIMIT_EXCEEDED' | 'LIVE_SOLD_OUT'; itemId: string; message: string } | null {
  for (const [itemId, quantity] of Object.entries(quantities)) {
    const item = show.items.find((candidate) => candidate.id === itemId);
    if (!item) continue;
    if (item.limitPerBuyer !== null && (takenByBuyer[itemId] ?? 0) + quantity > item.limitPerBuyer) {
      const had = takenByBuyer[itemId] ?? 0;
      return { code: 'LIVE_LIMIT_EXCEEDED', itemId, message: `直播价每人限购 ${item.limitPerBuyer} 件${had ? `，你已经买了 ${had} 件` : ''}` };
    }
    if (item.stockCap !== null && (show.sold[itemId] ?? 0) + quantity > item.stockCap) {
      const left = Math.max(0, item.stockCap - (show.sold[itemId] ?? 0));
      return { code: 'LIVE_SOLD_OUT', itemId, message: left ? `直播价只剩 ${left} 件了，请少买一些` : '直播价的名额已经抢光了，可以等主播补库存' };
    }
  }
  return null;
}
