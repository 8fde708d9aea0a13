// Orders placed in an N-person 拼团: the group's seats move with its orders.
// - Placement takes the buyer's slot on the offer (active.<buyer> < limit, one conditional $inc),
//   then a seat: a new forming group for the starter, or one conditional update on the group
//   (open, before its deadline, held < N, buyer not in it). Of racing joiners only N get a seat.
// - Payment (handlePaymentNotice, every delivery) turns the held seat into a paid one with one
//   conditional update (seat still held, group open or forming, paid < N): so no group ever has
//   more than N paid members. When that update cannot land, the seat is gone (released, the group
//   filled or ended) and the money goes back in full. The N-th payment closes the group as succeeded.
// - An unpaid order called off, or a member refunded before success, frees its seat (store.ts
//   commit calls groupChange); a starter who never paid takes the forming group with them.
import { createHash } from 'node:crypto';
import type { GroupChoice } from '@core/contracts';
import { AppError } from '@core/errors';
import { deadlineOf, GROUP_OFFERS, GROUPS, joinProblem, offerRunning, seatPayable, type GroupDoc, type GroupOfferDoc, type GroupSeat } from '@core/group-buy';
import type { OrderDoc, OrderGroup } from '@core/model';
import { PAID_STATES } from '@core/orders';
import { changedCount, findById, list, type Db } from '../_shared/db';
import { sendGroupSucceeded } from './notices';

const ORDERS = 'orders';

/** A buyer's key for an offer: no openid is stored on offers or groups, and keys differ between offers. */
export const groupBuyerKey = (offerId: string, buyerOpenId: string): string => createHash('sha256').update(`group\n${offerId}\n${buyerOpenId}`).digest('hex').slice(0, 24);

export interface GroupPlacement {
  offer: GroupOfferDoc;
  /** The group joined; null when starting one. */
  group: GroupDoc | null;
  leader: boolean;
  buyer: string;
}

/** The offer and group a placement asks for, checked as read now (the seat update checks again). */
export async function loadGroupPlacement(db: Db, choice: GroupChoice, shopId: string, buyerOpenId: string | null, now: number): Promise<GroupPlacement> {
  const [offer, group] = await Promise.all([
    findById<GroupOfferDoc>(db, GROUP_OFFERS, choice.offerId),
    choice.groupId ? findById<GroupDoc>(db, GROUPS, choice.groupId) : null,
  ]);
  if (!offer || offer.shopId !== shopId) throw new AppError('GROUP_OFFER_NOT_FOUND');
  const buyer = groupBuyerKey(offer._id, buyerOpenId ?? '');
  if (choice.groupId) {
    if (!group || group.offerId !== offer._id) throw new AppError('GROUP_NOT_FOUND');
    const problem = joinProblem(group, buyerOpenId ? buyer : '', now);
    if (problem) throw new AppError(problem.code, problem.message);
    return { offer, group, leader: false, buyer };
  }
  if (!offerRunning(offer, now)) throw new AppError(offer.removed ? 'GROUP_OFFER_NOT_FOUND' : 'GROUP_OFFER_NOT_OPEN');
  return { offer, group: null, leader: true, buyer };
}

/** Takes the buyer's slot under the per-buyer limit; false when they are at it. */
async function takeSlot(db: Db, offer: GroupOfferDoc, buyer: string): Promise<boolean> {
  const _ = db.command;
  const field = `active.${buyer}`;
  const room = _.or([{ [field]: _.lte(offer.limitPerBuyer - 1) }, { [field]: _.exists(false) }]);
  return (await changedCount(db.collection(GROUP_OFFERS).where(_.and([{ _id: offer._id }, room])).update({ data: { [field]: _.inc(1) } }))) === 1;
}

async function giveBackSlot(db: Db, offerId: string, buyer: string): Promise<void> {
  await db.collection(GROUP_OFFERS).where({ _id: offerId }).update({ data: { [`active.${buyer}`]: db.command.inc(-1) } });
}

/**
 * Takes the placement's seat for this order: the buyer's slot, then a new forming group (its id is
 * the starter's order id) or a seat in the joined one. Returns the order's link to its group;
 * throws the reason when refused, with everything taken given back.
 */
export async function takeGroupSeat(db: Db, placement: GroupPlacement, orderId: string, display: { displayName: string; avatar: string }, at: number): Promise<OrderGroup> {
  const { offer, group, leader, buyer } = placement;
  if (!(await takeSlot(db, offer, buyer))) throw new AppError('GROUP_LIMIT_EXCEEDED');
  const seat: GroupSeat = { buyer, leader, state: 'held', name: display.displayName, avatar: display.avatar, at, paidAt: null };
  try {
    if (!group) {
      const created: GroupDoc = {
        _id: orderId,
        offerId: offer._id,
        shopId: offer.shopId,
        productId: offer.productId,
        size: offer.size,
        skus: offer.skus,
        openHours: offer.openHours,
        state: 'forming',
        seats: { [orderId]: seat },
        buyers: [buyer],
        held: 1,
        paid: 0,
        createdAt: at,
        deadlineAt: null,
        closedAt: null,
        refundsDone: false,
        updatedAt: at,
      };
      await db.collection(GROUPS).add({ data: created });
      return { offerId: offer._id, groupId: created._id, leader: true, seat: 'held', status: 'forming', size: offer.size, ...display };
    }
    const _ = db.command;
    const joined = await changedCount(
      db
        .collection(GROUPS)
        .where({ _id: group._id, state: 'open', deadlineAt: _.gt(at), held: _.lt(group.size), buyers: _.neq(buyer) })
        .update({ data: { held: _.inc(1), buyers: _.push([buyer]), [`seats.${orderId}`]: _.set(seat), updatedAt: at } }),
    );
    if (joined !== 1) {
      const now = await findById<GroupDoc>(db, GROUPS, group._id);
      const problem = now ? joinProblem(now, buyer, at) : null;
      throw new AppError(problem?.code ?? 'GROUP_FULL', problem?.message);
    }
    return { offerId: offer._id, groupId: group._id, leader: false, seat: 'held', status: 'open', size: group.size, ...display };
  } catch (err) {
    await giveBackSlot(db, offer._id, buyer);
    throw err;
  }
}

/** Frees a seat taken for an order that was never written (the placement failed after it). */
export async function giveBackGroupSeat(db: Db, link: OrderGroup, orderId: string, at: number): Promise<void> {
  const group = await findById<GroupDoc>(db, GROUPS, link.groupId);
  if (group) await releaseSeatOf(db, group, orderId, at);
}

/**
 * Takes the order's seat out of its group (conditional on the seat as read, so a seat is released
 * once) and gives the buyer's slot back. A forming group whose starter leaves fails with them.
 */
async function releaseSeatOf(db: Db, group: GroupDoc, orderId: string, at: number): Promise<boolean> {
  const seat = group.seats[orderId];
  if (!seat) return false;
  const _ = db.command;
  const data: Record<string, unknown> = {
    held: _.inc(-1),
    buyers: _.pull(seat.buyer),
    [`seats.${orderId}`]: _.remove(),
    updatedAt: Math.max(at, group.updatedAt + 1),
    ...(seat.state === 'paid' ? { paid: _.inc(-1) } : {}),
    ...(group.state === 'forming' ? { state: 'failed', closedAt: at, refundsDone: true } : {}),
  };
  const released = await changedCount(db.collection(GROUPS).where({ _id: group._id, state: group.state, [`seats.${orderId}.state`]: seat.state }).update({ data }));
  if (released !== 1) return false;
  await giveBackSlot(db, group.offerId, seat.buyer);
  return true;
}

/**
 * After a saved change: an unpaid order called off, or a paid member refunded in full while the
 * group is still forming or open, frees its seat. Seats of succeeded or failed groups stay as the
 * record of who was in them.
 */
export async function groupChange(db: Db, before: OrderDoc, saved: OrderDoc, at: number): Promise<OrderDoc> {
  const link = saved.group;
  if (!link || link.seat === 'left') return saved;
  const calledOff = (saved.state === 'cancelled' || (saved.state === 'refunding' && saved.pendingRefund?.resume === 'cancelled')) && before.state === 'to_pay';
  const refundedOut = saved.state === 'refunded' && before.state !== 'refunded';
  if (!calledOff && !refundedOut) return saved;
  const group = await findById<GroupDoc>(db, GROUPS, link.groupId);
  if (!group) return saved;
  const seat = group.seats[saved._id];
  const open = group.state === 'forming' || group.state === 'open';
  if (!seat || (!open && seat.state === 'paid')) return saved;
  if (!(await releaseSeatOf(db, group, saved._id, at))) return saved;
  const status = group.state === 'forming' ? 'failed' : link.status;
  await db.collection(ORDERS).where({ _id: saved._id }).update({ data: { 'group.seat': 'left', 'group.status': status } });
  return { ...saved, group: { ...link, seat: 'left', status } };
}

/** Whether money arriving now for this unpaid order must go back: its seat or its group is gone. */
export async function seatGone(db: Db, order: OrderDoc, now: number): Promise<boolean> {
  if (!order.group || order.state !== 'to_pay') return false;
  const group = await findById<GroupDoc>(db, GROUPS, order.group.groupId);
  return !group || !seatPayable(group, order._id, now);
}

/**
 * For a paid order of a group, on every payment notice (a repeat included): makes its held seat a
 * paid one if the group still takes it, and closes the group as succeeded on the N-th payment.
 * 'refund' when the seat is gone: the caller sends the money back in full.
 */
export async function confirmSeat(db: Db, order: OrderDoc, at: number): Promise<'member' | 'refund' | 'none'> {
  const link = order.group;
  if (!link || !PAID_STATES.includes(order.state)) return 'none';
  const _ = db.command;
  for (let attempt = 0; attempt < 5; attempt++) {
    const group = await findById<GroupDoc>(db, GROUPS, link.groupId);
    if (!group) return 'refund';
    if (group.seats[order._id]?.state === 'paid') {
      // The order reads paid (every confirm writes it after its own seat, then reads the group):
      // so whichever payment is seen last closes the group.
      await db.collection(ORDERS).where({ _id: order._id, 'group.seat': 'held' }).update({ data: { 'group.seat': 'paid', 'group.status': 'open' } });
      const now = await findById<GroupDoc>(db, GROUPS, link.groupId);
      if (now && now.paid >= now.size && now.state !== 'failed') await closeSucceeded(db, now, at);
      return 'member';
    }
    if (!seatPayable(group, order._id, at)) return 'refund';
    const forming = group.state === 'forming';
    const where = forming ? { state: 'forming' } : { state: 'open', deadlineAt: _.gt(at) };
    const opened = forming ? { state: 'open', deadlineAt: deadlineOf(at, group.openHours) } : {};
    // Lost to a racing change (another payment, a release): decide again from the group as it now is.
    await changedCount(
      db
        .collection(GROUPS)
        .where({ _id: group._id, ...where, [`seats.${order._id}.state`]: 'held', paid: _.lt(group.size) })
        .update({ data: { paid: _.inc(1), [`seats.${order._id}.state`]: 'paid', [`seats.${order._id}.paidAt`]: at, updatedAt: at, ...opened } }),
    );
  }
  throw new Error(`group ${link.groupId} kept changing under the payment of order ${order._id}`);
}

/** The N-th payment: the group succeeds (once) and every paid member's order may now ship. Repeats are harmless. */
async function closeSucceeded(db: Db, group: GroupDoc, at: number): Promise<void> {
  if (group.state === 'open') {
    await db.collection(GROUPS).where({ _id: group._id, state: 'open', paid: group.size }).update({ data: { state: 'succeeded', closedAt: at, updatedAt: at } });
  }
  await markMembersSucceeded(db, group);
}

/**
 * Marks each paid member's order of a group that succeeded, and tells that member: one conditional
 * write per order, so however many payments and timer runs close the group at once, each member
 * gets the message once. A member whose own confirm has not written its seat yet is marked by that
 * confirm, which closes the group again.
 */
export async function markMembersSucceeded(db: Db, group: Pick<GroupDoc, '_id' | 'size'>): Promise<void> {
  const _ = db.command;
  const members = await list<OrderDoc>(db.collection(ORDERS).where({ 'group.groupId': group._id, 'group.seat': 'paid', 'group.status': _.neq('succeeded') }).limit(100));
  await Promise.all(
    members.map(async (order) => {
      const marked = await changedCount(db.collection(ORDERS).where({ _id: order._id, 'group.seat': 'paid', 'group.status': _.neq('succeeded') }).update({ data: { 'group.status': 'succeeded' } }));
      if (marked === 1) await sendGroupSucceeded(order, group.size);
    }),
  );
}
