// Stored document shapes, shared by the cloud functions and the emulator's seed.
// Replies to clients are built from these through the contracts, never sent as they are.
import type { Perishable, ProductStatus, ShipRule, Sku } from './contracts/catalog';
import type { Role } from './contracts/common';
import type { ActorRole, Address, GroupState, OrderFulfilment, OrderSource, OrderState, PaymentMode, PricedOrderLine, ResumeState } from './contracts/orders';
import type { ShopSettings } from './contracts/shop';
import type { ShareTarget } from './contracts/share';
import type { LiveSettings } from './contracts/live';
import type { z } from 'zod';
import type { Fen } from './money';
import type { OrderEventType } from './orders';
import type { OrderDifference } from './campaign-settlement';

export type { ProductStatus };

export interface ShopDoc extends ShopSettings {
  _id: string;
  ownerOpenId: string;
  /** The Channels account and live-show rules (the live function's); absent until the owner sets them. */
  live?: LiveSettings;
  createdAt: number;
  updatedAt: number;
}

/** One person's role in one shop. `_id` is `${shopId}:${openid}`: one membership per pair. */
export interface MemberDoc {
  _id: string;
  shopId: string;
  openid: string;
  name: string;
  role: Role;
  joinedAt: number;
}

/** `_id` is the invite code itself. Single use; revoked or expired codes stay for the record. */
export interface InviteDoc {
  _id: string;
  shopId: string;
  role: Exclude<Role, 'owner'>;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  usedBy: string | null;
  usedAt: number | null;
}

export interface ProductDoc {
  _id: string;
  shopId: string;
  name: string;
  unit: string;
  description: string;
  images: string[];
  skus: Sku[];
  ship: ShipRule;
  perishable: z.infer<typeof Perishable> | null;
  status: ProductStatus;
  /** Display order within the shop, ascending. */
  sort: number;
  createdAt: number;
  updatedAt: number;
  /**
   * Stock taken for orders being placed, by `${orderId}_${line}`: written by the same update that
   * takes the stock, so stock taken by a placement that died before writing its order is found and
   * put back (cloudfunctions/orders/stock.ts). Absent on products never ordered.
   */
  holds?: Record<string, StockHold>;
}

export interface StockHold {
  orderId: string;
  skuId: string;
  quantity: number;
  at: number;
}

/** A short share code; `_id` is the code (it travels in a mini-program code's scene). */
export interface ShareRefDoc {
  _id: string;
  shopId: string;
  sharerOpenId: string;
  target: ShareTarget;
  createdAt: number;
}

export interface VisitDoc {
  _id?: string;
  shopId: string;
  target: ShareTarget;
  ref: string | null;
  sharerOpenId: string | null;
  visitorOpenId: string | null;
  scene: number;
  openGId: string | null;
  at: number;
}

/** A WeChat group a shop's links were opened from; `_id` is `${shopId}:${openGId}`. */
export interface GroupDoc {
  _id: string;
  shopId: string;
  openGId: string;
  /** The vendor's own name for it ("呼中同乡群"); empty until named. */
  name: string;
  firstSeenAt: number;
}

export interface PendingRefund {
  amountFen: Fen;
  /** requested: waiting for the vendor. processing: approved and being paid back. */
  status: 'requested' | 'processing';
  /** The refund record being paid back (set while processing). */
  refundNo: string | null;
  requestedBy: ActorRole;
  reason: string;
  at: number;
  resume: ResumeState;
}

export interface OrderPayment {
  mode: PaymentMode;
  /** 0 until paid, then the order total (an order is paid once, in full). */
  paidFen: Fen;
  /** What went back, summed over refunds; never above paidFen. */
  refundedFen: Fen;
  paidAt: number | null;
  /** WeChat Pay's transaction id. */
  transactionId: string | null;
  /** The merchant WeChat Pay took the money for: refunds go back through the same one. */
  subMchId: string | null;
  /** The buyer's note when marking an offline transfer (已转账). */
  transferNote: string | null;
}

export interface OrderHistoryEntry {
  event: OrderEventType | 'placed';
  from: OrderState;
  to: OrderState;
  actor: ActorRole;
  /** The openid of a buyer or vendor; null for the system and the payment platform. */
  actorId: string | null;
  at: number;
  reason: string;
  amountFen: Fen | null;
  /** The call that made this change: a replay of it from the same person finds it here. Absent on old orders. */
  requestId?: string | null;
}

/** One refund, kept on the order for good. Its number is WeChat Pay's out_refund_no. */
export interface RefundRecord {
  refundNo: string;
  amountFen: Fen;
  mode: PaymentMode;
  /** processing: sent (or about to be sent) to WeChat Pay; failed: nothing went back. */
  status: 'processing' | 'done' | 'failed';
  reason: string;
  at: number;
  /** The vendor call that started it: a retried call finds it instead of refunding again. */
  requestId: string | null;
}

/**
 * The shipping record WeChat Pay's settlement waits for (OrderDoc.shippingRecord; see
 * src/core/shipping-record.ts): saved pending in the same write as the change that owes it, then
 * sent; a send that failed is retried by the orders timer until WeChat accepts it.
 */
export interface ShippingRecord {
  /** One per change owed to WeChat: 1 for the first upload, 2 for a re-ship with new facts. */
  seq: number;
  logisticsType: 1 | 2 | 3 | 4;
  trackingNo: string | null;
  /** The carrier as the vendor wrote it, and WeChat's code for it (null for non-express). */
  carrier: string | null;
  expressCompany: string | null;
  /** upload_time: when the change was saved; the same on every retry. */
  uploadTime: number;
  /** blocked: WeChat refuses it for good (unknown carrier, re-ship chance used); a corrected re-ship makes a new one. */
  status: 'pending' | 'accepted' | 'blocked';
  /** The timer sends a pending record only from this time on (the sender's lease). */
  retryAt: number | null;
  attempts: number;
  lastError: string | null;
  acceptedAt: number | null;
}

/** What a group-buy campaign's order carries (OrderDoc.campaign; null for other orders). */
export interface OrderCampaign {
  campaignId: string;
  /** 跟团号: given when the order first counts, from the campaign's counter; kept for good. */
  seq: number | null;
  /** When it first counted (got its 跟团号). */
  countedAt: number | null;
  /** The name shown on the list (the buyer's own nickname, else the receiver's name), stored whole, masked when shown. */
  displayName: string;
  avatar: string;
  /** The price difference after 截团; null before settlement reaches the order. */
  difference: OrderDifference | null;
}

/**
 * What a 拼团 order carries (OrderDoc.group). `seat` and `status` mirror the group doc, written by
 * the same steps that change it, so order lists need no second read; the group doc decides.
 */
export interface OrderGroup {
  offerId: string;
  groupId: string;
  leader: boolean;
  seat: 'held' | 'paid' | 'left';
  status: GroupState;
  size: number;
  displayName: string;
  avatar: string;
}

/** A stored order (collection `orders`); its lifecycle is src/core/orders.ts. */
export interface OrderDoc {
  _id: string;
  /** Short number buyers write in a transfer's note. */
  orderNo: string;
  shopId: string;
  buyerOpenId: string;
  /** The place call's requestId: a retry finds this order instead of making another. */
  requestId: string;
  lines: PricedOrderLine[];
  goodsFen: Fen;
  feeFen: Fen;
  totalFen: Fen;
  fulfilment: OrderFulfilment;
  payment: OrderPayment;
  state: OrderState;
  pendingRefund: PendingRefund | null;
  /** Every refund started, oldest first. */
  refunds: RefundRecord[];
  source: OrderSource;
  buyerNote: string;
  history: OrderHistoryEntry[];
  createdAt: number;
  updatedAt: number;
  /** Unpaid orders are cancelled from this time on; null once paid or closed. */
  expiresAt: number | null;
  /** A shipped or ready order completes by itself from this time on; null otherwise. */
  autoCompleteAt: number | null;
  /** The group-buy campaign it was placed in; null for other orders (absent on orders saved before campaigns). */
  campaign: OrderCampaign | null;
  /** The 拼团 it took a seat in; absent or null for other orders. */
  group?: OrderGroup | null;
  /** The live show it was placed from; absent or null for other orders. */
  live?: OrderLive | null;
  /** WeChat's shipping record of a WeChat Pay order handed over; absent or null until one is owed. */
  shippingRecord?: ShippingRecord | null;
}

/**
 * An order placed from a live show's page. `taken`: quantities per item taken off the show's
 * counters at the live price (what goes back if the order is called off); empty when it got none.
 */
export interface OrderLive {
  showId: string;
  taken: Record<string, number>;
  /** The part of `taken` counted against the buyer's per-item cap. */
  limited: Record<string, number>;
  scene: number | null;
}

/** One entry of a buyer's address book (collection `addresses`); a buyer keeps at most 20. */
export interface AddressDoc extends Address {
  _id: string;
  buyerOpenId: string;
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
}

/** WeChat Pay's 支付结果通知 as the cloud hands it to the payNotify function (camelCase). */
export interface PaymentNotice {
  returnCode?: string;
  resultCode?: string;
  outTradeNo?: string;
  transactionId?: string;
  totalFee?: number;
  subMchId?: string;
}

/**
 * A payment notice that must not change an order (collection `paymentNotices`), kept for a person
 * to look at. `_id` is `${outTradeNo}:${transactionId}:${totalFee}`: one record per notice, however
 * often it comes.
 */
export interface PaymentNoticeDoc {
  _id: string;
  /** incomplete, unknown_order, NOT_CONFIRMED_BY_WECHAT_PAY, or the order's refusal (an error code). */
  why: string;
  notice: PaymentNotice;
  at: number;
}

export function memberId(shopId: string, openid: string): string {
  return `${shopId}:${openid}`;
}
