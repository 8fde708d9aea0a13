// What a buyer does with their orders after placing them. A buyer reaches only their own orders:
// anyone else's answers ORDER_NOT_FOUND, exactly like an order that does not exist. cancel,
// complete and getOrder also serve the shop's vendors.
import type { ordersContract, OrderSummary, Payee } from '@core/contracts';
import { AppError } from '@core/errors';
import { lineLabel } from '@core/order-names';
import { awaitingGroup } from '@core/order-actions';
import type { OrderDoc, ShopDoc } from '@core/model';
import type { ActionImpls } from '../_shared/handler';
import { database, findById, list, type Db } from '../_shared/db';
import { toDisplayUrls } from '../_shared/media';
import { paidTooLate } from './campaign-orders';
import { returningMarks } from './returning';
import { applyEvents, isVendor, loadOrder, ORDERS, requestIdOf, requireVendor, view } from './store';
import { GROUPS, missingOf, type GroupDoc } from '@core/group-buy';
import { toOrderView } from '@core/orders';

export function toSummary(order: OrderDoc): OrderSummary {
  const { fulfilment } = order;
  return {
    id: order._id,
    orderNo: order.orderNo,
    shopId: order.shopId,
    state: order.state,
    title: order.lines[0] ? lineLabel(order.lines[0]) : '',
    image: order.lines[0]?.image ?? '',
    lineCount: order.lines.length,
    totalFen: order.totalFen,
    receiverName: fulfilment.kind === 'pickup' ? fulfilment.contact.name : fulfilment.address.name,
    createdAt: order.createdAt,
    awaitingGroup: awaitingGroup(order),
    returning: false,
  };
}

/** The cursor is how many orders the caller has already seen. */
export function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^\d{1,6}$/.test(cursor)) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'cursor', message: '翻页位置不对，请刷新后再试' }]);
  return Number(cursor);
}

/** One page, newest first, fetching one more than asked to know whether there is a next page. */
/** A page of orders; `returningIn` (a vendor's list of that shop) marks orders of returning buyers (老客). */
export async function pageOf(db: Db, where: Record<string, unknown>, cursor: string | undefined, limit: number, returningIn?: string) {
  const offset = offsetOf(cursor);
  const rows = await list<OrderDoc>(db.collection(ORDERS).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(offset).limit(limit + 1));
  const page = rows.slice(0, limit);
  const returning = returningIn ? await returningMarks(db, returningIn, page) : () => false;
  return { orders: page.map((order) => ({ ...toSummary(order), returning: returning(order) })), nextCursor: rows.length > limit ? String(offset + limit) : null };
}

/** Where an offline order's money goes, while it is still to be paid; null for every other order. */
async function payeeOf(db: Db, order: OrderDoc): Promise<Payee | null> {
  if (order.payment.mode !== 'offline' || (order.state !== 'to_pay' && order.state !== 'to_confirm')) return null;
  const shop = await findById<ShopDoc>(db, 'shops', order.shopId);
  if (!shop) return null;
  const { qrImage, instructions } = shop.payment.offline;
  const urls = await toDisplayUrls([qrImage]);
  return { qrImage: urls.get(qrImage) ?? '', instructions };
}

/** The caller's own order, or ORDER_NOT_FOUND. */
async function ownOrder(db: Db, orderId: string, openid: string): Promise<OrderDoc> {
  const order = await loadOrder(db, orderId);
  if (order.buyerOpenId !== openid) throw new AppError('ORDER_NOT_FOUND');
  return order;
}

export const buyerActions: Pick<ActionImpls<typeof ordersContract>, 'myOrders' | 'getOrder' | 'cancel' | 'markTransferred' | 'complete' | 'requestRefund'> = {
  async myOrders({ state, cursor, limit }, ctx) {
    return pageOf(database(), state ? { buyerOpenId: ctx.openid, state } : { buyerOpenId: ctx.openid }, cursor, limit);
  },

  async getOrder({ orderId }, ctx) {
    const db = database();
    const order = await loadOrder(db, orderId);
    if (order.buyerOpenId !== ctx.openid && !(await isVendor(db, order, ctx.openid))) throw new AppError('ORDER_NOT_FOUND');
    // A 拼团 order's page shows 还差 k 人 and the countdown from the group itself.
    const group = order.group ? await findById<GroupDoc>(db, GROUPS, order.group.groupId) : null;
    const fromGroup = group && { missing: missingOf(group), deadlineAt: group.deadlineAt };
    return { order: toOrderView(order, fromGroup), payee: await payeeOf(db, order) };
  },

  async cancel({ orderId, reason }, ctx) {
    const db = database();
    const order = await loadOrder(db, orderId);
    const buyer = order.buyerOpenId === ctx.openid;
    if (!buyer && !(await isVendor(db, order, ctx.openid))) throw new AppError('ORDER_NOT_FOUND');
    const saved = await applyEvents(db, order, [{ type: 'cancel' }], { role: buyer ? 'buyer' : 'vendor', id: ctx.openid }, ctx.clock.now(), reason, requestIdOf(ctx));
    return view(saved);
  },

  async markTransferred({ orderId, note }, ctx) {
    const db = database();
    const order = await ownOrder(db, orderId, ctx.openid);
    // After 截团 a transfer would only have to come back: the order stays unpaid and expires.
    if (await paidTooLate(db, order, ctx.clock.now())) throw new AppError('CAMPAIGN_ENDED', '这个团已经截团了，请不要再转账');
    return view(await applyEvents(db, order, [{ type: 'transfer_marked', note }], { role: 'buyer', id: ctx.openid }, ctx.clock.now(), '', requestIdOf(ctx)));
  },

  async complete({ orderId }, ctx) {
    const db = database();
    const order = await loadOrder(db, orderId);
    const buyer = order.buyerOpenId === ctx.openid;
    if (!buyer) await requireVendor(db, order, ctx.openid);
    return view(await applyEvents(db, order, [{ type: 'complete' }], { role: buyer ? 'buyer' : 'vendor', id: ctx.openid }, ctx.clock.now(), '', requestIdOf(ctx)));
  },

  async requestRefund({ orderId, amountFen, reason }, ctx) {
    const db = database();
    const order = await ownOrder(db, orderId, ctx.openid);
    return view(await applyEvents(db, order, [{ type: 'refund_requested', amountFen }], { role: 'buyer', id: ctx.openid }, ctx.clock.now(), reason, requestIdOf(ctx)));
  },
};
