// The `orders` function: buyers price a cart and place orders; vendors confirm money, ship and
// refund. Every amount in a reply is computed by the server; the client's own arithmetic is only
// ever compared (expectedTotalFen), never trusted.
import { z } from 'zod';
import { defineContract } from './define';
import { AmountFen, EpochMs, FileRef, Id, PriceLi, required, text } from './common';
import { PickupPoint } from './shop';
import { pickupActionDefs } from './pickup';

// ---- Addresses and fulfilment ----------------------------------------------------------------

/** Mainland mobile numbers: couriers and vendors call or text them. */
export const MobilePhone = z.string().trim().regex(/^1\d{10}$/, '请填写 11 位手机号');

export const Address = z.object({
  name: required(20),
  phone: MobilePhone,
  province: required(10),
  city: required(20),
  /** Some prefecture cities (东莞, 中山) have no district level. */
  district: text(20),
  detail: required(100),
});
export type Address = z.infer<typeof Address>;

/** A buyer's saved address (their address book), by id. */
export const SavedAddress = Address.extend({ id: Id, isDefault: z.boolean() });
export type SavedAddress = z.infer<typeof SavedAddress>;

/** Who picks up at a pickup point. */
export const PickupContact = z.object({ name: required(20), phone: MobilePhone });
export type PickupContact = z.infer<typeof PickupContact>;

export const FulfilmentKind = z.enum(['express', 'local', 'pickup']);
export type FulfilmentKind = z.infer<typeof FulfilmentKind>;

/**
 * What a quote needs to price the fee: the province matters for express only, and may be unknown
 * before the buyer has chosen an address (then the flat fee is quoted).
 */
export const FulfilmentChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('express'), province: text(10).nullable().default(null) }),
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('pickup'), pointId: Id }),
]);
export type FulfilmentChoice = z.output<typeof FulfilmentChoice>;

/** What placing an order needs: delivery comes with an address, pickup with a contact. */
export const FulfilmentInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('express'), address: Address }),
  z.object({ kind: z.literal('local'), address: Address }),
  z.object({ kind: z.literal('pickup'), pointId: Id, contact: PickupContact }),
]);
export type FulfilmentInput = z.infer<typeof FulfilmentInput>;

/** Fulfilment as stored on an order: the pickup point is copied, so later edits don't move it. */
export const OrderFulfilment = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('express'),
    address: Address,
    tracking: z.object({ carrier: text(20), number: text(40) }).nullable(),
  }),
  z.object({ kind: z.literal('local'), address: Address }),
  z.object({ kind: z.literal('pickup'), point: PickupPoint, contact: PickupContact }),
]);
export type OrderFulfilment = z.infer<typeof OrderFulfilment>;

// ---- Lines and prices ------------------------------------------------------------------------

export const CartLine = z.object({ productId: Id, skuId: Id, quantity: z.number().int().min(1).max(100_000_000) });
export type CartLine = z.infer<typeof CartLine>;

/**
 * Where a line's unit price came from. Discriminated by `kind` so later sources are added as new
 * variants without touching the old ones, e.g. `{kind: 'groupbuy', campaignId}` or
 * `{kind: 'live', sessionId}` (a live session's price for a pinned item).
 */
export const PriceSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('base') }),
  z.object({ kind: z.literal('tier'), minQty: z.number().int().min(1) }),
  /** A group-buy campaign's item, at the tier in force (from the group's counted total) when placed. */
  z.object({ kind: z.literal('campaign'), campaignId: Id, itemId: Id, minQty: z.number().int().min(1) }),
  /** A 拼团 offer's price: 团长价 (leader) for whoever starts the group, else the 拼团价. */
  z.object({ kind: z.literal('group'), offerId: Id, leader: z.boolean() }),
  /** A live show's price for one of its items, while the show was live and the item on. */
  z.object({ kind: z.literal('live'), showId: Id, itemId: Id }),
]);
export type PriceSource = z.infer<typeof PriceSource>;

/** Where a campaign line's unit price came from: the item's tier in force when it was placed. */
export const CampaignPriceSource = PriceSource.options[2];
export type CampaignPriceSource = z.infer<typeof CampaignPriceSource>;

/** An order line with its snapshot: what the buyer saw and agreed to, whatever the product becomes. */
export const PricedOrderLine = z.object({
  productId: Id,
  skuId: Id,
  name: z.string(),
  spec: z.string(),
  unit: z.string(),
  image: z.string(),
  quantity: z.number().int().min(1),
  unitPriceLi: PriceLi,
  priceSource: PriceSource,
  totalFen: AmountFen,
});
export type PricedOrderLine = z.infer<typeof PricedOrderLine>;

export const PaymentMode = z.enum(['wechat', 'offline']);
export type PaymentMode = z.infer<typeof PaymentMode>;

// ---- Group-buy campaigns (the campaigns contract re-exports these) ----

/**
 * A price difference owed to a buyer after 截团. none: nothing owed (the final price is what they
 * paid, or the money already went back another way). waiting: owed, but it cannot go back yet (the
 * transfer is not confirmed, or another refund is under way). due: a transfer order's 待退差价,
 * which the vendor pays back and marks. processing: a WeChat refund sent. done: paid back.
 */
export const DifferenceStatus = z.enum(['none', 'waiting', 'due', 'processing', 'done']);
export type DifferenceStatus = z.infer<typeof DifferenceStatus>;

export const DifferenceView = z.object({ differenceFen: AmountFen, refundedFen: AmountFen, status: DifferenceStatus });
export type DifferenceView = z.infer<typeof DifferenceView>;

/** How many characters a person sees: an emoji or a combined character is one (code points where the engine has no Intl.Segmenter). */
export function visibleLength(value: string): number {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) return Array.from(new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(value)).length;
  return Array.from(value).length;
}

/**
 * The name and avatar a buyer chose to show on a campaign's public list (WeChat's 头像昵称填写);
 * without one, the receiver's or pickup contact's name is shown, masked.
 */
export const EntryDisplay = z.object({
  name: z.string().trim().min(1).max(80).refine((name) => visibleLength(name) <= 20, '昵称最多 20 个字'),
  avatar: FileRef.pipe(z.string().max(256)).default(''),
});
export type EntryDisplay = z.output<typeof EntryDisplay>;

// ---- N-person 拼团 (the groupbuy contract re-exports GroupState) ----

/**
 * forming: started, the starter has not paid yet (nobody else sees it). open: the starter paid;
 * others may join until the deadline. succeeded: N members paid; every member's order ships.
 * failed: the deadline passed unfilled (every paid member refunded), or the starter never paid.
 */
export const GroupState = z.enum(['forming', 'open', 'succeeded', 'failed']);
export type GroupState = z.infer<typeof GroupState>;

/** 发起拼团 (no groupId) or 参团 (groupId): the order takes a seat in the group at placement. */
export const GroupChoice = z.object({ offerId: Id, groupId: Id.optional() });
export type GroupChoice = z.infer<typeof GroupChoice>;

/**
 * A 拼团 order's group. seat: held (taken at placement, not paid), paid (a member), left (released
 * unpaid, or refunded). A paid order cannot be shipped until status is succeeded. `missing` and
 * `deadlineAt` come from the group itself: filled by getOrder, null in other replies.
 */
export const OrderGroupView = z.object({
  offerId: Id,
  groupId: Id,
  leader: z.boolean(),
  seat: z.enum(['held', 'paid', 'left']),
  status: GroupState,
  size: z.number().int().min(2),
  missing: z.number().int().nonnegative().nullable(),
  deadlineAt: EpochMs.nullable(),
});
export type OrderGroupView = z.infer<typeof OrderGroupView>;

/** Where an order came from; group-buy campaigns and live sessions will add their ids here. */
export const OrderSource = z.object({
  ref: z.string().trim().max(32).nullable().default(null),
  scene: z.number().int().min(1000).max(9999).nullable().default(null),
});
export type OrderSource = z.output<typeof OrderSource>;

/** A reason that a cart can't be ordered as it is, shown next to the line or option it is about. */
export const CheckoutProblemView = z.object({
  code: z.string(),
  message: z.string(),
  productId: Id.optional(),
  skuId: Id.optional(),
});

export const OrderQuote = z.object({
  lines: z.array(PricedOrderLine),
  goodsFen: AmountFen,
  feeFen: AmountFen,
  totalFen: AmountFen,
});
export type OrderQuote = z.infer<typeof OrderQuote>;

/**
 * What a shop offers at checkout, so the buyer only sees choices that work: each fulfilment kind
 * with its fee rule (null when not offered), the pickup points, and the payment modes.
 */
export const CheckoutOptions = z.object({
  express: z.object({ feeFen: AmountFen, freeAboveFen: AmountFen.nullable() }).nullable(),
  local: z.object({ areaNote: z.string(), feeFen: AmountFen }).nullable(),
  pickup: z.object({ points: z.array(PickupPoint) }).nullable(),
  payment: z.array(PaymentMode),
});
export type CheckoutOptions = z.infer<typeof CheckoutOptions>;

// ---- Orders ----------------------------------------------------------------------------------

/**
 * to_pay: waiting for money. to_confirm: the buyer says they transferred offline; the vendor checks.
 * refunding: a refund is asked for or under way; the order returns to where it was if partial.
 */
export const OrderState = z.enum(['to_pay', 'to_confirm', 'paid', 'shipped', 'ready_for_pickup', 'completed', 'cancelled', 'refunding', 'refunded']);
export type OrderState = z.infer<typeof OrderState>;

export const ActorRole = z.enum(['buyer', 'vendor', 'system', 'payment']);
export type ActorRole = z.infer<typeof ActorRole>;

/** Where an order goes back to when its refund is partial, declined, or (for a cancelled order) done. */
export const ResumeState = OrderState.extract(['paid', 'shipped', 'ready_for_pickup', 'completed', 'cancelled']);
export type ResumeState = z.infer<typeof ResumeState>;

export const OrderHistoryView = z.object({
  event: z.string(),
  from: OrderState,
  to: OrderState,
  actor: ActorRole,
  at: EpochMs,
  reason: z.string(),
  amountFen: AmountFen.nullable(),
});

/** One refund: WeChat Pay refunds carry their own refund number (out_refund_no). */
export const RefundView = z.object({
  refundNo: z.string(),
  amountFen: AmountFen,
  mode: PaymentMode,
  /** processing: sent to WeChat Pay, not yet confirmed; failed: the vendor must act. */
  status: z.enum(['processing', 'done', 'failed']),
  reason: z.string(),
  at: EpochMs,
});
export type RefundView = z.infer<typeof RefundView>;

/** Where an offline transfer goes: the vendor's receiving QR (a display URL) and instructions. */
export const Payee = z.object({ qrImage: z.string(), instructions: z.string() });
export type Payee = z.infer<typeof Payee>;

/** What `Taro.requestPayment` takes, as unifiedOrder's `payment` gives it. */
export const WxPayParams = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('MD5').or(z.literal('RSA')).or(z.literal('HMAC-SHA256')),
  paySign: z.string(),
});
export type WxPayParams = z.infer<typeof WxPayParams>;

export const OrderView = z.object({
  id: Id,
  /** Short number a buyer writes in a transfer's note ("备注订单号"). */
  orderNo: z.string(),
  shopId: Id,
  state: OrderState,
  lines: z.array(PricedOrderLine),
  goodsFen: AmountFen,
  feeFen: AmountFen,
  totalFen: AmountFen,
  fulfilment: OrderFulfilment,
  payment: z.object({
    mode: PaymentMode,
    paidFen: AmountFen,
    refundedFen: AmountFen,
    transferNote: z.string().nullable(),
  }),
  refunds: z.array(RefundView),
  /**
   * A refund waiting for the vendor (requested: the buyer asked, or a WeChat refund failed) or one
   * under way (processing); null when none. `resume` is where the order goes back to.
   */
  pendingRefund: z
    .object({ amountFen: AmountFen, status: z.enum(['requested', 'processing']), reason: z.string(), requestedBy: ActorRole, resume: ResumeState })
    .nullable(),
  buyerNote: z.string(),
  createdAt: EpochMs,
  /** Unpaid orders are cancelled at this time (null once paid). */
  expiresAt: EpochMs.nullable(),
  history: z.array(OrderHistoryView),
  /** A group-buy campaign's order: its 跟团号 once it counted, and the price difference after 截团. */
  campaign: z.object({ campaignId: Id, seq: z.number().int().min(1).nullable(), difference: DifferenceView.nullable() }).nullable(),
  /** A 拼团 order: 拼团中 (还差 k 人) until its group succeeds; 拼团失败·已退款 when it failed. */
  group: OrderGroupView.nullable().default(null),
  /** Placed from a live show's page: the show, and the items it got at the live price. */
  live: z.object({ showId: Id, itemIds: z.array(Id) }).nullable().default(null),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderSummary = z.object({
  id: Id,
  orderNo: z.string(),
  shopId: Id,
  state: OrderState,
  /** First line's name and image, and how many lines in all: "腊肉 等 3 件". */
  title: z.string(),
  image: z.string(),
  lineCount: z.number().int().nonnegative(),
  totalFen: AmountFen,
  /** For vendors: who to send it to. */
  receiverName: z.string(),
  createdAt: EpochMs,
  /** A 拼团 order whose group has not succeeded: not to be handed over yet (拼团中). */
  awaitingGroup: z.boolean().default(false),
  /** For vendors: 老客, the buyer paid for an earlier order in this shop. */
  returning: z.boolean().default(false),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

const page = { cursor: z.string().max(64).optional(), limit: z.number().int().min(1).max(50).default(20) };
const pageOut = z.object({ orders: z.array(OrderSummary), nextCursor: z.string().nullable() });
const orderOnly = z.object({ orderId: Id });
const orderOut = z.object({ order: OrderView });
const reason = (max = 100) => required(max);

const checkoutErrors = [
  'SHOP_NOT_FOUND',
  'PRODUCT_NOT_FOUND',
  'SKU_NOT_FOUND',
  'OUT_OF_STOCK',
  'QUANTITY_NOT_ALLOWED',
  'FULFILMENT_NOT_OFFERED',
  'PICKUP_POINT_UNKNOWN',
] as const;
/** Why an order cannot be placed in a campaign (quote gives them as problems). */
/** Why an order cannot take a seat in a 拼团 (quote gives them as problems). */
const groupOrderErrors = ['GROUP_OFFER_NOT_FOUND', 'GROUP_OFFER_NOT_OPEN', 'GROUP_NOT_FOUND', 'GROUP_FULL', 'GROUP_ENDED', 'GROUP_ALREADY_JOINED', 'GROUP_LIMIT_EXCEEDED', 'GROUP_ONE_PRODUCT'] as const;
const liveOrderErrors = ['LIVE_SHOW_NOT_FOUND', 'LIVE_LIMIT_EXCEEDED', 'LIVE_SOLD_OUT'] as const;
const campaignOrderErrors = ['CAMPAIGN_NOT_FOUND', 'CAMPAIGN_NOT_STARTED', 'CAMPAIGN_ENDED', 'CAMPAIGN_ITEM_NOT_FOUND', 'CAMPAIGN_LIMIT_EXCEEDED', 'CAMPAIGN_SOLD_OUT'] as const;
// Every action below that changes an order is idempotent on the call's requestId: a replay from
// the same person (a lost reply, a double tap) gets the order as it is now and changes nothing,
// so a client keeps one requestId per intended action until it succeeds.
const buyerOrderErrors = ['ORDER_NOT_FOUND', 'ORDER_STATE_CONFLICT'] as const;
const vendorOrderErrors = ['ORDER_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN', 'ORDER_STATE_CONFLICT'] as const;

export const ordersContract = defineContract('orders', {
  /** The shop's fulfilment and payment choices for its checkout page. */
  checkoutOptions: {
    access: 'public',
    input: z.object({ shopId: Id }),
    output: z.object({ options: CheckoutOptions }),
    errors: ['SHOP_NOT_FOUND'],
  },
  /** Prices a cart without placing it; problems come back as data so the cart can show them per line. */
  quote: {
    access: 'public',
    input: z.object({ shopId: Id, lines: z.array(CartLine).min(1).max(50), fulfilment: FulfilmentChoice, payment: PaymentMode.optional(), campaignId: Id.optional(), group: GroupChoice.optional(), liveShowId: Id.optional() }),
    output: z.object({ quote: OrderQuote.nullable(), problems: z.array(CheckoutProblemView) }),
    errors: ['SHOP_NOT_FOUND', 'CAMPAIGN_NOT_FOUND'],
  },
  /**
   * Places an order from a cart or "buy now". Idempotent on the call's requestId: a retry returns
   * the order the first call made (TIMEOUT when that first call is still running: retry with the
   * same requestId). PRICE_CHANGED when expectedTotalFen (what the buyer saw) no
   * longer matches, so nobody pays an amount they did not confirm.
   */
  place: {
    access: 'user',
    input: z.object({
      shopId: Id,
      lines: z.array(CartLine).min(1).max(50),
      fulfilment: FulfilmentInput,
      payment: PaymentMode,
      buyerNote: text(200).default(''),
      source: OrderSource.default({ ref: null, scene: null }),
      expectedTotalFen: AmountFen.optional(),
      /** Ordering in a group-buy campaign (跟团): its prices, fulfilment, limits and cap apply. */
      campaignId: Id.optional(),
      /**
       * 拼团: one line of the offer's product, WeChat Pay only (PAYMENT_NOT_OFFERED otherwise);
       * without groupId it starts a group. Not together with campaignId.
       */
      group: GroupChoice.optional(),
      /** The name and avatar to show on the campaign's public list or the group's page; only with campaignId or group. */
      display: EntryDisplay.optional(),
      /**
       * Ordering from a live show's page: each line that is one of the show's items gets its live
       * price while the show is live and the item is on (by the server's clock), within the item's
       * per-buyer cap and live stock (LIVE_LIMIT_EXCEEDED, LIVE_SOLD_OUT); other lines, or after
       * 下播, the usual price. The order records the show, the items and the scene. Not with
       * campaignId or group.
       */
      liveShowId: Id.optional(),
    }),
    output: z.object({ order: OrderView }),
    errors: [...checkoutErrors, ...campaignOrderErrors, ...groupOrderErrors, ...liveOrderErrors, 'PAYMENT_NOT_OFFERED', 'PRICE_CHANGED', 'TIMEOUT'],
  },
  myOrders: {
    access: 'user',
    input: z.object({ state: OrderState.optional(), ...page }),
    output: pageOut,
    errors: [],
  },
  /**
   * Buyers see their own orders, vendors their shop's; anyone else gets ORDER_NOT_FOUND. `payee`
   * is the vendor's receiving QR and instructions for an offline order still to be paid.
   */
  getOrder: {
    access: 'user',
    input: orderOnly,
    output: z.object({ order: OrderView, payee: Payee.nullable() }),
    errors: ['ORDER_NOT_FOUND'],
  },
  /**
   * Starts WeChat Pay for the buyer's unpaid order (cloudPay.unifiedOrder, callback: payNotify);
   * the client passes `payment` to Taro.requestPayment. Asking again gives the same prepay.
   */
  pay: {
    access: 'user',
    input: orderOnly,
    output: z.object({ outTradeNo: z.string(), payment: WxPayParams }),
    errors: [...buyerOrderErrors, 'PAYMENT_NOT_OFFERED', 'PAYMENT_FAILED', 'CAMPAIGN_ENDED', 'GROUP_ENDED'],
  },
  /** Buyers cancel unpaid orders; vendors may also cancel one waiting for transfer confirmation. */
  cancel: {
    access: 'user',
    input: z.object({ orderId: Id, reason: text(100).default('') }),
    output: orderOut,
    errors: [...buyerOrderErrors, 'REASON_REQUIRED'],
  },
  /**
   * The buyer says they transferred the money (已转账), with a note for the vendor. A campaign's
   * order cannot be marked after its 截团 (CAMPAIGN_ENDED): money that arrives then goes back.
   */
  markTransferred: {
    access: 'user',
    input: z.object({ orderId: Id, note: text(100).default('') }),
    output: orderOut,
    errors: [...buyerOrderErrors, 'CAMPAIGN_ENDED'],
  },
  /** The buyer confirms receipt (确认收货); vendors use it for 已取货. */
  complete: {
    access: 'user',
    input: orderOnly,
    output: orderOut,
    errors: [...vendorOrderErrors],
  },
  requestRefund: {
    access: 'user',
    input: z.object({ orderId: Id, amountFen: AmountFen.pipe(z.number().min(1, '请填写退款金额')), reason: reason() }),
    output: orderOut,
    errors: [...buyerOrderErrors, 'REFUND_TOO_LARGE'],
  },

  // ---- The buyer's address book ----
  listAddresses: {
    access: 'user',
    input: z.object({}),
    output: z.object({ addresses: z.array(SavedAddress) }),
    errors: [],
  },
  /** Adds an address (no id) or edits one; the default one comes first and is preselected. */
  saveAddress: {
    access: 'user',
    input: Address.extend({ id: Id.optional(), isDefault: z.boolean().default(false) }),
    output: z.object({ address: SavedAddress }),
    errors: ['ADDRESS_NOT_FOUND', 'ADDRESS_LIMIT'],
  },
  deleteAddress: {
    access: 'user',
    input: z.object({ id: Id }),
    output: z.object({}),
    errors: ['ADDRESS_NOT_FOUND'],
  },

  // ---- Vendors ----
  listShopOrders: {
    access: 'user',
    input: z.object({
      shopId: Id,
      state: OrderState.optional(),
      /** Order number, receiver name or phone. */
      keyword: text(20).optional(),
      ...page,
    }),
    /**
     * The paid tab is the to-ship list: 拼团 orders whose group has not succeeded are left out of it
     * and of counts.paid, and counted in awaitingGroup instead (other lists flag them).
     */
    output: pageOut.extend({ counts: z.partialRecord(OrderState, z.number().int().nonnegative()), awaitingGroup: z.number().int().nonnegative().default(0) }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
  /** 已收款: the vendor saw the transfer arrive. */
  confirmTransfer: {
    access: 'user',
    input: orderOnly,
    output: orderOut,
    errors: vendorOrderErrors,
  },
  rejectTransfer: {
    access: 'user',
    input: z.object({ orderId: Id, reason: reason() }),
    output: orderOut,
    errors: [...vendorOrderErrors, 'REASON_REQUIRED'],
  },
  /** A 拼团 order ships only once its group succeeded (GROUP_NOT_SUCCEEDED). */
  ship: {
    access: 'user',
    input: z.object({ orderId: Id, tracking: z.object({ carrier: text(20), number: text(40) }).nullable().default(null) }),
    output: orderOut,
    errors: [...vendorOrderErrors, 'GROUP_NOT_SUCCEEDED'],
  },
  markReady: {
    access: 'user',
    input: orderOnly,
    output: orderOut,
    errors: [...vendorOrderErrors, 'GROUP_NOT_SUCCEEDED'],
  },
  /**
   * Refunds part or all of what was paid, approving a buyer's request or on the vendor's own.
   * WeChat Pay refunds finish when the payment platform reports back; offline ones are the
   * vendor's word that the money went back. A replay of the same requestId refunds nothing more
   * (it sends again, under the same refund number, a WeChat refund whose sending broke).
   */
  refund: {
    access: 'user',
    input: z.object({ orderId: Id, amountFen: AmountFen.pipe(z.number().min(1, '请填写退款金额')), reason: text(100).default('') }),
    output: orderOut,
    errors: [...vendorOrderErrors, 'REFUND_TOO_LARGE', 'PAYMENT_FAILED'],
  },
  declineRefund: {
    access: 'user',
    input: z.object({ orderId: Id, reason: reason() }),
    output: orderOut,
    errors: [...vendorOrderErrors, 'REASON_REQUIRED'],
  },
  // ---- Pickup hand-over (核销) ----
  ...pickupActionDefs,
});
