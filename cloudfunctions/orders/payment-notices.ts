// WeChat Pay's notices that a buyer paid: the payNotify function hands each one to
// handlePaymentNotice, and the expiry timer asks WeChat Pay itself (paidMeanwhile) before it
// cancels an unpaid WeChat order. A notice is only a hint until WeChat Pay confirms it.
import { AppError } from '@core/errors';
import type { OrderDoc, PaymentNotice, PaymentNoticeDoc, ShopDoc } from '@core/model';
import { transition } from '@core/orders';
import * as cloudPay from '../_shared/cloud-pay';
import { findById, isDuplicateKey, type Db } from '../_shared/db';
import { settleRefund } from './refunds';
import { applyEvents, findOrder } from './store';
import { LATE_PAYMENT_REASON, paidTooLate } from './campaign-orders';
import { confirmSeat, seatGone } from './group-orders';
import { GROUP_SEAT_GONE_REASON } from '@core/group-buy';
import { refundableFen } from '@core/orders';

/** Notices that could not be applied, kept for a person to look at. */
const UNAPPLIED = 'paymentNotices';
/** How often a notice re-reads the order when a buyer, vendor or timer changed it meanwhile. */
const CONFLICT_RETRIES = 5;

/**
 * Keeps a notice that must not change the order (unknown order, wrong amount, a transfer order) so
 * that answering WeChat "received" loses nothing: redelivering it would never make it right. One
 * record per notice (by transaction and amount), however often it comes.
 */
async function recordUnapplied(db: Db, notice: PaymentNotice, why: string, at: number): Promise<void> {
  const _id = `${notice.outTradeNo ?? '-'}:${notice.transactionId ?? '-'}:${notice.totalFee ?? '-'}`.slice(0, 120);
  console.error(`[payNotify] notice not applied (${why}): ${_id}`);
  try {
    const record: PaymentNoticeDoc = { _id, why, notice, at };
    await db.collection(UNAPPLIED).add({ data: record });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * Whether WeChat Pay itself says this trade was paid with this amount and transaction. Any mini-program
 * user can call a cloud function by name, payNotify included, so a notice is only a hint until the
 * payment platform confirms it. Throws when WeChat Pay cannot be asked (the notice comes again).
 */
async function confirmedByWeChatPay(notice: Required<Pick<PaymentNotice, 'outTradeNo' | 'transactionId' | 'totalFee' | 'subMchId'>>): Promise<boolean> {
  const trade = await cloudPay.queryOrder(notice.subMchId, notice.outTradeNo);
  const paid = trade?.state === 'SUCCESS' || trade?.state === 'REFUND';
  return paid && trade.totalFee === notice.totalFee && trade.transactionId === notice.transactionId;
}

/**
 * For the expiry timer: whether the buyer paid this unpaid WeChat order though the notice has not
 * arrived yet (a buyer paying in the last second). If so, the payment is applied as its notice
 * would be and this answers true, so the order is kept instead of cancelled and refunded. Throws
 * when WeChat Pay cannot be asked: nobody should cancel an order whose money is unknown.
 */
export async function paidMeanwhile(db: Db, order: OrderDoc, now: () => number): Promise<boolean> {
  if (order.payment.mode !== 'wechat') return false;
  const shop = await findById<ShopDoc>(db, 'shops', order.shopId);
  const subMchId = shop?.payment.wechatPay.subMchId;
  if (!subMchId) return false;
  const trade = await cloudPay.queryOrder(subMchId, order._id);
  // No trade (the buyer never opened the pay sheet) and NOTPAY both mean no money.
  if (trade?.state !== 'SUCCESS' || !trade.transactionId || trade.totalFee === undefined) return false;
  await handlePaymentNotice(db, { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: order._id, transactionId: trade.transactionId, totalFee: trade.totalFee, subMchId }, now);
  return true;
}

/**
 * Applies a payment notice. Resolves once its outcome is stored (the caller may then answer
 * {errcode: 0}); throws when it could not be, so WeChat Pay delivers it again. Never moves an
 * order backwards: a repeat is a no-op; money for an order cancelled meanwhile is refunded.
 */
export async function handlePaymentNotice(db: Db, notice: PaymentNotice, now: () => number): Promise<void> {
  // A failed payment changes nothing here; the order stays unpaid until it is paid or expires.
  if (notice.returnCode !== 'SUCCESS' || notice.resultCode !== 'SUCCESS') return;
  const { outTradeNo, transactionId, totalFee, subMchId } = notice;
  if (!outTradeNo || !transactionId || !subMchId || !Number.isSafeInteger(totalFee)) return recordUnapplied(db, notice, 'incomplete', now());
  for (let attempt = 0; attempt <= CONFLICT_RETRIES; attempt++) {
    const order = await findOrder(db, outTradeNo);
    if (!order) return recordUnapplied(db, notice, 'unknown_order', now());
    const at = now();
    // Money for a campaign order that arrives after 截团 goes back in full: the order never counts.
    // Money for a 拼团 seat that was released (the group filled or ended meanwhile) goes back too.
    const refundAll = (await paidTooLate(db, order, at)) ? LATE_PAYMENT_REASON : (await seatGone(db, order, at)) ? GROUP_SEAT_GONE_REASON : undefined;
    const event = { type: 'pay_confirmed', amountFen: totalFee as number, transactionId, subMchId, ...(refundAll ? { refundAll } : {}) } as const;
    const decided = transition(order, event, { actor: { role: 'payment' }, at });
    if (!decided.ok) return recordUnapplied(db, notice, decided.problem.code, at);
    if (decided.outcome !== 'noop' && !(await confirmedByWeChatPay({ outTradeNo, transactionId, totalFee: totalFee as number, subMchId }))) {
      return recordUnapplied(db, notice, 'NOT_CONFIRMED_BY_WECHAT_PAY', at);
    }
    try {
      let saved = decided.outcome === 'noop' ? order : await applyEvents(db, order, [event], { role: 'payment' }, at);
      // Re-checked on every delivery: the paid seat counts only if the group still takes it.
      if ((await confirmSeat(db, saved, now())) === 'refund') {
        saved = await applyEvents(db, saved, [{ type: 'refund_started', amountFen: refundableFen(saved) }], { role: 'system' }, now(), GROUP_SEAT_GONE_REASON);
      }
      // Also finishes a refund an earlier delivery started but could not send. A refused refund is
      // stored (failed, for the vendor); one that could not be sent throws, so the notice comes again.
      await settleRefund(db, saved, now());
      return;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'ORDER_STATE_CONFLICT')) throw err;
    }
  }
  throw new Error(`order ${outTradeNo} kept changing under its payment notice`);
}
