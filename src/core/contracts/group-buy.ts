// The `groupbuy` function: N-person 拼团. Vendors set one offer per product and read its groups;
// buyers read a product's offer with the open groups closest to success, and a group's page.
// Orders themselves are placed through `orders.place` with `group: {offerId, groupId?}`; a group's
// seats, success and failure refunds live in the orders machinery.
// Buyers' views carry masked names only; the vendor's view carries receivers' names.
import { z } from 'zod';
import { defineContract } from './define';
import { AmountFen, EpochMs, Id, PriceLi } from './common';
import { GroupState, OrderState } from './orders';
import { ShopPublic } from './shop';

// Shared with orders (an order's group status): defined there.
export { GroupState };

/** Limits of an offer, shared by the contract, the core rules and the editor. */
export const GROUP_SIZE_MIN = 2;
export const GROUP_SIZE_MAX = 20;
export const GROUP_OPEN_HOURS_MIN = 1;
export const GROUP_OPEN_HOURS_MAX = 48;
/** The open groups a product page lists. */
export const OPEN_GROUPS_SHOWN = 5;

/** A price a member pays: never free. */
const GroupPriceLi = PriceLi.pipe(z.number().min(1, '价格要大于 0'));

/** One SKU in the offer: its 拼团价 and, optionally, a lower 团长价 for whoever starts a group. */
export const GroupSkuInput = z.object({
  skuId: Id,
  priceLi: GroupPriceLi,
  leaderPriceLi: GroupPriceLi.nullable().default(null),
});
export type GroupSkuInput = z.output<typeof GroupSkuInput>;

/**
 * Everything a vendor edits about an offer. Cross-field rules (prices against the SKU's own price,
 * 团长价 ≤ 拼团价, dates) are checked by groupOfferProblems with their own error codes. Edits apply
 * to groups started afterwards: a group keeps the size, prices and deadline it started with.
 */
export const GroupOfferInput = z.object({
  size: z.number().int().min(GROUP_SIZE_MIN, `至少 ${GROUP_SIZE_MIN} 人成团`).max(GROUP_SIZE_MAX, `最多 ${GROUP_SIZE_MAX} 人成团`),
  skus: z.array(GroupSkuInput).min(1).max(20),
  /** How long a group stays open after its starter paid. */
  openHours: z.number().int().min(GROUP_OPEN_HOURS_MIN, `至少开团 ${GROUP_OPEN_HOURS_MIN} 小时`).max(GROUP_OPEN_HOURS_MAX, `最多开团 ${GROUP_OPEN_HOURS_MAX} 小时`),
  /** How many of this offer's unfinished groups one buyer may be in at a time. */
  limitPerBuyer: z.number().int().min(1).max(20).default(1),
  /** The offer runs between these times: no group starts outside them (joining open ones still works). */
  startAt: EpochMs,
  endAt: EpochMs,
});
export type GroupOfferInput = z.output<typeof GroupOfferInput>;

// ---- Views -------------------------------------------------------------------------------------

export const GroupSkuView = z.object({
  skuId: Id,
  spec: z.string(),
  /** 单独购买: the SKU's own price. */
  basePriceLi: PriceLi,
  priceLi: PriceLi,
  leaderPriceLi: PriceLi.nullable(),
});
export type GroupSkuView = z.infer<typeof GroupSkuView>;

/** What buyers see of an offer: only while it runs and the shop takes WeChat Pay. */
export const GroupOfferPublic = z.object({
  id: Id,
  shopId: Id,
  productId: Id,
  size: z.number().int().min(GROUP_SIZE_MIN).max(GROUP_SIZE_MAX),
  skus: z.array(GroupSkuView),
  openHours: z.number().int(),
  limitPerBuyer: z.number().int().min(1),
  startAt: EpochMs,
  endAt: EpochMs,
  /** The lowest 拼团价 and 单独购买 price, for "单独购买 ¥25.00 · 2人拼 ¥19.90". */
  lowestPriceLi: PriceLi,
  lowestBasePriceLi: PriceLi,
  /** "2人拼". */
  label: z.string(),
});
export type GroupOfferPublic = z.infer<typeof GroupOfferPublic>;

/** The offer as its vendor edits it. */
export const GroupOfferVendorView = GroupOfferPublic.extend({
  /** running: inside its dates; scheduled: before; ended: after. */
  status: z.enum(['scheduled', 'running', 'ended']),
  counts: z.partialRecord(GroupState, z.number().int().nonnegative()),
  updatedAt: EpochMs,
});
export type GroupOfferVendorView = z.infer<typeof GroupOfferVendorView>;

/** A member as buyers see them: masked name ("王*姨"), the avatar they chose, whether they started it. */
export const GroupMemberPublic = z.object({
  name: z.string().max(40),
  avatar: z.string(),
  leader: z.boolean(),
  /** Members whose seat is held but not yet paid are not shown. */
  paidAt: EpochMs,
});
export type GroupMemberPublic = z.infer<typeof GroupMemberPublic>;

/** An open group as a product page lists it: "还差1人 · 23:14:05 后结束 · 去参团". */
export const OpenGroupCard = z.object({
  id: Id,
  missing: z.number().int().min(1),
  deadlineAt: EpochMs,
  members: z.array(GroupMemberPublic),
});
export type OpenGroupCard = z.infer<typeof OpenGroupCard>;

export const GroupPublic = z.object({
  id: Id,
  offerId: Id,
  shopId: Id,
  productId: Id,
  /** forming groups (starter not paid yet) are never shown to others: GROUP_NOT_FOUND. */
  state: GroupState,
  size: z.number().int(),
  paidCount: z.number().int().nonnegative(),
  /** 还差 k 人 (0 once succeeded). */
  missing: z.number().int().nonnegative(),
  /** Null while forming. */
  deadlineAt: EpochMs.nullable(),
  members: z.array(GroupMemberPublic),
  /** The price a joining member pays, per SKU. */
  skus: z.array(GroupSkuView),
  lowestPriceLi: PriceLi,
});
export type GroupPublic = z.infer<typeof GroupPublic>;

export const GroupProduct = z.object({ id: Id, name: z.string(), unit: z.string(), image: z.string() });

/** A member as the vendor sees them, with their order and its money. */
export const GroupMemberRow = z.object({
  orderId: Id,
  orderNo: z.string(),
  receiverName: z.string(),
  leader: z.boolean(),
  /** held: seat taken, not paid yet; paid: a member; left: refunded or released. */
  seat: z.enum(['held', 'paid', 'left']),
  orderState: OrderState,
  totalFen: AmountFen,
  paidFen: AmountFen,
  refundedFen: AmountFen,
  joinedAt: EpochMs,
});
export type GroupMemberRow = z.infer<typeof GroupMemberRow>;

export const GroupVendorRow = z.object({
  id: Id,
  state: GroupState,
  size: z.number().int(),
  paidCount: z.number().int().nonnegative(),
  heldCount: z.number().int().nonnegative(),
  createdAt: EpochMs,
  deadlineAt: EpochMs.nullable(),
  /** When it succeeded or failed. */
  closedAt: EpochMs.nullable(),
  members: z.array(GroupMemberRow),
  paidFen: AmountFen,
  refundedFen: AmountFen,
});
export type GroupVendorRow = z.infer<typeof GroupVendorRow>;

// ---- Actions -----------------------------------------------------------------------------------

const productOnly = z.object({ productId: Id });
const vendorErrors = ['PRODUCT_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'] as const;

export const groupBuyContract = defineContract('groupbuy', {
  // ---- Vendors (owner and staff) ----
  /**
   * The product's offer for the editor (null when none), and why 拼团 cannot be offered
   * (blockedReason, e.g. the shop has no WeChat Pay; null when it can).
   */
  vendorOffer: {
    access: 'user',
    input: productOnly,
    output: z.object({ offer: GroupOfferVendorView.nullable(), blockedReason: z.string().nullable() }),
    errors: vendorErrors,
  },
  /** Creates or replaces the product's offer; groups already started keep their terms. */
  setOffer: {
    access: 'user',
    input: z.object({ productId: Id, offer: GroupOfferInput }),
    output: z.object({ offer: GroupOfferVendorView }),
    errors: [...vendorErrors, 'SKU_NOT_FOUND', 'GROUP_NEEDS_WECHAT_PAY', 'GROUP_PRICE_TOO_HIGH', 'GROUP_LEADER_PRICE_TOO_HIGH', 'GROUP_OFFER_TIME_INVALID'],
  },
  /** Stops new groups at once; open groups run to their deadline. Removing twice removes once. */
  removeOffer: {
    access: 'user',
    input: productOnly,
    output: z.object({}),
    errors: vendorErrors,
  },
  /** The offer's groups by state (newest first), with members and amounts; failed ones with their refunds. */
  offerGroups: {
    access: 'user',
    input: z.object({ productId: Id, state: GroupState.optional(), cursor: z.string().max(64).optional(), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ groups: z.array(GroupVendorRow), nextCursor: z.string().nullable(), counts: z.partialRecord(GroupState, z.number().int().nonnegative()) }),
    errors: [...vendorErrors, 'GROUP_OFFER_NOT_FOUND'],
  },

  // ---- Buyers (public: a share card opens without a login) ----
  /**
   * The product page's offer (null when there is none, it is not running, or the shop takes no
   * WeChat Pay) and its open groups closest to success, at most OPEN_GROUPS_SHOWN.
   */
  productOffer: {
    access: 'public',
    input: productOnly,
    output: z.object({ offer: GroupOfferPublic.nullable(), groups: z.array(OpenGroupCard).max(OPEN_GROUPS_SHOWN) }),
    errors: ['PRODUCT_NOT_FOUND'],
  },
  /**
   * A group's page: members, 还差 k 人, deadline, product, and the share card's title
   * ("还差1人，¥19.90拼酉阳腊肉"). `mine` is the caller's order in it, if any (null signed out).
   * `canJoin` says whether 参团 would be accepted now, with the reason when not.
   */
  getGroup: {
    access: 'public',
    input: z.object({ groupId: Id }),
    output: z.object({
      shop: ShopPublic,
      product: GroupProduct,
      group: GroupPublic,
      shareTitle: z.string(),
      mine: z.object({ orderId: Id, leader: z.boolean(), seat: z.enum(['held', 'paid', 'left']) }).nullable(),
      canJoin: z.object({ ok: z.boolean(), reason: z.string().nullable() }),
    }),
    errors: ['GROUP_NOT_FOUND'],
  },
});
