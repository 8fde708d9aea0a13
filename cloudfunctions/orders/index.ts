// The orders function: buyers price carts, place orders and follow them; vendors confirm offline
// money, hand goods over and refund. Timer triggers (config.json) cancel unpaid orders whose time
// has run out and complete delivered ones nobody confirmed; a timer's event has no action, so it
// is told apart before the handler factory (see isTimer). WeChat Pay's notices go to the payNotify
// function.
import cloud from 'wx-server-sdk';
import { ordersContract } from '@core/contracts';
import { systemClock } from '@core/clock';
import { initCloud } from '../_shared/cloud';
import { createHandler } from '../_shared/handler';
import { addressActions } from './addresses';
import { buyerActions } from './buyer';
import { checkoutActions } from './checkout';
import { autoComplete, expireUnpaid, retryRefunds, retryShippingRecords } from './expire';
import { settleStaleHolds } from './stock';
import { settleDueCampaigns } from './campaign-settle';
import { numberStrayOrders } from './campaign-orders';
import { failDueGroups } from './group-settle';
import { paymentActions } from './payments';
import { pickupActions } from './pickup';
import { vendorActions } from './vendor';

const handle = createHandler(ordersContract, {
  ...checkoutActions,
  ...buyerActions,
  ...vendorActions,
  ...paymentActions,
  ...addressActions,
  ...pickupActions,
});

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
}

/**
 * A run by one of this function's timer triggers. The event proves nothing: anyone may call the
 * function with `{Type: 'Timer'}`. The context the platform sets does: getWXContext().SOURCE is
 * `wx_trigger` for a timer only (`wx_client` for a mini-program's call, `<source>,scf` for a call
 * from another function), and a timer runs for no user, so it has no OPENID. Anything else that
 * looks like a timer is an ordinary call, which the handler refuses for having no action.
 */
function isTimer(event: unknown): event is TimerEvent {
  if (typeof event !== 'object' || event === null || (event as { Type?: unknown }).Type !== 'Timer') return false;
  const { SOURCE, OPENID } = cloud.getWXContext();
  return SOURCE === 'wx_trigger' && !OPENID;
}

export async function main(event: unknown) {
  if (isTimer(event)) {
    // The handler factory initialises the SDK for calls; a timer may be an instance's first event.
    initCloud();
    if (event.TriggerName === 'expireUnpaid') {
      // Stock of placements that died first, so the orders expiring next find a true shelf.
      const holds = await settleStaleHolds(systemClock.now());
      const expired = await expireUnpaid(systemClock);
      // Counted campaign orders a dead run left without a 跟团号, then campaigns past 截团 and not
      // settled yet: their differences start here (the refunds retried next).
      const numbered = await numberStrayOrders(systemClock.now());
      const campaigns = await settleDueCampaigns(systemClock.now());
      // 拼团 past their deadline: failed, members refunded in full (within a minute of it).
      const groups = await failDueGroups(systemClock.now());
      const refunds = await retryRefunds(systemClock);
      // WeChat's shipping records (发货信息) not accepted yet: settlement of the money waits for them.
      return { holds, expired, numbered, campaigns, groups, refunds, shipping: await retryShippingRecords(systemClock) };
    }
    if (event.TriggerName === 'autoComplete') return autoComplete(systemClock);
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: `unknown timer ${event.TriggerName}` } };
  }
  return handle(event);
}
