// The `campaigns` function: group-buy campaigns (团, 接龙). Vendors draft, open, end (截团) and copy
// them and read their orders and settlement; buyers read a campaign, its public list (跟团号,
// masked names, what was taken, when) and their own entry. Orders themselves are placed through
// `orders` with the campaign's id; here is only what belongs to the campaign.
// Buyers' views carry masked names and never a phone number; only vendors' views carry those.
import { z } from 'zod';
import { defineContract } from './define';
import { AmountFen, EpochMs, FileRef, Id, PriceLi, required, text } from './common';
import { CampaignPriceSource, DifferenceStatus, DifferenceView, EntryDisplay, FulfilmentKind, OrderState, PaymentMode } from './orders';
import { PickupPoint, ShopPublic } from './shop';

// Shared with orders (an order line's price source, an order's difference): defined there.
export { CampaignPriceSource, DifferenceStatus, DifferenceView };

/** draft: being written. scheduled: published, before its start. open: taking orders. ended: 截团 passed. */
export const CampaignState = z.enum(['draft', 'scheduled', 'open', 'ended']);
export type CampaignState = z.infer<typeof CampaignState>;

const Quantity = z.number().int().min(1).max(100_000_000);
/** A price a buyer pays in a campaign: never free. */
const CampaignPriceLi = PriceLi.pipe(z.number().min(1, '价格要大于 0'));

/** A lower price from a group total on (the campaign price holds from 1, so tiers start at 2). */
export const CampaignTier = z.object({ minQty: z.number().int().min(2).max(100_000_000), priceLi: CampaignPriceLi });
export type CampaignTier = z.infer<typeof CampaignTier>;

/**
 * One item of a campaign: SKUs of one product sold at one campaign price (or tier table), counted
 * together for the tiers. Two SKUs at different prices are two items of the same product.
 * Cross-field rules (tiers rising and falling, SKUs unique, cap vs stock) are checked by
 * campaignInputProblems with their own error codes.
 */
export const CampaignItemInput = z.object({
  productId: Id,
  skuIds: z.array(Id).min(1).max(20),
  priceLi: CampaignPriceLi,
  tiers: z.array(CampaignTier).max(5).default([]),
  /** Most one buyer may take of this item, over all their orders in the campaign. */
  limitPerBuyer: Quantity.nullable().default(null),
  /** Most the campaign sells of this item (on top of the product's own stock). */
  stockCap: Quantity.nullable().default(null),
});
export type CampaignItemInput = z.output<typeof CampaignItemInput>;

/** Which of the shop's fulfilment options the campaign offers. */
export const CampaignFulfilment = z.object({
  express: z.boolean().default(false),
  local: z.boolean().default(false),
  pickupPointIds: z.array(Id).max(20).default([]),
});
export type CampaignFulfilment = z.output<typeof CampaignFulfilment>;

/** Everything a vendor edits about a campaign. A draft may be unfinished (no items yet). */
export const CampaignInput = z.object({
  title: required(40),
  text: text(1000).default(''),
  images: z.array(FileRef.pipe(z.string().min(1))).max(9).default([]),
  startAt: EpochMs,
  /** 截团: the campaign takes no order from this time on. */
  endAt: EpochMs,
  items: z.array(CampaignItemInput).max(30),
  fulfilment: CampaignFulfilment,
});
export type CampaignInput = z.output<typeof CampaignInput>;

// ---- Views -------------------------------------------------------------------------------------

const TierView = z.object({ priceLi: PriceLi, minQty: z.number().int().min(1) });

export const CampaignItemView = z.object({
  id: Id,
  productId: Id,
  name: z.string(),
  unit: z.string(),
  image: z.string(),
  skus: z.array(z.object({ id: Id, spec: z.string(), minQty: z.number().int().min(1), stepQty: z.number().int().min(1) })),
  priceLi: PriceLi,
  tiers: z.array(CampaignTier),
  limitPerBuyer: z.number().int().min(1).nullable(),
  /** What the campaign can still sell of it; null when it has no cap. */
  capLeft: z.number().int().nonnegative().nullable(),
  /** The group total so far (counted orders). */
  countedQty: z.number().int().nonnegative(),
  current: TierView,
  next: z.object({ minQty: z.number().int().min(1), priceLi: PriceLi, remainingQty: z.number().int().min(1) }).nullable(),
  /** "再卖 12 斤降到 ¥25.00/斤"; empty for a single price. */
  progressText: z.string(),
  /** The tier fixed at 截团; null before. */
  final: TierView.nullable(),
});
export type CampaignItemView = z.infer<typeof CampaignItemView>;

/** Group totals by unit, for "已有 37 人跟团，共 82 斤". */
const UnitTotal = z.object({ unit: z.string(), quantity: z.number().int().nonnegative() });

export const CampaignPublic = z.object({
  id: Id,
  shopId: Id,
  title: z.string(),
  text: z.string(),
  images: z.array(z.string()),
  startAt: EpochMs,
  endAt: EpochMs,
  state: CampaignState,
  items: z.array(CampaignItemView),
  fulfilment: z.object({ express: z.boolean(), local: z.boolean(), pickupPoints: z.array(PickupPoint) }),
  /** Counted orders: one 跟团号 each. */
  entries: z.number().int().nonnegative(),
  totals: z.array(UnitTotal),
  /** The lowest price any item can reach, for the share card. */
  lowestPriceLi: PriceLi,
});
export type CampaignPublic = z.infer<typeof CampaignPublic>;

/** One line of the public 接龙 list: never a full name, never a phone number. */
export const PublicEntry = z.object({
  seq: z.number().int().min(1),
  /** Masked: "王*姨", "小*". */
  name: z.string().max(40),
  avatar: z.string(),
  /** "腊肉×2斤". */
  summary: z.string(),
  /** When it first counted; shown as "3分钟前". */
  at: EpochMs,
  /** The caller's own entry. */
  mine: z.boolean(),
});
export type PublicEntry = z.infer<typeof PublicEntry>;

export const SettlementStatus = z.enum(['none', 'settling', 'settled']);
export type SettlementStatus = z.infer<typeof SettlementStatus>;

const ItemFigures = z.object({ id: Id, name: z.string(), unit: z.string(), countedQty: z.number().int().nonnegative(), current: TierView });

/** A row of the vendor's campaign list, with its figures. */
export const CampaignRow = z.object({
  id: Id,
  title: z.string(),
  state: CampaignState,
  startAt: EpochMs,
  endAt: EpochMs,
  entries: z.number().int().nonnegative(),
  items: z.array(ItemFigures),
  /** Paid by counted orders. */
  takenFen: AmountFen,
  /** Price differences refunded so far. */
  refundedFen: AmountFen,
  settlement: SettlementStatus,
});
export type CampaignRow = z.infer<typeof CampaignRow>;

/** The whole campaign as its vendor edits and runs it. */
export const CampaignVendorView = z.object({
  id: Id,
  shopId: Id,
  state: CampaignState,
  title: z.string(),
  text: z.string(),
  images: z.array(z.string()),
  startAt: EpochMs,
  endAt: EpochMs,
  items: z.array(CampaignItemView.extend({ skuIds: z.array(Id), stockCap: z.number().int().min(1).nullable(), takenQty: z.number().int().nonnegative() })),
  fulfilment: CampaignFulfilment,
  /** Set when the vendor ended it before its planned 截团. */
  endedEarly: z.object({ at: EpochMs, plannedEndAt: EpochMs }).nullable(),
  copiedFrom: Id.nullable(),
  entries: z.number().int().nonnegative(),
  settlement: SettlementStatus,
  updatedAt: EpochMs,
});
export type CampaignVendorView = z.infer<typeof CampaignVendorView>;

const OrderLineBrief = z.object({
  productId: Id,
  skuId: Id,
  name: z.string(),
  spec: z.string(),
  unit: z.string(),
  quantity: z.number().int().min(1),
  unitPriceLi: PriceLi,
  totalFen: AmountFen,
});

/** An order of the campaign as its vendor sees it: full name and phone, struck through when it no longer counts. */
export const CampaignOrderRow = z.object({
  orderId: Id,
  orderNo: z.string(),
  /** 跟团号; null for an order that never counted (unpaid). */
  seq: z.number().int().min(1).nullable(),
  state: OrderState,
  counts: z.boolean(),
  buyerName: z.string(),
  phone: z.string(),
  summary: z.string(),
  lines: z.array(OrderLineBrief),
  totalFen: AmountFen,
  paidFen: AmountFen,
  refundedFen: AmountFen,
  mode: PaymentMode,
  fulfilment: z.object({ kind: FulfilmentKind, pointId: Id.nullable(), pointName: z.string().nullable() }),
  buyerNote: z.string(),
  createdAt: EpochMs,
  countedAt: EpochMs.nullable(),
  difference: DifferenceView.nullable(),
});
export type CampaignOrderRow = z.infer<typeof CampaignOrderRow>;

export const SettlementTotals = z.object({
  orders: z.number().int().nonnegative(),
  paidGoodsFen: AmountFen,
  repricedGoodsFen: AmountFen,
  differenceFen: AmountFen,
  refundedFen: AmountFen,
  /** Owed on transfer orders, not yet marked as paid back (待退差价). */
  dueFen: AmountFen,
  /** Owed but not payable yet (transfers not confirmed, other refunds under way). */
  waitingFen: AmountFen,
  /** WeChat refunds sent, not yet confirmed. */
  processingFen: AmountFen,
});
export type SettlementTotals = z.infer<typeof SettlementTotals>;

/** A buyer's own order in the campaign. */
export const MyEntry = z.object({
  orderId: Id,
  orderNo: z.string(),
  seq: z.number().int().min(1).nullable(),
  state: OrderState,
  counts: z.boolean(),
  summary: z.string(),
  totalFen: AmountFen,
  paidFen: AmountFen,
  /** "已退差价 ¥7.50". */
  difference: DifferenceView.nullable(),
});
export type MyEntry = z.infer<typeof MyEntry>;

/** The most campaigns a shop's home page lists. */
export const SHOP_CAMPAIGNS_MAX = 10;

/** A campaign as the shop's home page lists it: taking orders now, or soon. */
export const CampaignCard = z.object({
  id: Id,
  title: z.string(),
  /** The campaign's first photo, else its first product's. */
  image: z.string(),
  state: CampaignState.extract(['scheduled', 'open']),
  startAt: EpochMs,
  endAt: EpochMs,
  /** "今天 20:00 截团" (open), "明天 08:00 开团" (scheduled), in Asia/Shanghai by the server's clock. */
  timeText: z.string(),
  entries: z.number().int().nonnegative(),
  /** The lowest price any item can reach, per `unit` of that item; `from` when there are other prices. */
  lowestPriceLi: PriceLi,
  unit: z.string(),
  from: z.boolean(),
});
export type CampaignCard = z.infer<typeof CampaignCard>;

// ---- Actions -----------------------------------------------------------------------------------

const campaignOnly = z.object({ campaignId: Id });
const vendorView = z.object({ campaign: CampaignVendorView });
const page = { cursor: z.string().max(64).optional(), limit: z.number().int().min(1).max(50).default(20) };
const entriesPage = { before: z.number().int().min(1).optional(), limit: z.number().int().min(1).max(50).default(20) };
const entriesOut = { entries: z.array(PublicEntry), nextBefore: z.number().int().min(1).nullable() };

const vendorErrors = ['CAMPAIGN_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'] as const;
const inputErrors = [
  'CAMPAIGN_TIME_INVALID',
  'CAMPAIGN_TIERS_INVALID',
  'CAMPAIGN_ITEM_DUPLICATE',
  'CAMPAIGN_CAP_ABOVE_STOCK',
  'CAMPAIGN_FULFILMENT_INVALID',
  'PRODUCT_NOT_FOUND',
  'SKU_NOT_FOUND',
  'CONTENT_REJECTED',
] as const;

export const campaignsContract = defineContract('campaigns', {
  // ---- Vendors (owner and staff) ----
  /** A new draft. */
  create: {
    access: 'user',
    input: z.object({ shopId: Id, campaign: CampaignInput }),
    output: vendorView,
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN', ...inputErrors],
  },
  /**
   * Edits a campaign: anything while draft or scheduled; once open, its goods and prices stay
   * (CAMPAIGN_ITEM_LOCKED) but the words, photos, 截团 time, caps and limits (only up) and
   * fulfilment may change; an ended campaign changes no more.
   */
  update: {
    access: 'user',
    input: z.object({ campaignId: Id, campaign: CampaignInput, expectedUpdatedAt: EpochMs.optional() }),
    output: vendorView,
    errors: [...vendorErrors, ...inputErrors, 'CAMPAIGN_ITEM_LOCKED', 'CAMPAIGN_INCOMPLETE', 'CAMPAIGN_END_PASSED', 'CAMPAIGN_STATE_CONFLICT', 'TIMEOUT'],
  },
  /** Schedules a draft (opens at its start time) or, with startNow, opens it at once. */
  publish: {
    access: 'user',
    input: z.object({ campaignId: Id, startNow: z.boolean().default(false) }),
    output: vendorView,
    errors: [...vendorErrors, ...inputErrors, 'CAMPAIGN_INCOMPLETE', 'CAMPAIGN_END_PASSED', 'CAMPAIGN_STATE_CONFLICT', 'TIMEOUT'],
  },
  /** A scheduled campaign back to draft, before it opens. */
  unpublish: {
    access: 'user',
    input: campaignOnly,
    output: vendorView,
    errors: [...vendorErrors, 'CAMPAIGN_STATE_CONFLICT'],
  },
  /** 截团 now: no more orders; the final tiers are fixed and settlement starts. Tapped twice, it ends once. */
  endNow: {
    access: 'user',
    input: campaignOnly,
    output: vendorView,
    errors: [...vendorErrors, 'CAMPAIGN_STATE_CONFLICT'],
  },
  /** 复制团: a new draft with the same words, photos, goods, prices and fulfilment, and the times moved on. */
  copy: {
    access: 'user',
    input: campaignOnly,
    output: vendorView,
    errors: vendorErrors,
  },
  vendorCampaign: {
    access: 'user',
    input: campaignOnly,
    output: vendorView,
    errors: vendorErrors,
  },
  listCampaigns: {
    access: 'user',
    input: z.object({ shopId: Id, state: CampaignState.optional(), ...page }),
    output: z.object({ campaigns: z.array(CampaignRow), nextCursor: z.string().nullable(), counts: z.partialRecord(CampaignState, z.number().int().nonnegative()) }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
  /** The campaign's orders by 跟团号 (unnumbered ones last), filtered by pickup point, state, or whether they count. */
  campaignOrders: {
    access: 'user',
    input: z.object({ campaignId: Id, pointId: Id.optional(), state: OrderState.optional(), counts: z.boolean().optional(), ...page }),
    output: z.object({ orders: z.array(CampaignOrderRow), nextCursor: z.string().nullable(), counts: z.object({ counted: z.number().int().nonnegative(), notCounted: z.number().int().nonnegative() }) }),
    errors: vendorErrors,
  },
  /** The settlement after 截团: final tier per item, totals, and the orders with a difference. */
  settlement: {
    access: 'user',
    input: z.object({ campaignId: Id, status: DifferenceStatus.optional(), ...page }),
    output: z.object({
      status: SettlementStatus,
      closedAt: EpochMs.nullable(),
      items: z.array(ItemFigures.extend({ final: TierView })),
      totals: SettlementTotals,
      orders: z.array(CampaignOrderRow),
      nextCursor: z.string().nullable(),
    }),
    errors: vendorErrors,
  },
  /** A transfer order's 待退差价: the vendor says they paid it back. Marked twice, it is marked once. */
  markDifferenceRefunded: {
    access: 'user',
    input: z.object({ orderId: Id, note: text(100).default('') }),
    output: z.object({ order: CampaignOrderRow }),
    errors: ['ORDER_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN', 'CAMPAIGN_DIFFERENCE_NOT_DUE'],
  },

  // ---- Buyers (anyone with the link; Moments' single-page mode has no login) ----
  /** The campaign page: goods with tiers and progress, counters, and the newest entries. */
  getCampaign: {
    access: 'public',
    input: campaignOnly,
    output: z.object({ shop: ShopPublic, campaign: CampaignPublic, ...entriesOut }),
    errors: ['CAMPAIGN_NOT_FOUND'],
  },
  /** The public 接龙 list, newest first, paged by 跟团号. */
  listEntries: {
    access: 'public',
    input: z.object({ campaignId: Id, ...entriesPage }),
    output: z.object(entriesOut),
    errors: ['CAMPAIGN_NOT_FOUND'],
  },
  /** The caller's own orders in the campaign, with any price difference owed or refunded. */
  myEntry: {
    access: 'user',
    input: campaignOnly,
    output: z.object({ entries: z.array(MyEntry) }),
    errors: ['CAMPAIGN_NOT_FOUND'],
  },
  /**
   * The name (and avatar) the public list shows for the caller's own entries in the campaign: every
   * order of theirs in it takes it. Their entries as they now are.
   */
  renameEntry: {
    access: 'user',
    input: z.object({ campaignId: Id, name: EntryDisplay.shape.name, avatar: FileRef.pipe(z.string().max(256)).optional() }),
    output: z.object({ entries: z.array(MyEntry) }),
    errors: ['CAMPAIGN_NOT_FOUND'],
  },
  /**
   * The shop's published campaigns that are open or yet to open (never drafts, ended ones or
   * another shop's), soonest 截团 first, at most SHOP_CAMPAIGNS_MAX: the home page's 正在跟团.
   */
  shopCampaigns: {
    access: 'public',
    input: z.object({ shopId: Id }),
    output: z.object({ campaigns: z.array(CampaignCard).max(SHOP_CAMPAIGNS_MAX) }),
    errors: ['SHOP_NOT_FOUND'],
  },
  /** The 接龙文案 to paste into a group: masked names only. */
  shareText: {
    access: 'public',
    input: campaignOnly,
    output: z.object({ text: z.string() }),
    errors: ['CAMPAIGN_NOT_FOUND'],
  },
});
