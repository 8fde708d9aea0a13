// The orders function: buyers price carts, place orders and follow them; vendors confirm offline
// money, hand goods over and refund. Timer triggers (config.json) cancel unpaid orders whose time
// has run out and complete delivered ones nobody confirmed; a timer's event has no action, so it
// is told apart before the handler factory. WeChat Pay's notices go to the payNotify function.
import { ordersContract } from '@core/contracts';
import { systemClock } from '@core/clock';
import { initCloud } from '../_shared/cloud';
import { createHandler } from '../_shared/handler';
import { addressActions } from './addresses';
import { buyerActions } from './buyer';
import { checkoutActions } from './checkout';
import { autoComplete, expireUnpaid, retryRefunds } from './expire';
import { settleStaleHolds } from './stock';
import { paymentActions } from './payments';
import { vendorActions } from './vendor';

const handle = createHandler(ordersContract, {
  ...checkoutActions,
  ...buyerActions,
  ...vendorActions,
  ...paymentActions,
  ...addressActions,
});

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
}

const isTimer = (event: unknown): event is TimerEvent => typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';

export async function main(event: unknown) {
  if (isTimer(event)) {
    // The handler factory initialises the SDK for calls; a timer may be an instance's first event.
    initCloud();
    if (event.TriggerName === 'expireUnpaid') {
      // Stock of placements that died first, so the orders expiring next find a true shelf.
      const holds = await settleStaleHolds(systemClock.now());
      const expired = await expireUnpaid(systemClock);
      return { holds, expired, refunds: await retryRefunds(systemClock) };
    }
    if (event.TriggerName === 'autoComplete') return autoComplete(systemClock);
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: `unknown timer ${event.TriggerName}` } };
  }
  return handle(event);
}
