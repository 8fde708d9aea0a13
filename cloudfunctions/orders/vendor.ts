// What a shop's owner and staff do with its orders: find them, confirm offline money, hand the
// goods over and refund. Every action checks the caller's role in the order's own shop.
import type { ordersContract, OrderState } from '@core/contracts';
import { AppError } from '@core/errors';
import { formatFen } from '@core/money';
import { answeredRequest, processingRefund, type OrderEvent } from '@core/orders';
import type { OrderDoc, ShopDoc } from '@core/model';
import { awaitingGroup } from '@core/order-actions';
import { orderRulesOf } from '@core/shops';
import type { ActionImpls, UserContext } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { database, type Db } from '../_shared/db';
import { applyEvents, loadOrder, ORDER_PERMISSION, ORDERS, requestIdOf, requireVendor, view } from './store';
import { pageOf } from './buyer';
import { LATE_PAYMENT_REASON, paidTooLate } from './campaign-orders';
import { settleRefund } from './refunds';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A 拼团 order's goods go out only once its group succeeded: until then every member may still be refunded. */
function notUntilGroupSucceeded(order: OrderDoc, now: number): number {
  if (awaitingGroup(order)) throw new AppError('GROUP_NOT_SUCCEEDED');
  return now;
}

/** Loads the order, checks the caller works its shop, and applies the events as the vendor, under the call's request id. */
async function asVendor(orderId: string, ctx: UserContext, events: (order: OrderDoc, shop: ShopDoc, now: number) => OrderEvent[], reason = '') {
  const db = database();
  const order = await loadOrder(db, orderId);
  const shop = await requireVendor(db, order, ctx.openid);
  const now = ctx.clock.now();
  return view(await applyEvents(db, order, events(order, shop, now), { role: 'vendor', id: ctx.openid }, now, reason, requestIdOf(ctx)));
}

/**
 * Pays back the order's processing WeChat refund (see settleRefund). A twin of this call settling
 * the same refund meanwhile wins the write: that is no failure, the order as it now is answers.
 */
async function settle(db: Db, order: OrderDoc, ctx: UserContext): Promise<OrderDoc> {
  try {
    const { order: settled, refused } = await settleRefund(db, order, ctx.clock.now());
    if (refused) throw new AppError('PAYMENT_FAILED', `微信支付没有退款成功（${refused}），请稍后再试`);
    return settled;
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'ORDER_STATE_CONFLICT')) throw err;
    return loadOrder(db, order._id);
  }
}

/** When a handed-over order completes by itself: the shop's days after today's hand-over. */
const autoCompleteAt = (shop: ShopDoc, now: number) => now + orderRulesOf(shop).autoCompleteDays * DAY_MS;

/** An order number as typed, or a receiver's name or phone (exact match). */
function keywordMatch(db: ReturnType<typeof database>, keyword: string) {
  const _ = db.command;
  return _.or([
    { orderNo: keyword },
    { 'fulfilment.address.name': keyword },
    { 'fulfilment.address.phone': keyword },
    { 'fulfilment.contact.name': keyword },
    { 'fulfilment.contact.phone': keyword },
  ]);
}

export const vendorActions: Pick<ActionImpls<typeof ordersContract>, 'listShopOrders' | 'confirmTransfer' | 'rejectTransfer' | 'ship' | 'markReady' | 'refund' | 'declineRefund'> = {
  async listShopOrders({ shopId, state, keyword, cursor, limit }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, ORDER_PERMISSION);
    const _ = db.command;
    const base = state ? { shopId, state } : { shopId };
    // The paid tab is the to-ship list: no 拼团 order whose group has not succeeded.
    const conditions = [base, ...(state === 'paid' ? [_.or([{ group: null }, { 'group.status': 'succeeded' }])] : []), ...(keyword ? [keywordMatch(db, keyword)] : [])];
    const where = conditions.length > 1 ? _.and(conditions) : base;
    const [page, grouped, waiting] = await Promise.all([
      pageOf(db, where as Record<string, unknown>, cursor, limit, shopId),
      db.collection(ORDERS).aggregate().match({ shopId }).group({ _id: '$state', count: db.command.aggregate.sum(1) }).end() as Promise<{ list: { _id: OrderState; count: number }[] }>,
      db.collection(ORDERS).where({ shopId, state: 'paid', 'group.status': _.in(['forming', 'open', 'failed']) }).count() as Promise<{ total: number }>,
    ]);
    const counts: Partial<Record<OrderState, number>> = {};
    for (const row of grouped.list) counts[row._id] = row.count;
    if (waiting.total > 0) counts.paid = Math.max(0, (counts.paid ?? 0) - waiting.total);
    return { ...page, counts, awaitingGroup: waiting.total };
  },

  /** A campaign order's money seen only after 截团 (the buyer never marked it) is confirmed and owed back in full. */
  async confirmTransfer({ orderId }, ctx) {
    const db = database();
    const late = await paidTooLate(db, await loadOrder(db, orderId), ctx.clock.now());
    return asVendor(orderId, ctx, () => [late ? { type: 'transfer_confirmed', refundAll: LATE_PAYMENT_REASON } : { type: 'transfer_confirmed' }]);
  },
  rejectTransfer: ({ orderId, reason }, ctx) => asVendor(orderId, ctx, () => [{ type: 'transfer_rejected' }], reason),
  ship: ({ orderId, tracking }, ctx) => asVendor(orderId, ctx, (order, shop, now) => [{ type: 'ship', tracking, autoCompleteAt: autoCompleteAt(shop, notUntilGroupSucceeded(order, now)) }]),
  markReady: ({ orderId }, ctx) => asVendor(orderId, ctx, (order, shop, now) => [{ type: 'ready', autoCompleteAt: autoCompleteAt(shop, notUntilGroupSucceeded(order, now)) }]),
  declineRefund: ({ orderId, reason }, ctx) => asVendor(orderId, ctx, () => [{ type: 'refund_declined' }], reason),

  /**
   * Offline money goes back by the vendor's own hand, so starting the refund also finishes it.
   * WeChat Pay money goes back through cloudPay.refund: the refund is recorded as processing first,
   * with its refund number, then sent. A replayed call (same requestId), even one racing the first,
   * refunds nothing more: it sends again only its own refund whose sending broke, under the same
   * refund number. A new tap while a refund could not be sent sends that same refund again.
   */
  async refund({ orderId, amountFen, reason }, ctx) {
    const db = database();
    const order = await loadOrder(db, orderId);
    await requireVendor(db, order, ctx.openid);
    const actor = { role: 'vendor' as const, id: ctx.openid };
    const requestId = requestIdOf(ctx);
    const now = ctx.clock.now();
    const stuck = processingRefund(order);
    if (requestId && answeredRequest(order, actor.id, requestId)) return view(stuck?.requestId === requestId ? await settle(db, order, ctx) : order);
    const events: OrderEvent[] = [{ type: 'refund_started', amountFen, requestId }];
    if (order.payment.mode === 'offline') return view(await applyEvents(db, order, [...events, { type: 'refund_done' }], actor, now, reason, requestId));

    if (stuck && stuck.amountFen !== amountFen) throw new AppError('ORDER_STATE_CONFLICT', `上一笔 ${formatFen(stuck.amountFen)} 的退款还在办理，请先把它办完`);
    const started = stuck ? order : await applyEvents(db, order, events, actor, now, reason, requestId);
    return view(await settle(db, started, ctx));
  },
};
