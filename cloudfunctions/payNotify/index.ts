// The function WeChat Pay calls when a buyer has paid (named in unifiedOrder's functionName). It
// answers {errcode: 0} only once the notice's outcome is stored; anything else makes WeChat Pay
// deliver it again, which is safe: applying a notice twice changes nothing the second time.
// Notices that must never change an order (unknown order, an amount other than the order's) are
// stored in `paymentNotices` for a person and then acknowledged, since a redelivery would not
// make them right.
import { systemClock } from '@core/clock';
import type { PaymentNotice } from '@core/model';
import { initCloud } from '../_shared/cloud';
import { database } from '../_shared/db';
import { handlePaymentNotice } from '../orders/payment-notices';

export async function main(event: PaymentNotice) {
  initCloud();
  try {
    await handlePaymentNotice(database(), event ?? {}, () => systemClock.now());
    return { errcode: 0, errmsg: 'OK' };
  } catch (err) {
    console.error(`[payNotify] notice for ${String(event?.outTradeNo)} not stored; WeChat Pay will send it again`, err);
    return { errcode: -1, errmsg: 'not stored, please retry' };
  }
}
