// Refund settlement: paying back an order's approved WeChat refund through WeChat Pay. Refund
// numbers come from the order's own refund records, so a replayed step sends WeChat Pay the same
// out_refund_no and is applied once there.
import { AppError } from '@core/errors';
import type { OrderDoc } from '@core/model';
import { processingRefund } from '@core/orders';
import * as cloudPay from '../_shared/cloud-pay';
import type { Db } from '../_shared/db';
import { applyEvents } from './store';

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
  let reply: cloudPay.RefundReply;
  try {
    reply = await cloudPay.refund({
      subMchId: order.payment.subMchId,
      outTradeNo: order._id,
      outRefundNo: refund.refundNo,
      totalFee: order.payment.paidFen,
      refundFee: refund.amountFen,
      reason: refund.reason,
    });
  } catch (err) {
    console.error(`[orders.refund] refund ${refund.refundNo} not sent`, err);
    throw new AppError('PAYMENT_FAILED', '退款还没办成，请稍后再点一次退款（不会重复退）');
  }
  if (reply.kind === 'accepted') return { order: await applyEvents(db, order, [{ type: 'refund_done' }], { role: 'payment' }, at, refund.reason), refused: null };
  const refused = reply.reason ?? '原因不明';
  console.error(`[orders.refund] refund ${refund.refundNo} refused: ${reply.detail}`);
  return { order: await applyEvents(db, order, [{ type: 'refund_failed' }], { role: 'payment' }, at, Array.from(refused).slice(0, 100).join('')), refused };
}
