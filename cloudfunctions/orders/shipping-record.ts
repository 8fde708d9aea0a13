// Sending WeChat's shipping record (发货信息管理) of a WeChat Pay order. The record is saved pending
// in the same conditional write as the change that owes it (store.ts commit, rules in
// src/core/shipping-record.ts); the call that saved it sends it at once, and the orders timer sends
// again any that failed, until WeChat accepts it. Only the record's own seq is ever marked, so a
// newer record (a re-ship) is never taken for an older one's answer.
//
// The route from a cloud function (researched for issue 12):
//   HTTPS:      POST https://api.weixin.qq.com/wxa/sec/order/upload_shipping_info?access_token=…
//   云调用:      调用方法 wxa.sec.order.uploadShippingInfo (出入参和 HTTPS 调用相同), that is
//               `cloud.openapi.wxa.sec.order.uploadShippingInfo(body)` with wx-server-sdk: its
//               openapi proxy joins the property path into the api name it sends with wx.openApi
//               ("wxa.sec.order.uploadShippingInfo"), and passes snake_case keys through as they are.
//   Permission: config.json permissions.openapi lists "wxa.sec.order.uploadShippingInfo".
//   Doc:        https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo
// Errors seen from WeChat: 10060001 支付单不存在 (also, for a few seconds, right after payment:
// retrying later is the fix), 10060003 支付单已使用重新发货机会, 10060004 支付单处于不可发货的状态.
import cloud from 'wx-server-sdk';
import type { OrderDoc, ShippingRecord } from '@core/model';
import { uploadShippingInfoRequest } from '@core/shipping-record';
import { changedCount, type Db } from '../_shared/db';

// The orders collection (store.ts names it too; store imports this module, so not from there).
const ORDERS = 'orders';

/** How long the call that saved a record has it to itself before the timer may send it. */
export const SEND_LEASE_MS = 60_000;

type Outcome = 'accepted' | 'failed' | 'lost';

/**
 * WeChat's answers that no retry changes: 10060003 支付单已使用重新发货机会, 10060004 支付单处于不可发货的状态.
 * (10060001 支付单不存在 is retried: WeChat answers it for a few seconds after a payment.)
 */
const FINAL_REFUSALS = [10060003, 10060004];

/** Updates the record only while it is still this seq and pending: of two senders one marks it. */
async function mark(db: Db, order: OrderDoc, record: ShippingRecord, changes: Partial<ShippingRecord>): Promise<boolean> {
  const _ = db.command;
  const data = Object.fromEntries(Object.entries(changes).map(([key, value]) => [`shippingRecord.${key}`, value]));
  return (await changedCount(db.collection(ORDERS).where({ _id: order._id, 'shippingRecord.seq': record.seq, 'shippingRecord.status': 'pending' }).update({ data: { ...data, 'shippingRecord.attempts': _.inc(1) } }))) === 1;
}

/** Sends the order's pending record once and records the answer; never throws for WeChat's refusal. */
export async function sendShippingRecord(db: Db, order: OrderDoc, now: number): Promise<Outcome> {
  const record = order.shippingRecord;
  if (!record || record.status !== 'pending') return 'lost';
  try {
    await cloud.openapi.wxa.sec.order.uploadShippingInfo(uploadShippingInfoRequest(order, record));
  } catch (err) {
    const { errCode, errMsg } = (err ?? {}) as { errCode?: unknown; errMsg?: unknown };
    const why = `${String(errCode ?? '')} ${String(errMsg ?? err)}`.trim().slice(0, 200);
    console.warn(`[orders.shipping] record ${record.seq} of order ${order._id} not accepted: ${why}`);
    // WeChat will never take this one (the payment's one re-ship is used, or it cannot ship any
    // more): kept blocked for a person instead of retried every minute.
    if (FINAL_REFUSALS.includes(Number(errCode))) {
      await mark(db, order, record, { status: 'blocked', retryAt: null, lastError: why });
      return 'failed';
    }
    // Free for the next timer run at once: nothing else is sending it.
    await mark(db, order, record, { retryAt: now, lastError: why });
    return 'failed';
  }
  return (await mark(db, order, record, { status: 'accepted', acceptedAt: now, retryAt: null, lastError: null })) ? 'accepted' : 'lost';
}

/**
 * The timer's part: takes the lease on a pending record whose time has come (one conditional write
 * on the retryAt it read, so two runs never both send it), then sends it.
 */
export async function retryShippingRecord(db: Db, order: OrderDoc, now: number): Promise<boolean> {
  const record = order.shippingRecord;
  if (!record || record.status !== 'pending' || record.retryAt === null || record.retryAt > now) return false;
  const claimed = await changedCount(
    db
      .collection(ORDERS)
      .where({ _id: order._id, 'shippingRecord.seq': record.seq, 'shippingRecord.status': 'pending', 'shippingRecord.retryAt': record.retryAt })
      .update({ data: { 'shippingRecord.retryAt': now + SEND_LEASE_MS } }),
  );
  if (claimed !== 1) return false;
  return (await sendShippingRecord(db, order, now)) === 'accepted';
}
