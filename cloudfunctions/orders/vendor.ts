// What a shop's owner and staff do with its orders: find them, confirm offline money, hand the
// goods over and refund. Every action checks the caller's role in the order's own shop.
import type { ordersContract, OrderState } from '../../src/core/contracts';
import { AppError } from '../../src/core/errors';
import type { OrderDoc, OrderEvent } from '../../src/core/orders';
import type { ActionImpls, UserContext } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { database } from '../_shared/db';
import { applyEvents, loadOrder, ORDER_PERMISSION, ORDERS, requireVendor, view } from './store';
import { pageOf } from './buyer';

/** Loads the order, checks the caller works its shop, and applies the events as the vendor. */
async function asVendor(orderId: string, ctx: UserContext, events: (order: OrderDoc) => OrderEvent[], reason = '') {
  const db = database();
  const order = await loadOrder(db, orderId);
  await requireVendor(db, order, ctx.openid);
  return view(await applyEvents(db, order, events(order), { role: 'vendor', id: ctx.openid }, ctx.clock.now(), reason));
}

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
    const where = keyword ? _.and([base, keywordMatch(db, keyword)]) : base;
    const [page, grouped] = await Promise.all([
      pageOf(db, where as Record<string, unknown>, cursor, limit),
      db.collection(ORDERS).aggregate().match({ shopId }).group({ _id: '$state', count: db.command.aggregate.sum(1) }).end() as Promise<{ list: { _id: OrderState; count: number }[] }>,
    ]);
    const counts: Partial<Record<OrderState, number>> = {};
    for (const row of grouped.list) counts[row._id] = row.count;
    return { ...page, counts };
  },

  confirmTransfer: ({ orderId }, ctx) => asVendor(orderId, ctx, () => [{ type: 'transfer_confirmed' }]),
  rejectTransfer: ({ orderId, reason }, ctx) => asVendor(orderId, ctx, () => [{ type: 'transfer_rejected' }], reason),
  ship: ({ orderId, tracking }, ctx) => asVendor(orderId, ctx, () => [{ type: 'ship', tracking }]),
  markReady: ({ orderId }, ctx) => asVendor(orderId, ctx, () => [{ type: 'ready' }]),
  declineRefund: ({ orderId, reason }, ctx) => asVendor(orderId, ctx, () => [{ type: 'refund_declined' }], reason),

  /** Offline money goes back by the vendor's own hand, so starting the refund also finishes it. */
  refund: ({ orderId, amountFen, reason }, ctx) =>
    asVendor(
      orderId,
      ctx,
      (order) => {
        // A WeChat Pay refund needs the payment platform, which this function does not reach yet.
        if (order.payment.mode === 'wechat') throw new AppError('ORDER_STATE_CONFLICT', '微信支付的退款暂时不能在这里办理');
        return [{ type: 'refund_started', amountFen }, { type: 'refund_done' }];
      },
      reason,
    ),
};
