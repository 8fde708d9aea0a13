// The show's dashboard: its orders (placed with the show's id), their buyers' earlier orders in
// the shop, and the visits of its page, read in pages and summed by src/core/live-dashboard.ts.
// At 下播 the figures are kept with the show (its summary), and read from there afterwards.
import type { liveContract, LiveDashboard } from '@core/contracts';
import { liveDashboard, type LiveOrderFacts, type LiveVisitFacts } from '@core/live-dashboard';
import { liveState, type LiveShowDoc } from '@core/live';
import type { ActionImpls } from '../_shared/handler';
import { changedCount, database, list, type Db } from '../_shared/db';
import { findShow, productsOf, SHOWS, showAccess } from './store';
import { settleAutoEnd } from './vendor';

const READ_MAX = 1000;

async function readAll<T>(db: Db, collection: string, where: Record<string, unknown>, field: Record<string, true>): Promise<T[]> {
  const rows: T[] = [];
  for (;;) {
    const page = await list<T>(db.collection(collection).where(where).field(field).orderBy('_id', 'asc').skip(rows.length).limit(READ_MAX));
    rows.push(...page);
    if (page.length < READ_MAX) return rows;
  }
}

/** Buyers among `buyers` with an order in the shop from before `before`. */
async function returningOf(db: Db, shopId: string, buyers: readonly string[], before: number): Promise<Set<string>> {
  const _ = db.command;
  const found = new Set<string>();
  for (let start = 0; start < buyers.length; start += 100) {
    const batch = buyers.slice(start, start + 100);
    const earlier = await list<{ buyerOpenId: string }>(db.collection('orders').where({ shopId, buyerOpenId: _.in(batch), createdAt: _.lt(before) }).field({ buyerOpenId: true }).limit(READ_MAX));
    for (const order of earlier) found.add(order.buyerOpenId);
  }
  return found;
}

export async function dashboardOf(db: Db, show: LiveShowDoc, now: number): Promise<LiveDashboard> {
  const [products, orders, visits] = await Promise.all([
    productsOf(db, show),
    readAll<LiveOrderFacts>(db, 'orders', { shopId: show.shopId, 'live.showId': show._id }, { buyerOpenId: true, state: true, createdAt: true, totalFen: true, lines: true }),
    readAll<LiveVisitFacts>(db, 'visits', { shopId: show.shopId, 'target.kind': 'live', 'target.showId': show._id }, { visitorOpenId: true, scene: true }),
  ]);
  const before = Math.min(show.liveAt ?? Infinity, ...orders.map((order) => order.createdAt));
  const returningBuyers = await returningOf(db, show.shopId, [...new Set(orders.map((order) => order.buyerOpenId))], Number.isFinite(before) ? before : now);
  return liveDashboard({ show, products, orders, returningBuyers, visits, now });
}

/**
 * The figures kept with an ended show: at 下播, or the first time anyone looks at a show that ended
 * by itself (or whose 下播 was cut short before they were written). Written once.
 */
export async function keepSummary(db: Db, show: LiveShowDoc, now: number): Promise<LiveDashboard> {
  if (show.summary) return show.summary as LiveDashboard;
  const dashboard = { ...(await dashboardOf(db, show, now)), summaryAt: now };
  if ((await changedCount(db.collection(SHOWS).where({ _id: show._id, summary: db.command.exists(false) }).update({ data: { summary: db.command.set(dashboard) } }))) === 1) return dashboard;
  // Another call kept them first: theirs stand.
  return ((await findShow(db, show._id))?.summary as LiveDashboard | undefined) ?? dashboard;
}

export const dashboardActions: Pick<ActionImpls<typeof liveContract>, 'dashboard'> = {
  async dashboard({ showId }, ctx) {
    const db = database();
    const { show } = await showAccess(db, showId, ctx.openid, 'view');
    const now = ctx.clock.now();
    await settleAutoEnd(db, show, now);
    return { dashboard: liveState(show, now) === 'ended' ? await keepSummary(db, show, now) : await dashboardOf(db, show, now) };
  },
};
