// The pay action: a buyer starts paying a WeChat Pay order. The order's _id is WeChat Pay's
// out_trade_no, and WeChat Pay's notice of the money goes to the payNotify function.
import type { ordersContract } from '@core/contracts';
import { AppError } from '@core/errors';
import type { OrderDoc, ShopDoc } from '@core/model';
import { lineLabel } from '@core/order-names';
import { payTimeOver } from '@core/orders';
import * as cloudPay from '../_shared/cloud-pay';
import type { ActionImpls } from '../_shared/handler';
import { database, findById } from '../_shared/db';
import { loadOrder } from './store';
import { paidTooLate } from './campaign-orders';

/** The function WeChat Pay tells about payments (cloudfunctions/payNotify). */
const PAY_NOTIFY_FUNCTION = 'payNotify';

/**
 * "酉阳柴火烟熏腊肉（五花）等2件", as WeChat Pay shows it on the buyer's bill (the bill names the
 * merchant itself). Made from the order alone: asking again must send the same body, or WeChat
 * Pay refuses the repeat, so nothing the vendor can edit meanwhile (the shop's name) goes in.
 */
function payBody(order: OrderDoc): string {
  const [first] = order.lines;
  return first ? `${lineLabel(first)}${order.lines.length > 1 ? `等${order.lines.length}件` : ''}` : order.orderNo;
}

export const paymentActions: Pick<ActionImpls<typeof ordersContract>, 'pay'> = {
  async pay({ orderId }, ctx) {
    const db = database();
    const order = await loadOrder(db, orderId);
    if (order.buyerOpenId !== ctx.openid) throw new AppError('ORDER_NOT_FOUND');
    if (order.payment.mode !== 'wechat') throw new AppError('PAYMENT_NOT_OFFERED', '这笔订单选的是转账付款，请按店主的收款码转账');
    if (order.state !== 'to_pay') throw new AppError('ORDER_STATE_CONFLICT', order.payment.paidFen > 0 ? '这笔订单已经付过款了' : '订单已经关闭，不能再付款');
    if (payTimeOver(order, ctx.clock.now())) throw new AppError('ORDER_STATE_CONFLICT', '付款时间已过，订单即将取消，请重新下单');
    if (await paidTooLate(db, order, ctx.clock.now())) throw new AppError('CAMPAIGN_ENDED', '这个团已经截团了，不能再付款');
    const shop = await findById<ShopDoc>(db, 'shops', order.shopId);
    const subMchId = shop?.payment.wechatPay.enabled ? shop.payment.wechatPay.subMchId : '';
    if (!shop || !subMchId) throw new AppError('PAYMENT_NOT_OFFERED', '这家店暂不支持微信支付，请取消后换转账付款');

    let prepay: cloudPay.Prepay;
    try {
      prepay = await cloudPay.unifiedOrder({ body: payBody(order), outTradeNo: order._id, subMchId, totalFee: order.totalFen, notifyFunction: PAY_NOTIFY_FUNCTION });
    } catch (err) {
      console.error(`[orders.pay] unifiedOrder for order ${order._id} failed`, err);
      throw new AppError('PAYMENT_FAILED');
    }
    if (prepay.kind === 'paid') throw new AppError('ORDER_STATE_CONFLICT', '这笔订单已经付过款了，请稍后刷新');
    if (prepay.kind === 'refused') {
      console.error(`[orders.pay] unifiedOrder for order ${order._id} refused: ${prepay.detail}`);
      throw new AppError('PAYMENT_FAILED');
    }
    return { outTradeNo: order._id, payment: prepay.payment };
  },
};
