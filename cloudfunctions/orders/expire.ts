// The expireUnpaid timer: cancels orders whose time to pay has run out and puts their stock back.
// Each order goes through the same conditional write as a buyer's cancel, so when the two race
// only one of them lands and the stock goes back once.
import { AppError } from '../../src/core/errors';
import type { Clock } from '../../src/core/clock';
import type { OrderDoc } from '../../src/core/orders';
import { database, list } from '../_shared/db';
import { applyEvents, ORDERS } from './store';

const PAGE = 100;
/** Pages per run: the function has 10 s, and the next minute's run picks up the rest. */
const MAX_PAGES = 5;

export interface ExpireReport {
  expired: number;
  /** Orders that changed under the timer (paid, cancelled by the buyer) or failed to save. */
  skipped: number;
}

export async function expireUnpaid(clock: Clock): Promise<ExpireReport> {
  const db = database();
  const _ = db.command;
  const report: ExpireReport = { expired: 0, skipped: 0 };
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const now = clock.now();
    const due = (await list<OrderDoc>(db.collection(ORDERS).where({ state: 'to_pay', expiresAt: _.lte(now) }).orderBy('expiresAt', 'asc').limit(PAGE))).filter((order) => !seen.has(order._id));
    for (const order of due) {
      seen.add(order._id);
      try {
        await applyEvents(db, order, [{ type: 'expire' }], { role: 'system' }, now);
        report.expired++;
      } catch (err) {
        // A buyer or vendor got there first: theirs is the change that counts.
        if (!(err instanceof AppError)) console.error(`[orders.expireUnpaid] order ${order._id} not expired`, err);
        report.skipped++;
      }
    }
    if (due.length < PAGE) break;
  }
  return report;
}
