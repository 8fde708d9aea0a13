// N-person 拼团: the pure rules. An offer (one per product) sets the group size, prices, how long a
// group stays open and the per-buyer limit. A group's seats are taken at placement, paid when the
// money arrives, and released when an unpaid order is called off or a member is refunded. The
// functions keep the same rules with conditional updates on the group document (seats held < N,
// buyer not in it, still open), so these functions decide and the database only lets one racer win.
import type { GroupOfferInput, GroupOfferPublic, GroupSkuInput, GroupSkuView, GroupState } from './contracts';
import { ERROR_MESSAGES, type ErrorCode } from './errors';
import { formatLi } from './money';
import type { ProductDoc } from './model';

export const GROUP_OFFERS = 'groupOffers';
/** 拼团 instances (`groups` is taken by WeChat chat groups, from share tracking). */
export const GROUPS = 'groupBuys';

export interface GroupOfferDoc {
  /** The product's id: one offer per product. */
  _id: string;
  shopId: string;
  productId: string;
  size: number;
  skus: GroupSkuInput[];
  openHours: number;
  limitPerBuyer: number;
  startAt: number;
  endAt: number;
  /** Removed offers start no group; their open groups run on. */
  removed: boolean;
  /** Seats each buyer (by key, no openid) holds in unfinished groups: the per-buyer limit. */
  active?: Record<string, number>;
  createdAt: number;
  updatedAt: number;
}

export interface GroupSeat {
  /** The buyer's key for this offer (a hash: no openid on a group). */
  buyer: string;
  leader: boolean;
  state: 'held' | 'paid';
  name: string;
  avatar: string;
  at: number;
  paidAt: number | null;
}

export interface GroupDoc {
  _id: string;
  offerId: string;
  shopId: string;
  productId: string;
  /** The terms the group started with: later edits of the offer don't move them. */
  size: number;
  skus: GroupSkuInput[];
  openHours: number;
  state: GroupState;
  /** By order id: held and paid seats; a released seat is removed. */
  seats: Record<string, GroupSeat>;
  /** Buyer keys with a seat, so a buyer takes one seat per group. */
  buyers: string[];
  /** Seats taken (held or paid) and paid: held ≤ size, paid ≤ held. */
  held: number;
  paid: number;
  createdAt: number;
  /** Set when the starter pays: the group is open until then. */
  deadlineAt: number | null;
  closedAt: number | null;
  /** A failed group's refunds all started (the timer stops looking at it). */
  refundsDone: boolean;
  updatedAt: number;
}

export interface GroupProblem {
  code: ErrorCode;
  message: string;
  path?: string;
}

const problem = (code: ErrorCode, path?: string, message: string = ERROR_MESSAGES[code]): GroupProblem => ({ code, message, ...(path ? { path } : {}) });

/** What is wrong with an offer for this product, or null. Prices are per unit, in 厘. */
export function groupOfferProblem(offer: GroupOfferInput, product: Pick<ProductDoc, 'skus'>): GroupProblem | null {
  if (offer.endAt <= offer.startAt) return problem('GROUP_OFFER_TIME_INVALID', 'endAt');
  const seen = new Set<string>();
  for (const [index, entry] of offer.skus.entries()) {
    const sku = product.skus.find((candidate) => candidate.id === entry.skuId);
    if (!sku || seen.has(entry.skuId)) return problem('SKU_NOT_FOUND', `skus.${index}.skuId`);
    seen.add(entry.skuId);
    if (entry.priceLi > sku.priceLi) return problem('GROUP_PRICE_TOO_HIGH', `skus.${index}.priceLi`);
    if (entry.leaderPriceLi !== null && entry.leaderPriceLi > entry.priceLi) return problem('GROUP_LEADER_PRICE_TOO_HIGH', `skus.${index}.leaderPriceLi`);
  }
  return null;
}

/** Whether new groups may start now. */
export const offerRunning = (offer: Pick<GroupOfferDoc, 'removed' | 'startAt' | 'endAt'>, now: number): boolean => !offer.removed && offer.startAt <= now && now < offer.endAt;

export function offerStatus(offer: Pick<GroupOfferDoc, 'startAt' | 'endAt' | 'removed'>, now: number): 'scheduled' | 'running' | 'ended' {
  if (offer.removed || now >= offer.endAt) return 'ended';
  return now < offer.startAt ? 'scheduled' : 'running';
}

/** The unit price a member pays for this SKU: 团长价 for the starter when there is one. */
export function groupUnitPrice(skus: readonly GroupSkuInput[], skuId: string, leader: boolean): number | null {
  const entry = skus.find((candidate) => candidate.skuId === skuId);
  if (!entry) return null;
  return leader && entry.leaderPriceLi !== null ? entry.leaderPriceLi : entry.priceLi;
}

/** The product as checkout should price it in a group: the offer's SKUs at their group price, no bulk tiers. */
export function groupPricedProduct<P extends Pick<ProductDoc, 'skus'>>(product: P, skus: readonly GroupSkuInput[], leader: boolean): P {
  return {
    ...product,
    skus: product.skus.flatMap((sku) => {
      const priceLi = groupUnitPrice(skus, sku.id, leader);
      return priceLi === null ? [] : [{ ...sku, priceLi, tiers: [] }];
    }),
  };
}

export function groupSkuViews(skus: readonly GroupSkuInput[], product: Pick<ProductDoc, 'skus'>): GroupSkuView[] {
  return skus.flatMap((entry) => {
    const sku = product.skus.find((candidate) => candidate.id === entry.skuId);
    return sku ? [{ skuId: entry.skuId, spec: sku.spec, basePriceLi: sku.priceLi, priceLi: entry.priceLi, leaderPriceLi: entry.leaderPriceLi }] : [];
  });
}

export function toGroupOfferPublic(offer: GroupOfferDoc, product: Pick<ProductDoc, 'skus'>): GroupOfferPublic {
  const skus = groupSkuViews(offer.skus, product);
  const lowest = (values: number[]) => (values.length ? Math.min(...values) : 0);
  return {
    id: offer._id,
    shopId: offer.shopId,
    productId: offer.productId,
    size: offer.size,
    skus,
    openHours: offer.openHours,
    limitPerBuyer: offer.limitPerBuyer,
    startAt: offer.startAt,
    endAt: offer.endAt,
    lowestPriceLi: lowest(skus.map((sku) => sku.priceLi)),
    lowestBasePriceLi: lowest(skus.map((sku) => sku.basePriceLi)),
    label: `${offer.size}人拼`,
  };
}

// ---- Seats ---------------------------------------------------------------------------------------

/** 还差 k 人: paid members still missing. */
export const missingOf = (group: Pick<GroupDoc, 'size' | 'paid'>): number => Math.max(0, group.size - group.paid);

/** When an open group fails: its starter's payment plus the offer's hours. */
export const deadlineOf = (paidAt: number, openHours: number): number => paidAt + openHours * 60 * 60 * 1000;

/** Whether a group's time ran out unfilled (the timer fails it). */
export const groupExpired = (group: Pick<GroupDoc, 'state' | 'deadlineAt'>, now: number): boolean => group.state === 'open' && group.deadlineAt !== null && now >= group.deadlineAt;

/** Why this buyer cannot take a seat in this group now, or null. The database update repeats each condition. */
export function joinProblem(group: Pick<GroupDoc, 'state' | 'deadlineAt' | 'held' | 'size' | 'buyers'>, buyer: string, now: number): GroupProblem | null {
  if (group.state === 'forming') return problem('GROUP_NOT_FOUND');
  if (group.state !== 'open' || groupExpired(group, now)) return problem('GROUP_ENDED');
  if (group.buyers.includes(buyer)) return problem('GROUP_ALREADY_JOINED');
  if (group.held >= group.size) return problem('GROUP_FULL');
  return null;
}

/** A placement's seat: held until the order is paid. */
export function takeSeat(group: GroupDoc, orderId: string, seat: GroupSeat): GroupDoc {
  return { ...group, seats: { ...group.seats, [orderId]: seat }, buyers: [...group.buyers, seat.buyer], held: group.held + 1 };
}

/**
 * Whether money for this seat makes a member: the seat is still held (not released), the group
 * still takes members (open, or forming for its starter) and has room. Otherwise the money goes back.
 */
export function seatPayable(group: Pick<GroupDoc, 'state' | 'seats' | 'paid' | 'size' | 'deadlineAt'>, orderId: string, now: number): boolean {
  const seat = group.seats[orderId];
  if (!seat || seat.state !== 'held' || group.paid >= group.size) return false;
  if (group.state === 'forming') return seat.leader;
  return group.state === 'open' && !groupExpired(group as GroupDoc, now);
}

/** The group once this seat is paid; the starter's payment opens it and starts its clock. */
export function paySeat(group: GroupDoc, orderId: string, now: number): GroupDoc {
  const seat = group.seats[orderId];
  const paid = group.paid + 1;
  const opened = group.state === 'forming' ? { state: 'open' as const, deadlineAt: deadlineOf(now, group.openHours) } : {};
  const filled = paid >= group.size ? { state: 'succeeded' as const, closedAt: now } : {};
  return { ...group, ...opened, ...filled, seats: { ...group.seats, [orderId]: { ...seat, state: 'paid', paidAt: now } }, paid };
}

/** The group without this seat: an unpaid order called off, or a member refunded before success. A starter who never paid takes the forming group with them. */
export function releaseSeat(group: GroupDoc, orderId: string, now: number): GroupDoc {
  const seat = group.seats[orderId];
  if (!seat) return group;
  const seats = { ...group.seats };
  delete seats[orderId];
  const buyers = group.buyers.filter((buyer) => buyer !== seat.buyer);
  const next = { ...group, seats, buyers, held: group.held - 1, paid: group.paid - (seat.state === 'paid' ? 1 : 0) };
  return group.state === 'forming' ? { ...next, state: 'failed', closedAt: now, refundsDone: true } : next;
}

// ---- Words ---------------------------------------------------------------------------------------

/** The share card's title: what is missing and at what price, "还差1人，¥19.90拼酉阳腊肉". */
export function shareTitle(group: Pick<GroupDoc, 'state' | 'size' | 'paid'>, priceLi: number, productName: string): string {
  const price = formatLi(priceLi);
  if (group.state === 'succeeded') return `${group.size}人已拼成，${price}拼${productName}`;
  return `还差${missingOf(group)}人，${price}拼${productName}`;
}

/** What an order reads when its group failed and the money went back. */
export const GROUP_FAILED_REASON = '拼团失败，全额退款';
/** What an order reads when its payment came for a seat no longer there. */
export const GROUP_SEAT_GONE_REASON = '拼团已满或已结束，付款原路全额退回';
