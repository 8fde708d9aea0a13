// The orders function: buyers price carts, place orders and follow them; vendors confirm offline
// money, hand goods over and refund. A timer trigger (config.json) cancels unpaid orders whose
// time has run out; its event has no action, so it is told apart before the handler factory.
import cloud from 'wx-server-sdk';
import { ordersContract } from '../../src/core/contracts';
import { systemClock } from '../../src/core/clock';
import { createHandler } from '../_shared/handler';
import { buyerActions } from './buyer';
import { checkoutActions } from './checkout';
import { expireUnpaid } from './expire';
import { vendorActions } from './vendor';

const handle = createHandler(ordersContract, {
  ...checkoutActions,
  ...buyerActions,
  ...vendorActions,
});

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
}

const isTimer = (event: unknown): event is TimerEvent => typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';

export async function main(event: unknown) {
  if (isTimer(event)) {
    // The handler factory initialises the SDK for calls; a timer may be an instance's first event.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    if (event.TriggerName === 'expireUnpaid') return expireUnpaid(systemClock);
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: `unknown timer ${event.TriggerName}` } };
  }
  return handle(event);
}
