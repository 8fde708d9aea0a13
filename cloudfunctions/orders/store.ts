// Reading and writing orders and the stock they hold. Every state change is one conditional
// update on the state and version (updatedAt) it was decided from, so of two racing changes only
// one lands; the loser answers ORDER_STATE_CONFLICT. Stock moves with atomic $inc updates only.
import { randomBytes } from 'node:crypto';
import { AppError } from '@core/errors';
import { answeredRequest, returnsStock, transition, type Actor, type OrderEvent } from '@core/orders';
import type { OrderView } from '@core/contracts';
import type { OrderDoc, OrderHistoryEntry, ShopDoc } from '@core/model';
import { toOrderView } from '@core/orders';
import { requirePermission } from '../_shared/auth';
import { changedCount, findById, type Db } from '../_shared/db';
import { sendNotices } from './notices';
import { putBackStock } from './stock';
import { countChange, findCampaign, orderQuantities, putBackCampaignStock } from './campaign-orders';
import { differenceRefunded, differenceRefundFailed } from '@core/campaign-settlement';
import { groupChange } from './group-orders';
import { putBackLiveStockOf } from './live-orders';
import { newShippingRecord } from '@core/shipping-record';
import { SEND_LEASE_MS, sendShippingRecord } from './shipping-record';

/** A campaign order's stock goes back to the campaign's cap with the product's. */
async function putBackCampaignStockOf(db: Db, order: OrderDoc): Promise<void> {
  if (!order.campaign) return;
  const campaign = await findCampaign(db, order.campaign.campaignId);
  if (campaign) await putBackCampaignStock(db, campaign, order.buyerOpenId, orderQuantities(campaign, order));
}

/**
 * A price difference refunded through WeChat Pay follows its refund: done when the refund is, owed
 * again (for the next settlement run) when it failed.
 */
function withDifferenceSettled(order: OrderDoc): OrderDoc {
  const difference = order.campaign?.difference;
  if (!order.campaign || !difference || difference.status !== 'processing' || !difference.refundNo) return order;
  const refund = order.refunds.find((candidate) => candidate.refundNo === difference.refundNo);
  const at = order.updatedAt;
  if (refund?.status === 'done') {
    const result = differenceRefunded(difference, at);
    return result.ok ? { ...order, campaign: { ...order.campaign, difference: result.difference } } : order;
  }
  if (refund?.status === 'failed') return { ...order, campaign: { ...order.campaign, difference: differenceRefundFailed(difference, at) } };
  return order;
}

export const ORDERS = 'orders';

/** Who may see and work a shop's orders. */
export const ORDER_PERMISSION = 'manageOrders' as const;

/** The longest request id a call may carry: it is kept on the order with the change it made. */
export const REQUEST_ID_MAX = 64;

/** The call's request id (the client keeps one per intended action, reused on retry); null when it sent none. */
export function requestIdOf(ctx: { requestId?: string }): string | null {
  const { requestId } = ctx;
  if (requestId !== undefined && requestId.length > REQUEST_ID_MAX) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'requestId', message: '请求编号太长了，请更新小程序后再试' }]);
  }
  return requestId || null;
}

/** A document id: 24 random hex digits, as the database makes them (also WeChat Pay's out_trade_no, ≤ 32). */
export function newId(): string {
  return randomBytes(12).toString('hex');
}

/** Orders saved before refunds, auto-complete, the merchant and campaigns were kept get empty ones. */
export function withDefaults(order: OrderDoc): OrderDoc {
  return { ...order, refunds: order.refunds ?? [], autoCompleteAt: order.autoCompleteAt ?? null, campaign: order.campaign ?? null, group: order.group ?? null, shippingRecord: order.shippingRecord ?? null, payment: { ...order.payment, subMchId: order.payment.subMchId ?? null } };
}

export async function findOrder(db: Db, orderId: string): Promise<OrderDoc | null> {
  const order = await findById<OrderDoc>(db, ORDERS, orderId);
  return order && withDefaults(order);
}

export async function loadOrder(db: Db, orderId: string): Promise<OrderDoc> {
  const order = await findOrder(db, orderId);
  if (!order) throw new AppError('ORDER_NOT_FOUND');
  return order;
}


/**
 * Writes `after` over `before` only if the order is still exactly as read (same state, same
 * version). `updatedAt` is the version: it strictly increases with every write.
 */
async function commit(db: Db, before: OrderDoc, after: OrderDoc, entries: OrderHistoryEntry[]): Promise<OrderDoc> {
  const _ = db.command;
  const updatedAt = Math.max(after.updatedAt, before.updatedAt + 1);
  // _.set replaces an object whole; a plain object would be merged field by field (and cannot be
  // merged into a null).
  const whole = <T>(value: T) => (value === null ? null : _.set(value));
  // Of a campaign's link only the price difference moves with the order's state; the 跟团号 and the
  // list name are written on their own (countChange, renameEntry).
  after = withDifferenceSettled(after);
  const difference = after.campaign && after.campaign.difference !== before.campaign?.difference ? { 'campaign.difference': whole(after.campaign.difference) } : {};
  // A WeChat Pay order that ships, is made ready or handed over owes WeChat a shipping record:
  // saved pending with the change, so a crash before the send leaves it for the timer. Written
  // only when new: its sending is marked on its own, and an older copy must not overwrite that.
  const record = newShippingRecord(before, after, updatedAt, updatedAt + SEND_LEASE_MS);
  if (record) after = { ...after, shippingRecord: record };
  const shipping = record ? { shippingRecord: _.set(record) } : {};
  const updated = await changedCount(db
    .collection(ORDERS)
    .where({ _id: before._id, state: before.state, updatedAt: before.updatedAt })
    .update({
      data: {
        state: after.state,
        payment: whole(after.payment),
        fulfilment: whole(after.fulfilment),
        pendingRefund: whole(after.pendingRefund),
        refunds: _.set(after.refunds),
        expiresAt: after.expiresAt,
        autoCompleteAt: after.autoCompleteAt,
        updatedAt,
        history: _.push(entries),
        ...difference,
        ...shipping,
      },
    }));
  if (updated !== 1) throw new AppError('ORDER_STATE_CONFLICT');
  let saved: OrderDoc = { ...after, updatedAt };
  // Only the one write that made the change gets here, so stock goes back once.
  if (returnsStock(before, saved)) {
    await putBackStock(db, before.lines);
    if (saved.campaign) await putBackCampaignStockOf(db, saved);
    if (saved.live) await putBackLiveStockOf(db, saved);
  }
  try {
    saved = await countChange(db, before, saved, updatedAt);
  } catch (err) {
    // The change itself is saved and must be answered as such; the campaign's figures are logged to be put right.
    console.error(`[orders.campaign] order ${saved._id}: campaign counters not moved`, err);
  }
  try {
    saved = await groupChange(db, before, saved, updatedAt);
  } catch (err) {
    // As above: the change stands; a seat left held is released by the group's own deadline.
    console.error(`[orders.group] order ${saved._id}: group seat not released`, err);
  }
  if (record) {
    try {
      await sendShippingRecord(db, saved, updatedAt);
    } catch (err) {
      // The change stands; the record stays pending and the orders timer sends it.
      console.error(`[orders.shipping] order ${saved._id}: shipping record not sent`, err);
    }
  }
  await sendNotices(saved, entries);
  return saved;
}

/**
 * Applies events in turn (a refund that starts and finishes at once is two) and saves the
 * result with one conditional write. A no-op (a double tap) saves nothing and shows the order.
 * With a request id, the change is recorded under it: a replay of the same call (a lost reply, a
 * retry) changes nothing and gets the order as it is, and so does a twin that loses the write
 * to it.
 */
export async function applyEvents(db: Db, order: OrderDoc, events: OrderEvent[], actor: Actor, at: number, reason = '', requestId: string | null = null, amend?: (after: OrderDoc) => OrderDoc): Promise<OrderDoc> {
  if (requestId && answeredRequest(order, actor.id, requestId)) return order;
  let current = order;
  const entries: OrderHistoryEntry[] = [];
  for (const event of events) {
    const result = transition(current, event, { actor, at, reason, requestId });
    if (!result.ok) throw new AppError(result.problem.code, result.problem.message);
    if (result.outcome === 'noop') continue;
    current = result.order;
    entries.push(result.entry);
  }
  if (entries.length === 0) return order;
  // `amend` adds what goes in the same write (a campaign's price difference with its refund).
  if (amend) current = amend(current);
  try {
    return await commit(db, order, current, entries);
  } catch (err) {
    const lost = requestId !== null && err instanceof AppError && err.code === 'ORDER_STATE_CONFLICT';
    const now = lost ? await findOrder(db, order._id) : null;
    if (now && requestId && answeredRequest(now, actor.id, requestId)) return now;
    throw err;
  }
}

export const view = (order: OrderDoc): { order: OrderView } => ({ order: toOrderView(order) });

/** The caller may work this order's shop; a shop that is gone makes its orders gone too. */
export async function requireVendor(db: Db, order: OrderDoc, openid: string): Promise<ShopDoc> {
  try {
    return (await requirePermission(db, order.shopId, openid, ORDER_PERMISSION)).shop;
  } catch (err) {
    if (err instanceof AppError && err.code === 'SHOP_NOT_FOUND') throw new AppError('ORDER_NOT_FOUND');
    throw err;
  }
}

/** For actions whose contract names no membership errors: anyone but the vendor gets ORDER_NOT_FOUND. */
export async function isVendor(db: Db, order: OrderDoc, openid: string): Promise<boolean> {
  try {
    await requireVendor(db, order, openid);
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}
