// The timers: expireUnpaid cancels orders whose time to pay has run out and puts their stock back;
// autoComplete completes shipped or ready orders whose buyer never tapped 确认收货; retryRefunds
// sends again WeChat refunds whose call broke. Each order goes
// through the same conditional write as a person's change, so when the two race only one of them
// lands (and stock goes back once).
import { AppError } from '../../src/core/errors';
import type { Clock } from '../../src/core/clock';
import type { OrderDoc, OrderEvent } from '../../src/core/orders';
import { database, list, type Db } from '../_shared/db';
import { applyEvents, ORDERS, withDefaults } from './store';
import { paidMeanwhile, settleRefund } from './payments';

const PAGE = 100;
/** Pages per run: the function has 10 s, and the next minute's run picks up the rest. */
const MAX_PAGES = 5;

export interface SweepReport {
  /** Orders changed by this run. */
  done: number;
  /** Orders that changed under the timer (paid, cancelled by the buyer) or failed to save. */
  skipped: number;
}

interface Sweep {
  name: string;
  /** The orders due at `now`, by an indexed field compared with `now`. */
  due: (db: Db, now: number) => Record<string, unknown>;
  orderBy: keyof OrderDoc;
  event: OrderEvent;
  reason: string;
  /** Settles an order another way first; true when that is all it needed. */
  first?: (db: Db, order: OrderDoc, now: number) => Promise<boolean>;
}

async function sweep({ name, due, orderBy, event, reason, first }: Sweep, clock: Clock): Promise<SweepReport> {
  const db = database();
  const report: SweepReport = { done: 0, skipped: 0 };
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const now = clock.now();
    const rows = (await list<OrderDoc>(db.collection(ORDERS).where(due(db, now)).orderBy(orderBy, 'asc').limit(PAGE))).filter((order) => !seen.has(order._id));
    for (const order of rows) {
      seen.add(order._id);
      try {
        if (first && (await first(db, withDefaults(order), now))) {
          report.skipped++;
          continue;
        }
        await applyEvents(db, withDefaults(order), [event], { role: 'system' }, now, reason);
        report.done++;
      } catch (err) {
        // A buyer, vendor or payment got there first: theirs is the change that counts.
        if (!(err instanceof AppError)) console.error(`[orders.${name}] order ${order._id} not changed`, err);
        report.skipped++;
      }
    }
    if (rows.length < PAGE) break;
  }
  return report;
}

export const expireUnpaid = (clock: Clock) =>
  sweep(
    {
      name: 'expireUnpaid',
      due: (db, now) => ({ state: 'to_pay', expiresAt: db.command.lte(now) }),
      orderBy: 'expiresAt',
      event: { type: 'expire' },
      reason: '超时未付款',
      // A WeChat order paid in its last second is kept, not cancelled and refunded.
      first: (db, order, now) => paidMeanwhile(db, order, () => now),
    },
    clock,
  );

export const autoComplete = (clock: Clock) =>
  sweep(
    {
      name: 'autoComplete',
      due: (db, now) => ({ state: db.command.in(['shipped', 'ready_for_pickup']), autoCompleteAt: db.command.lte(now) }),
      orderBy: 'autoCompleteAt',
      event: { type: 'complete' },
      reason: '到期自动确认收货',
    },
    clock,
  );

/**
 * Sends again every WeChat refund still processing: one whose call to WeChat Pay broke (nothing
 * is known of the money) stays so until someone asks again. Safe at any time, even while the
 * vendor's own call is under way: the refund number is the same, WeChat Pay applies it once, and
 * of two writes recording it only one lands.
 */
export async function retryRefunds(clock: Clock): Promise<SweepReport> {
  const db = database();
  const report: SweepReport = { done: 0, skipped: 0 };
  const rows = await list<OrderDoc>(db.collection(ORDERS).where({ state: 'refunding', 'pendingRefund.status': 'processing' }).limit(PAGE));
  for (const order of rows) {
    try {
      await settleRefund(db, withDefaults(order), clock.now());
      report.done++;
    } catch (err) {
      // PAYMENT_FAILED: WeChat Pay still cannot be reached; the next minute tries again.
      if (!(err instanceof AppError)) console.error(`[orders.retryRefunds] order ${order._id}`, err);
      report.skipped++;
    }
  }
  return report;
}
