// A 拼团 that ran out of time, run by the orders timer every minute:
// 1. open → failed, one conditional update (still open, paid < N): a payment landing first that
//    fills the group wins, and the group succeeds instead (closed here if its run died first).
// 2. every paid member gets a system refund in full through the existing refund path (own refund
//    number, recorded with the order's change before it is sent; retryRefunds sends again one
//    whose call broke); an unpaid member's order is cancelled. Each order's change is a
//    conditional write, so two runs refund each member once. Stock goes back with the refund.
// 3. the group is marked refundsDone once no member's money is left with the shop.
import { GROUP_FAILED_REASON, GROUPS, type GroupDoc } from '@core/group-buy';
import { AppError } from '@core/errors';
import type { OrderDoc } from '@core/model';
import { PAID_STATES, refundableFen } from '@core/orders';
import { database, list, type Db } from '../_shared/db';
import { markMembersSucceeded } from './group-orders';
import { settleRefund } from './refunds';
import { applyEvents, findOrder } from './store';

const BATCH = 20;

/** Calls the group's member orders off: paid ones refunded in full, unpaid ones cancelled. True when none is left with money or unpaid. */
async function callOffMembers(db: Db, group: GroupDoc, now: number): Promise<boolean> {
  let settled = true;
  for (const orderId of Object.keys(group.seats)) {
    const order = await findOrder(db, orderId);
    if (!order) continue;
    try {
      let saved: OrderDoc = order;
      if (PAID_STATES.includes(order.state) && refundableFen(order) > 0) {
        saved = await applyEvents(db, order, [{ type: 'refund_started', amountFen: refundableFen(order) }], { role: 'system' }, now, GROUP_FAILED_REASON);
        await settleRefund(db, saved, now).catch((err: unknown) => {
          // Recorded as processing: retryRefunds sends it again under the same refund number.
          if (!(err instanceof AppError)) throw err;
        });
      } else if (order.state === 'to_pay') {
        saved = await applyEvents(db, order, [{ type: 'cancel' }], { role: 'system' }, now, GROUP_FAILED_REASON);
      } else if (order.state === 'refunding' && order.pendingRefund?.status === 'requested') {
        settled = false; // A buyer's own request waits for the vendor; the next run looks again.
      }
      await db.collection('orders').where({ _id: orderId }).update({ data: { 'group.status': 'failed' } });
    } catch (err) {
      // A payment or the buyer changed the order first: the next run decides again.
      if (!(err instanceof AppError)) console.error(`[orders.group] order ${orderId} of group ${group._id} not called off`, err);
      settled = false;
    }
  }
  return settled;
}

export interface GroupSweepReport {
  failed: number;
  succeeded: number;
}

/** The orders timer's step: fails groups past their deadline and refunds their members; repairs fills whose close did not run. */
export async function failDueGroups(now: number): Promise<GroupSweepReport> {
  const db = database();
  const _ = db.command;
  const report: GroupSweepReport = { failed: 0, succeeded: 0 };
  const due = await list<GroupDoc>(
    db
      .collection(GROUPS)
      .where(_.or([{ state: 'open', deadlineAt: _.lte(now) }, { state: 'failed', refundsDone: false }]))
      .orderBy('deadlineAt', 'asc')
      .limit(BATCH),
  );
  for (const group of due) {
    try {
      if (group.state === 'open' && group.paid >= group.size) {
        await db.collection(GROUPS).where({ _id: group._id, state: 'open' }).update({ data: { state: 'succeeded', closedAt: now, updatedAt: now } });
        await markMembersSucceeded(db, group);
        report.succeeded++;
        continue;
      }
      if (group.state === 'open') {
        const failed = await db.collection(GROUPS).where({ _id: group._id, state: 'open', paid: _.lt(group.size) }).update({ data: { state: 'failed', closedAt: now, updatedAt: now } });
        if ((failed as { stats: { updated: number } }).stats.updated === 1) report.failed++;
        else continue; // Filled (or failed by a twin run) meanwhile.
      }
      if (await callOffMembers(db, { ...group, state: 'failed' }, now)) {
        await db.collection(GROUPS).where({ _id: group._id, state: 'failed' }).update({ data: { refundsDone: true } });
      }
    } catch (err) {
      console.error(`[orders.group] group ${group._id} not settled`, err);
    }
  }
  return report;
}
