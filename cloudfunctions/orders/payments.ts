// WeChat Pay through cloud payment (cloud.cloudPay): starting a payment, the payment platform's
// notice that money arrived (the payNotify function calls handlePaymentNotice), and refunds.
// The order's _id is WeChat Pay's out_trade_no; refund numbers come from the order's own refund
// records, so a replayed step sends WeChat the same out_refund_no and is applied once there.
import { randomBytes } from 'node:crypto';
import cloud from 'wx-server-sdk';
import type { ordersContract, WxPayParams } from '@core/contracts';
import { AppError } from '@core/errors';
import type { OrderDoc, ShopDoc } from '@core/model';
import { lineLabel } from '@core/order-names';
import { payTimeOver, processingRefund, transition } from '@core/orders';
import type { ActionImpls } from '../_shared/handler';
import { database, findById, isDuplicateKey, type Db } from '../_shared/db';
import { applyEvents, findOrder, loadOrder } from './store';

/** The function WeChat Pay tells about payments (cloudfunctions/payNotify). */
export const PAY_NOTIFY_FUNCTION = 'payNotify';
/** WeChat Pay counts body in bytes (128); 40 Chinese characters stay under it. */
const BODY_MAX_CHARS = 40;

/** What cloudPay answers: WeChat Pay v2 fields in camelCase. */
interface PayReply {
  returnCode?: string;
  returnMsg?: string;
  resultCode?: string;
  errCode?: string | number;
  errCodeDes?: string;
}

interface CloudPay {
  unifiedOrder(params: Record<string, unknown>): Promise<PayReply & { payment?: { timeStamp: string; nonceStr: string; package: string; signType: WxPayParams['signType']; paySign: string } }>;
  refund(params: Record<string, unknown>): Promise<PayReply & { refundId?: string }>;
  queryOrder(params: Record<string, unknown>): Promise<PayReply & { tradeState?: string; totalFee?: number; transactionId?: string }>;
}

// wx-server-sdk 4.0.2 declares no types for cloudPay.
const cloudPay = (): CloudPay => (cloud as unknown as { cloudPay: CloudPay }).cloudPay;

const succeeded = (reply: PayReply): boolean => reply.returnCode === 'SUCCESS' && reply.resultCode === 'SUCCESS';
const replyText = (reply: PayReply): string => `${reply.returnCode}/${reply.resultCode ?? '-'} ${reply.errCode ?? ''} ${reply.errCodeDes ?? reply.returnMsg ?? ''}`.trim();

/**
 * "酉阳柴火烟熏腊肉（五花）等2件", as WeChat Pay shows it on the buyer's bill (the bill names the
 * merchant itself). Made from the order alone: asking again must send the same body, or WeChat
 * Pay refuses the repeat, so nothing the vendor can edit meanwhile (the shop's name) goes in.
 */
function payBody(order: OrderDoc): string {
  const [first] = order.lines;
  const goods = first ? `${lineLabel(first)}${order.lines.length > 1 ? `等${order.lines.length}件` : ''}` : order.orderNo;
  return Array.from(goods).slice(0, BODY_MAX_CHARS).join('');
}

export const paymentActions: Pick<ActionImpls<typeof ordersContract>, 'pay'> = {
  async pay({ orderId }, ctx) {
    const db = database();
    const order = await loadOrder(db, orderId);
    if (order.buyerOpenId !== ctx.openid) throw new AppError('ORDER_NOT_FOUND');
    if (order.payment.mode !== 'wechat') throw new AppError('PAYMENT_NOT_OFFERED', '这笔订单选的是转账付款，请按店主的收款码转账');
    if (order.state !== 'to_pay') throw new AppError('ORDER_STATE_CONFLICT', order.payment.paidFen > 0 ? '这笔订单已经付过款了' : '订单已经关闭，不能再付款');
    if (payTimeOver(order, ctx.clock.now())) throw new AppError('ORDER_STATE_CONFLICT', '付款时间已过，订单即将取消，请重新下单');
    const shop = await findById<ShopDoc>(db, 'shops', order.shopId);
    const subMchId = shop?.payment.wechatPay.enabled ? shop.payment.wechatPay.subMchId : '';
    if (!shop || !subMchId) throw new AppError('PAYMENT_NOT_OFFERED', '这家店暂不支持微信支付，请取消后换转账付款');

    let reply: Awaited<ReturnType<CloudPay['unifiedOrder']>>;
    try {
      // The same order asked again gets the same prepay from WeChat Pay (same number, amount and body).
      reply = await cloudPay().unifiedOrder({
        body: payBody(order),
        outTradeNo: order._id,
        spbillCreateIp: '127.0.0.1',
        subMchId,
        totalFee: order.totalFen,
        envId: cloud.getWXContext().ENV,
        functionName: PAY_NOTIFY_FUNCTION,
        nonceStr: randomBytes(16).toString('hex'),
        tradeType: 'JSAPI',
      });
    } catch (err) {
      console.error(`[orders.pay] unifiedOrder for order ${order._id} failed`, err);
      throw new AppError('PAYMENT_FAILED');
    }
    if (reply.errCode === 'ORDERPAID') throw new AppError('ORDER_STATE_CONFLICT', '这笔订单已经付过款了，请稍后刷新');
    if (!succeeded(reply) || !reply.payment) {
      console.error(`[orders.pay] unifiedOrder for order ${order._id} refused: ${replyText(reply)}`);
      throw new AppError('PAYMENT_FAILED');
    }
    const { timeStamp, nonceStr, package: pkg, signType, paySign } = reply.payment;
    return { outTradeNo: order._id, payment: { timeStamp, nonceStr, package: pkg, signType, paySign } };
  },
};

export interface RefundOutcome {
  order: OrderDoc;
  /** Why WeChat Pay refused the refund (recorded as failed); null when it went through or none was due. */
  refused: string | null;
}

/**
 * Pays back the order's processing WeChat refund: SUCCESS records it done (WeChat Pay's refund
 * notice is not used, and the sandbox sends none: acceptance is taken as done); a refusal records
 * it failed, back on the vendor's desk. When the call itself breaks nothing is known about the
 * money, so this throws PAYMENT_FAILED and the refund stays processing: repeating it sends the same
 * out_refund_no, which WeChat Pay applies at most once.
 */
export async function settleRefund(db: Db, order: OrderDoc, at: number): Promise<RefundOutcome> {
  const refund = processingRefund(order);
  if (!refund || refund.mode !== 'wechat') return { order, refused: null };
  let reply: PayReply;
  try {
    reply = await cloudPay().refund({
      subMchId: order.payment.subMchId,
      nonceStr: randomBytes(16).toString('hex'),
      outTradeNo: order._id,
      outRefundNo: refund.refundNo,
      totalFee: order.payment.paidFen,
      refundFee: refund.amountFen,
      ...(refund.reason && { refundDesc: Array.from(refund.reason).slice(0, 80).join('') }),
    });
  } catch (err) {
    console.error(`[orders.refund] refund ${refund.refundNo} not sent`, err);
    throw new AppError('PAYMENT_FAILED', '退款还没办成，请稍后再点一次退款（不会重复退）');
  }
  if (succeeded(reply)) return { order: await applyEvents(db, order, [{ type: 'refund_done' }], { role: 'payment' }, at, refund.reason), refused: null };
  const refused = reply.errCodeDes ?? reply.returnMsg ?? '原因不明';
  console.error(`[orders.refund] refund ${refund.refundNo} refused: ${replyText(reply)}`);
  return { order: await applyEvents(db, order, [{ type: 'refund_failed' }], { role: 'payment' }, at, Array.from(refused).slice(0, 100).join('')), refused };
}

/** WeChat Pay's 支付结果通知 as the cloud hands it to the callback function (camelCase). */
export interface PaymentNotice {
  returnCode?: string;
  resultCode?: string;
  outTradeNo?: string;
  transactionId?: string;
  totalFee?: number;
  subMchId?: string;
}

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
    await db.collection(UNAPPLIED).add({ data: { _id, why, notice, at } });
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
  const reply = await cloudPay().queryOrder({ subMchId: notice.subMchId, outTradeNo: notice.outTradeNo, nonceStr: randomBytes(16).toString('hex') });
  if (reply.returnCode !== 'SUCCESS') throw new Error(`queryOrder for ${notice.outTradeNo} failed: ${replyText(reply)}`);
  const paid = reply.tradeState === 'SUCCESS' || reply.tradeState === 'REFUND';
  return reply.resultCode === 'SUCCESS' && paid && reply.totalFee === notice.totalFee && reply.transactionId === notice.transactionId;
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
  const reply = await cloudPay().queryOrder({ subMchId, outTradeNo: order._id, nonceStr: randomBytes(16).toString('hex') });
  if (reply.returnCode !== 'SUCCESS') throw new Error(`queryOrder for ${order._id} failed: ${replyText(reply)}`);
  // ORDERNOTEXIST (the buyer never opened the pay sheet) and NOTPAY both mean no money.
  if (reply.resultCode !== 'SUCCESS' || reply.tradeState !== 'SUCCESS' || !reply.transactionId || reply.totalFee === undefined) return false;
  await handlePaymentNotice(db, { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: order._id, transactionId: reply.transactionId, totalFee: reply.totalFee, subMchId }, now);
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
    const event = { type: 'pay_confirmed', amountFen: totalFee as number, transactionId, subMchId } as const;
    const decided = transition(order, event, { actor: { role: 'payment' }, at });
    if (!decided.ok) return recordUnapplied(db, notice, decided.problem.code, at);
    if (decided.outcome !== 'noop' && !(await confirmedByWeChatPay({ outTradeNo, transactionId, totalFee: totalFee as number, subMchId }))) {
      return recordUnapplied(db, notice, 'NOT_CONFIRMED_BY_WECHAT_PAY', at);
    }
    try {
      const saved = decided.outcome === 'noop' ? order : await applyEvents(db, order, [event], { role: 'payment' }, at);
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
