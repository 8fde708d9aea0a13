// Group-buy campaigns (团, 接龙): a vendor's post of several goods with a start and a 截团 time,
// whose orders form a public list and whose prices may fall as the group buys more. Pure rules:
// a campaign's state, what a vendor may save, publish, end and copy, which orders count; what a
// buyer may order at which price (campaign-ordering.ts). Prices are in campaign-pricing.ts,
// settlement at 截团 in campaign-settlement.ts, the words people read in campaign-text.ts, and
// replies in campaign-views.ts.
import type { CampaignFulfilment, CampaignInput, CampaignItemInput, CampaignState } from './contracts/campaigns';
import type { OrderFulfilment, OrderState, PaymentMode, PricedOrderLine } from './contracts/orders';
import { campaignTierProblem } from './campaign-pricing';
import type { CampaignSettlement } from './campaign-settlement';
import { ERROR_MESSAGES, type ErrorCode } from './errors';
import type { OrderCampaign, ProductDoc, ShopDoc } from './model';

export type { OrderCampaign };
import type { Fen } from './money';

// ---- The stored campaign -----------------------------------------------------------------------

export interface CampaignItem extends CampaignItemInput {
  /** "i1", "i2"...: given when a draft is saved, fixed once the campaign opens. */
  id: string;
}

/** A stored campaign (collection `campaigns`). Proposed for model.ts. */
export interface CampaignDoc {
  _id: string;
  shopId: string;
  title: string;
  text: string;
  images: string[];
  startAt: number;
  /** 截团: no order from this time on. Ending early moves it to that moment (see endedEarly). */
  endAt: number;
  items: CampaignItem[];
  fulfilment: CampaignFulfilment;
  /** Scheduled, open and ended are read from the times (campaignState); only draft is stored. */
  status: 'draft' | 'published';
  publishedAt: number | null;
  endedEarly: { at: number; by: string; plannedEndAt: number } | null;
  /** The last 跟团号 given: the function takes the next one with an atomic _.inc(1). */
  lastSeq: number;
  /** Orders counting now, and their quantity per item id (what the tier in force reads). */
  entries: number;
  counted: Record<string, number>;
  /** Quantity per item id held by live orders, unpaid ones included (what the stock cap reads). */
  taken: Record<string, number>;
  /**
   * The same per buyer (keyed by a hash of campaign and openid) for items with a per-buyer limit:
   * moved with `taken` in the same updates, so one buyer's simultaneous orders cannot pass the limit.
   * Absent until someone orders.
   */
  takenBy?: Record<string, Record<string, number>>;
  /** The order each 跟团号 went to, in order (seqOrders[n - 1] got n): pushed with lastSeq's increment. Absent until one counts. */
  seqOrders?: string[];
  /** Fixed once at 截团 (freezeSettlement); null before. */
  settlement: CampaignSettlement | null;
  copiedFrom: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/** What campaign rules read of an order (a stored order with its `campaign` has all of it). */
export interface CampaignOrder {
  _id: string;
  orderNo: string;
  buyerOpenId: string;
  state: OrderState;
  /** A refund asked for or under way, and the state it returns to. */
  pendingRefund: { amountFen: Fen; resume: OrderState } | null;
  lines: readonly PricedOrderLine[];
  totalFen: Fen;
  payment: { mode: PaymentMode; paidFen: Fen; refundedFen: Fen };
  fulfilment: OrderFulfilment;
  buyerNote: string;
  createdAt: number;
  history: readonly { to: OrderState; at: number }[];
  campaign: OrderCampaign;
}

export type CampaignProduct = Pick<ProductDoc, '_id' | 'shopId' | 'name' | 'unit' | 'images' | 'skus' | 'status'>;

// ---- State ---------------------------------------------------------------------------------------

/** draft until published; then scheduled before startAt, open until endAt, ended from endAt on. */
export function campaignState(campaign: Pick<CampaignDoc, 'status' | 'startAt' | 'endAt'>, now: number): CampaignState {
  if (campaign.status === 'draft') return 'draft';
  if (now >= campaign.endAt) return 'ended';
  if (now < campaign.startAt) return 'scheduled';
  return 'open';
}

export const CAMPAIGN_STATE_NAMES: Record<CampaignState, string> = { draft: '草稿', scheduled: '未开团', open: '跟团中', ended: '已截团' };

// ---- Which orders count ------------------------------------------------------------------------

/** States in which an order is on the public list: money paid or said to be on its way, and not called off. */
const COUNTED_STATES: readonly OrderState[] = ['to_confirm', 'paid', 'shipped', 'ready_for_pickup', 'completed'];

/**
 * Whether an order counts (on the public list and in the group total): paid, or a transfer the
 * buyer marked and the vendor has still to confirm, and any later state. A refund under way keeps
 * it counting unless it is a cancelled order's money going back; cancelled and fully refunded
 * orders leave the list.
 */
export function countsInList(order: Pick<CampaignOrder, 'state' | 'pendingRefund'>): boolean {
  if (order.state === 'refunding') return (order.pendingRefund?.resume ?? 'paid') !== 'cancelled';
  return COUNTED_STATES.includes(order.state);
}

/**
 * Whether an order counted at a moment, read from its history: the changes recorded up to that
 * moment (a change recorded after a later one never counts as earlier). 截团 reads the totals this
 * way, so a settlement that runs late, or twice, counts exactly what counted at 截团.
 */
export function countedAt(order: Pick<CampaignOrder, 'history'>, at: number): boolean {
  let upTo = 0;
  while (upTo < order.history.length && order.history[upTo].at <= at) upTo += 1;
  if (upTo === 0) return false;
  const state = order.history[upTo - 1].to;
  if (state !== 'refunding') return COUNTED_STATES.includes(state);
  // A refund under way: the order counts unless the refund returns a cancelled order's money.
  for (let index = upTo - 1; index >= 0; index -= 1) {
    const before = order.history[index].to;
    if (before !== 'refunding') return before !== 'cancelled';
  }
  return false;
}

/** The campaign item a SKU is sold under, or null. */
export function itemOf(campaign: Pick<CampaignDoc, 'items'>, productId: string, skuId: string): CampaignItem | null {
  return campaign.items.find((item) => item.productId === productId && item.skuIds.includes(skuId)) ?? null;
}

/** Quantity per item id in some order lines (lines outside the campaign are left out). */
export function quantitiesByItem(campaign: Pick<CampaignDoc, 'items'>, lines: readonly { productId: string; skuId: string; quantity: number }[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of lines) {
    const item = itemOf(campaign, line.productId, line.skuId);
    if (item) totals[item.id] = (totals[item.id] ?? 0) + line.quantity;
  }
  return totals;
}

function addInto(totals: Record<string, number>, more: Record<string, number>): void {
  for (const [id, quantity] of Object.entries(more)) totals[id] = (totals[id] ?? 0) + quantity;
}

/**
 * The group total per item id over the orders that count, every item present (0 when none): now,
 * or at a moment (`at`, read from the orders' history, as 截团 does).
 */
export function countedTotals(campaign: Pick<CampaignDoc, 'items'>, orders: readonly Pick<CampaignOrder, 'state' | 'pendingRefund' | 'history' | 'lines'>[], at?: number): Record<string, number> {
  const totals: Record<string, number> = Object.fromEntries(campaign.items.map((item) => [item.id, 0]));
  for (const order of orders) {
    if (at === undefined ? countsInList(order) : countedAt(order, at)) addInto(totals, quantitiesByItem(campaign, order.lines));
  }
  return totals;
}


// ---- Validation ----------------------------------------------------------------------------------

export type CampaignProblemCode = Extract<
  ErrorCode,
  | 'CAMPAIGN_TIME_INVALID'
  | 'CAMPAIGN_END_PASSED'
  | 'CAMPAIGN_TIERS_INVALID'
  | 'CAMPAIGN_ITEM_DUPLICATE'
  | 'CAMPAIGN_CAP_ABOVE_STOCK'
  | 'CAMPAIGN_FULFILMENT_INVALID'
  | 'CAMPAIGN_INCOMPLETE'
  | 'CAMPAIGN_ITEM_LOCKED'
  | 'CAMPAIGN_STATE_CONFLICT'
  | 'PRODUCT_NOT_FOUND'
  | 'SKU_NOT_FOUND'
>;

/** A rule a campaign breaks: its error code, a plain Chinese message, and the field (dotted path in CampaignInput). */
export interface CampaignProblem {
  code: CampaignProblemCode;
  path: string;
  message: string;
}

/** What validation reads besides the input: the shop's fulfilment and the goods the items name. */
export interface CampaignContext {
  shop: Pick<ShopDoc, '_id' | 'fulfilment'>;
  /** The stored products the items name; a missing one is reported. */
  products: readonly CampaignProduct[];
}

const problemAt = (code: CampaignProblemCode, path: string, message: string = ERROR_MESSAGES[code]): CampaignProblem => ({ code, path, message });

function itemProblems(items: readonly CampaignItemInput[], ctx: CampaignContext | undefined): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const at = `items.${index}`;
    item.skuIds.forEach((skuId, skuIndex) => {
      const key = `${item.productId}\u0000${skuId}`;
      if (seen.has(key)) problems.push(problemAt('CAMPAIGN_ITEM_DUPLICATE', `${at}.skuIds.${skuIndex}`));
      seen.add(key);
    });
    const tier = campaignTierProblem(item, item.stockCap);
    if (tier) problems.push(problemAt('CAMPAIGN_TIERS_INVALID', `${at}.tiers.${tier.index}`, tier.message));
    if (!ctx) return;
    const product = ctx.products.find((candidate) => candidate._id === item.productId);
    if (!product || product.shopId !== ctx.shop._id) {
      problems.push(problemAt('PRODUCT_NOT_FOUND', `${at}.productId`));
      return;
    }
    let stock = 0;
    item.skuIds.forEach((skuId, skuIndex) => {
      const sku = product.skus.find((candidate) => candidate.id === skuId);
      if (!sku) problems.push(problemAt('SKU_NOT_FOUND', `${at}.skuIds.${skuIndex}`, `“${product.name}”没有这个规格了，请重新选择`));
      else stock += sku.stock;
    });
    if (item.stockCap !== null && item.stockCap > stock) {
      problems.push(problemAt('CAMPAIGN_CAP_ABOVE_STOCK', `${at}.stockCap`, `“${product.name}”现在只有${stock}${product.unit}库存，团购限量不能比它多`));
    }
  });
  return problems;
}

function fulfilmentProblems(fulfilment: CampaignFulfilment, ctx: CampaignContext | undefined): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  const seen = new Set<string>();
  fulfilment.pickupPointIds.forEach((pointId, index) => {
    if (seen.has(pointId)) problems.push(problemAt('CAMPAIGN_FULFILMENT_INVALID', `fulfilment.pickupPointIds.${index}`, '自提点选重复了'));
    seen.add(pointId);
  });
  if (!ctx) return problems;
  const shop = ctx.shop.fulfilment;
  if (fulfilment.express && !shop.express.enabled) problems.push(problemAt('CAMPAIGN_FULFILMENT_INVALID', 'fulfilment.express', '小店没有开通快递，请先在店铺设置里开通'));
  if (fulfilment.local && !shop.local.enabled) problems.push(problemAt('CAMPAIGN_FULFILMENT_INVALID', 'fulfilment.local', '小店没有开通同城配送，请先在店铺设置里开通'));
  fulfilment.pickupPointIds.forEach((pointId, index) => {
    if (!shop.pickup.enabled || !shop.pickup.points.some((point) => point.id === pointId)) {
      problems.push(problemAt('CAMPAIGN_FULFILMENT_INVALID', `fulfilment.pickupPointIds.${index}`, '这个自提点已经没有了，请重新选择'));
    }
  });
  return problems;
}

/**
 * Rules the schema cannot express, each with its own code: 截团 after the start, tiers rising in
 * quantity and falling in price (and reachable under the cap), each SKU in one item only; with the
 * context, goods of this shop, SKUs that exist, a cap within stock, and fulfilment the shop offers.
 * A draft may be unfinished; publishProblems adds what opening needs.
 */
export function campaignInputProblems(input: CampaignInput, ctx?: CampaignContext): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  if (input.endAt <= input.startAt) problems.push(problemAt('CAMPAIGN_TIME_INVALID', 'endAt'));
  return [...problems, ...itemProblems(input.items, ctx), ...fulfilmentProblems(input.fulfilment, ctx)];
}

/** Everything a campaign needs to open at `now`: valid, with goods buyers can see, a way to get them, and 截团 still ahead. */
export function publishProblems(campaign: CampaignInput, ctx: CampaignContext, now: number): CampaignProblem[] {
  const problems = campaignInputProblems(campaign, ctx);
  if (campaign.endAt <= now) problems.push(problemAt('CAMPAIGN_END_PASSED', 'endAt'));
  if (campaign.items.length === 0) problems.push(problemAt('CAMPAIGN_INCOMPLETE', 'items', '请至少放一件商品进团'));
  const { express, local, pickupPointIds } = campaign.fulfilment;
  if (!express && !local && pickupPointIds.length === 0) problems.push(problemAt('CAMPAIGN_INCOMPLETE', 'fulfilment', '请至少选一种收货方式：快递、同城配送或自提点'));
  campaign.items.forEach((item, index) => {
    const product = ctx.products.find((candidate) => candidate._id === item.productId);
    if (product && product.shopId === ctx.shop._id && (product.status === 'draft' || product.status === 'off_shelf')) {
      problems.push(problemAt('PRODUCT_NOT_FOUND', `items.${index}.productId`, `“${product.name}”还没上架，请先上架再开团`));
    }
  });
  return problems;
}

// ---- Changes -------------------------------------------------------------------------------------

export type CampaignResult =
  | { ok: true; outcome: 'moved'; campaign: CampaignDoc }
  /** Nothing to do (a double tap, a timer that lost the race); the campaign is unchanged. */
  | { ok: true; outcome: 'noop'; campaign: CampaignDoc; why: string }
  | { ok: false; problems: CampaignProblem[] };

const refused = (problems: CampaignProblem[]): CampaignResult => ({ ok: false, problems });
const conflict = (message: string, path = ''): CampaignResult => refused([problemAt('CAMPAIGN_STATE_CONFLICT', path, message)]);

/** Items with ids by position: a draft's goods may be rearranged freely, since no order names them yet. */
function withItemIds(items: readonly CampaignItemInput[]): CampaignItem[] {
  return items.map((item, index) => ({ ...item, skuIds: [...item.skuIds], tiers: [...item.tiers], id: `i${index + 1}` }));
}

function contentOf(input: CampaignInput): Pick<CampaignDoc, 'title' | 'text' | 'images' | 'startAt' | 'endAt' | 'fulfilment'> {
  return {
    title: input.title,
    text: input.text,
    images: [...input.images],
    startAt: input.startAt,
    endAt: input.endAt,
    fulfilment: { ...input.fulfilment, pickupPointIds: [...input.fulfilment.pickupPointIds] },
  };
}

/** The input a stored campaign was saved from: what the editor shows, and what publishing checks. */
export function toCampaignInput(campaign: CampaignDoc): CampaignInput {
  return {
    title: campaign.title,
    text: campaign.text,
    images: campaign.images,
    startAt: campaign.startAt,
    endAt: campaign.endAt,
    items: campaign.items.map(({ id: _id, ...item }) => item),
    fulfilment: campaign.fulfilment,
  };
}

export interface NewCampaign {
  id: string;
  shopId: string;
  by: string;
  at: number;
  input: CampaignInput;
  ctx: CampaignContext;
}

/** A new draft. */
export function createCampaign({ id, shopId, by, at, input, ctx }: NewCampaign): CampaignResult {
  const problems = campaignInputProblems(input, ctx);
  if (problems.length) return refused(problems);
  return { ok: true, outcome: 'moved', campaign: blankCampaign({ id, shopId, by, at, ...contentOf(input), items: withItemIds(input.items), copiedFrom: null }) };
}

function blankCampaign(fields: Pick<CampaignDoc, 'shopId' | 'title' | 'text' | 'images' | 'startAt' | 'endAt' | 'items' | 'fulfilment' | 'copiedFrom'> & { id: string; by: string; at: number }): CampaignDoc {
  const { id, by, at, ...content } = fields;
  return { _id: id, ...content, status: 'draft', publishedAt: null, endedEarly: null, lastSeq: 0, entries: 0, counted: {}, taken: {}, settlement: null, createdBy: by, createdAt: at, updatedAt: at };
}

const sameNumbers = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b);

/** Why an open campaign's items may not become `next`: goods and prices stay; caps and limits only go up. */
function lockedItemProblems(campaign: CampaignDoc, next: readonly CampaignItemInput[]): CampaignProblem[] {
  if (next.length !== campaign.items.length) return [problemAt('CAMPAIGN_ITEM_LOCKED', 'items')];
  const problems: CampaignProblem[] = [];
  campaign.items.forEach((item, index) => {
    const after = next[index];
    const at = `items.${index}`;
    if (after.productId !== item.productId || !sameNumbers([...after.skuIds].sort(), [...item.skuIds].sort()) || after.priceLi !== item.priceLi || !sameNumbers(after.tiers, item.tiers)) {
      problems.push(problemAt('CAMPAIGN_ITEM_LOCKED', at));
      return;
    }
    const taken = campaign.taken[item.id] ?? 0;
    if (after.stockCap !== null && (item.stockCap === null || after.stockCap < Math.max(item.stockCap, taken))) {
      problems.push(problemAt('CAMPAIGN_ITEM_LOCKED', `${at}.stockCap`, item.stockCap === null ? '已经开团了，不能再加限量' : `已经开团了，限量只能调高（至少${Math.max(item.stockCap, taken)}）`));
    }
    if (after.limitPerBuyer !== null && (item.limitPerBuyer === null || after.limitPerBuyer < item.limitPerBuyer)) {
      problems.push(problemAt('CAMPAIGN_ITEM_LOCKED', `${at}.limitPerBuyer`, '已经开团了，每人限购只能调高或取消'));
    }
  });
  return problems;
}

/**
 * A vendor's edit. Draft and scheduled: anything valid (a scheduled one must stay ready to open).
 * Open: words, photos, fulfilment and the 截团 time (still ahead) may change; goods and prices
 * stay, caps and limits only go up, the start stays. Ended: nothing.
 */
export function updateCampaign(campaign: CampaignDoc, input: CampaignInput, ctx: CampaignContext, now: number): CampaignResult {
  const state = campaignState(campaign, now);
  if (state === 'ended') return conflict('已经截团了，不能再修改');
  if (state === 'open') {
    // Stock is being sold while open, so a cap (which counts what was sold) is no longer compared with what is left.
    const problems = campaignInputProblems(input, ctx).filter((problem) => problem.code !== 'CAMPAIGN_CAP_ABOVE_STOCK');
    problems.push(...lockedItemProblems(campaign, input.items));
    if (input.startAt !== campaign.startAt) problems.push(problemAt('CAMPAIGN_ITEM_LOCKED', 'startAt', '已经开团了，开团时间不能改'));
    if (input.endAt <= now) problems.push(problemAt('CAMPAIGN_END_PASSED', 'endAt', '截团时间要在现在之后；要马上截团请点“截团”'));
    if (problems.length) return refused(problems);
    const items = campaign.items.map((item, index) => ({ ...item, stockCap: input.items[index].stockCap, limitPerBuyer: input.items[index].limitPerBuyer }));
    return { ok: true, outcome: 'moved', campaign: { ...campaign, ...contentOf(input), items, updatedAt: now } };
  }
  const problems = state === 'scheduled' ? publishProblems(input, ctx, now) : campaignInputProblems(input, ctx);
  if (problems.length) return refused(problems);
  const content = contentOf(input);
  // A scheduled campaign whose start is moved into the past opens now.
  if (state === 'scheduled' && content.startAt < now) content.startAt = now;
  return { ok: true, outcome: 'moved', campaign: { ...campaign, ...content, items: withItemIds(input.items), updatedAt: now } };
}

/** Opens a draft: at its start time (scheduled), or at once with startNow or when the start has passed. */
export function publishCampaign(campaign: CampaignDoc, ctx: CampaignContext, opts: { now: number; startNow: boolean }): CampaignResult {
  const { now, startNow } = opts;
  const state = campaignState(campaign, now);
  if (state === 'scheduled' || state === 'open') return { ok: true, outcome: 'noop', campaign, why: 'already_published' };
  if (state === 'ended') return conflict('已经截团了，可以复制一个新团');
  const problems = publishProblems(toCampaignInput(campaign), ctx, now);
  if (problems.length) return refused(problems);
  const startAt = startNow || campaign.startAt < now ? now : campaign.startAt;
  return { ok: true, outcome: 'moved', campaign: { ...campaign, status: 'published', publishedAt: now, startAt, updatedAt: now } };
}

/** A scheduled campaign back to draft (before it opens nobody can have joined). */
export function unpublishCampaign(campaign: CampaignDoc, now: number): CampaignResult {
  const state = campaignState(campaign, now);
  if (state === 'draft') return { ok: true, outcome: 'noop', campaign, why: 'already_draft' };
  if (state !== 'scheduled') return conflict(state === 'open' ? '已经开团了，不能改回草稿；不想卖了请截团' : '已经截团了');
  return { ok: true, outcome: 'moved', campaign: { ...campaign, status: 'draft', publishedAt: null, updatedAt: now } };
}

/** 截团 now: the 截团 time becomes this moment. Ending an ended campaign changes nothing (a double tap, the timer). */
export function endCampaign(campaign: CampaignDoc, opts: { now: number; by: string }): CampaignResult {
  const { now, by } = opts;
  const state = campaignState(campaign, now);
  if (state === 'ended') return { ok: true, outcome: 'noop', campaign, why: 'already_ended' };
  if (state !== 'open') return conflict(state === 'draft' ? '这个团还是草稿，没有开团' : '还没开团，不用截团；不想开了可以改回草稿');
  return { ok: true, outcome: 'moved', campaign: { ...campaign, endAt: now, endedEarly: { at: now, by, plannedEndAt: campaign.endAt }, updatedAt: now } };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * 复制团: a new draft with the same words, photos, goods, prices, limits, caps and fulfilment. Its
 * times move on by whole days (Asia/Shanghai has no daylight saving, so the clock times stay) until
 * the planned 截团 is ahead: yesterday's "今晚 20:00 截团" becomes tonight's.
 */
export function copyCampaign(source: CampaignDoc, opts: { id: string; by: string; now: number }): CampaignDoc {
  const { id, by, now } = opts;
  const plannedEndAt = source.endedEarly?.plannedEndAt ?? source.endAt;
  const days = plannedEndAt > now ? 0 : Math.floor((now - plannedEndAt) / DAY_MS) + 1;
  const shift = days * DAY_MS;
  const input = toCampaignInput(source);
  return blankCampaign({
    id,
    by,
    at: now,
    shopId: source.shopId,
    ...contentOf(input),
    startAt: source.startAt + shift,
    endAt: plannedEndAt + shift,
    items: withItemIds(input.items),
    copiedFrom: source._id,
  });
}
