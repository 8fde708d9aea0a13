// The timers: expireUnpaid cancels orders whose time to pay has run out and puts their stock back;
// autoComplete completes shipped or ready orders whose buyer never tapped 确认收货; retryRefunds
// sends again WeChat refunds whose call broke; retryShippingRecords sends again WeChat shipping
// records (发货信息) not accepted yet. Each order goes through the same conditional write
// as a person's change, so when the two race only one of them lands (and stock goes back once).
import { AppError } from '@core/errors';
import type { Clock } from '@core/clock';
import type { OrderDoc } from '@core/model';
import type { OrderEvent } from '@core/orders';
import { database, list, type Db } from '../_shared/db';
import { applyEvents, ORDERS, withDefaults } from './store';
import { paidMeanwhile } from './payment-notices';
import { settleRefund } from './refunds';
import { retryShippingRecord } from './shipping-record';

const PAGE = 100;
/** Pages per run: the function has 10 s, and the next minute's run picks up the rest. */
const MAX_PAGES = 5;

export interface SweepReport {
  /** Orders changed by this run. */
  done: number;
  /** Orders that changed under the timer (paid, cancelled by the buyer), needed nothing, or failed to save. */
  skipped: number;
}

interface Sweep {
  name: string;
  /** The orders due at `now`, by an indexed field compared with `now`. */
  due: (db: Db, now: number) => Record<string, unknown>;
  orderBy: keyof OrderDoc;
  /** Does the timer's part for one order; false when it turned out to need nothing. */
  act: (db: Db, order: OrderDoc, now: number) => Promise<boolean>;
}

async function sweep({ name, due, orderBy, act }: Sweep, clock: Clock): Promise<SweepReport> {
  const db = database();
  const report: SweepReport = { done: 0, skipped: 0 };
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const now = clock.now();
    const rows = (await list<OrderDoc>(db.collection(ORDERS).where(due(db, now)).orderBy(orderBy, 'asc').limit(PAGE))).filter((order) => !seen.has(order._id));
    for (const order of rows) {
      seen.add(order._id);
      try {
        if (await act(db, withDefaults(order), now)) report.done++;
        else report.skipped++;
      } catch (err) {
        // A buyer, vendor or payment got there first (theirs is the change that counts), or
        // WeChat Pay could not be reached (the next minute tries again).
        if (!(err instanceof AppError)) console.error(`[orders.${name}] order ${order._id} not changed`, err);
        report.skipped++;
      }
    }
    if (rows.length < PAGE) break;
  }
  return report;
}

/** The system applies one event to the order. */
const apply = (event: OrderEvent, reason: string) => async (db: Db, order: OrderDoc, now: number) => {
  await applyEvents(db, order, [event], { role: 'system' }, now, reason);
  return true;
};

export const expireUnpaid = (clock: Clock) =>
  sweep(
    {
      name: 'expireUnpaid',
      due: (db, now) => ({ state: 'to_pay', expiresAt: db.command.lte(now) }),
      orderBy: 'expiresAt',
      // A WeChat order paid in its last second is kept, not cancelled and refunded.
      act: async (db, order, now) => !(await paidMeanwhile(db, order, () => now)) && apply({ type: 'expire' }, '超时未付款')(db, order, now),
    },
    clock,
  );

export const autoComplete = (clock: Clock) =>
  sweep(
    {
      name: 'autoComplete',
      due: (db, now) => ({ state: db.command.in(['shipped', 'ready_for_pickup']), autoCompleteAt: db.command.lte(now) }),
      orderBy: 'autoCompleteAt',
      act: apply({ type: 'complete' }, '到期自动确认收货'),
    },
    clock,
  );

/**
 * Sends again every WeChat refund still processing: one whose call to WeChat Pay broke (nothing
 * is known of the money) stays so until someone asks again. Safe at any time, even while the
 * vendor's own call is under way: the refund number is the same, WeChat Pay applies it once, and
 * of two writes recording it only one lands.
 */
export const retryRefunds = (clock: Clock) =>
  sweep(
    {
      name: 'retryRefunds',
      due: () => ({ state: 'refunding', 'pendingRefund.status': 'processing' }),
      orderBy: 'updatedAt',
      act: async (db, order, now) => {
        await settleRefund(db, order, now);
        return true;
      },
    },
    clock,
  );

/**
 * Sends again every shipping record WeChat has not accepted (a failed call, or one whose sender
 * died): each at most once per run, under a lease so two runs never send the same one.
 */
export const retryShippingRecords = (clock: Clock) =>
  sweep(
    {
      name: 'retryShippingRecords',
      due: (db, now) => ({ 'shippingRecord.status': 'pending', 'shippingRecord.retryAt': db.command.lte(now) }),
      orderBy: 'updatedAt',
      act: retryShippingRecord,
    },
    clock,
  );
