// Loading a selection of the shop's orders still to hand over. The database narrows by shop,
// state and the indexed filters; the pure rules (src/core/shipping-workspace.ts) decide the rest.
import { SELECTION_MAX, type WorkspaceFilter } from '@core/contracts';
import type { OrderDoc } from '@core/model';
import { isToHandOver, matchesFilter } from '@core/shipping-workspace';
import { list, type Db } from '../_shared/db';
import { ORDERS, withDefaults } from '../orders/store';

/** The server's get() answers at most 100 documents. */
const PAGE = 100;

/**
 * The shop's paid orders not yet handed over that match the filter (and, when given, are among
 * `orderIds`), oldest first; at most SELECTION_MAX + 1, so a caller can tell the list was cut.
 */
export async function loadSelection(db: Db, shopId: string, filter: WorkspaceFilter, orderIds?: readonly string[]): Promise<OrderDoc[]> {
  const _ = db.command;
  const where: Record<string, unknown> = { shopId, state: 'paid' };
  if (filter.campaignId !== undefined) where['campaign.campaignId'] = filter.campaignId;
  if (filter.liveShowId !== undefined) where['live.showId'] = filter.liveShowId;
  if (filter.kind !== undefined) where['fulfilment.kind'] = filter.kind;
  if (filter.pointId !== undefined) where['fulfilment.point.id'] = filter.pointId;
  if (filter.from !== undefined || filter.to !== undefined) {
    where.createdAt = filter.from !== undefined && filter.to !== undefined ? _.gte(filter.from).and(_.lt(filter.to)) : filter.from !== undefined ? _.gte(filter.from) : _.lt(filter.to as number);
  }
  const found: OrderDoc[] = [];
  if (orderIds) {
    for (let i = 0; i < orderIds.length; i += PAGE) {
      found.push(...(await list<OrderDoc>(db.collection(ORDERS).where({ ...where, _id: _.in(orderIds.slice(i, i + PAGE)) }).limit(PAGE))));
    }
    found.sort((a, b) => a.createdAt - b.createdAt || a._id.localeCompare(b._id));
  } else {
    for (let skip = 0; found.length <= SELECTION_MAX; skip += PAGE) {
      const page = await list<OrderDoc>(db.collection(ORDERS).where(where).orderBy('createdAt', 'asc').orderBy('_id', 'asc').skip(skip).limit(PAGE));
      found.push(...page);
      if (page.length < PAGE) break;
    }
  }
  return found.map(withDefaults).filter((order) => isToHandOver(order) && matchesFilter(order, filter)).slice(0, SELECTION_MAX + 1);
}

/** Orders by order number, of any shop (the import reports another shop's number as such). */
export async function ordersByNumber(db: Db, orderNos: readonly string[]): Promise<Map<string, OrderDoc>> {
  const _ = db.command;
  const found = new Map<string, OrderDoc>();
  const unique = [...new Set(orderNos)];
  for (let i = 0; i < unique.length; i += PAGE) {
    const page = await list<OrderDoc>(db.collection(ORDERS).where({ orderNo: _.in(unique.slice(i, i + PAGE)) }).limit(PAGE));
    for (const order of page) found.set(order.orderNo, withDefaults(order));
  }
  return found;
}

/** Which of the shop's orders already ship under these tracking numbers: number → order id. */
export async function trackingInUse(db: Db, shopId: string, numbers: readonly string[]): Promise<Map<string, string>> {
  const _ = db.command;
  const used = new Map<string, string>();
  const unique = [...new Set(numbers)];
  for (let i = 0; i < unique.length; i += PAGE) {
    const page = await list<OrderDoc>(db.collection(ORDERS).where({ shopId, 'fulfilment.tracking.number': _.in(unique.slice(i, i + PAGE)) }).field({ _id: true, fulfilment: true }).limit(PAGE));
    for (const order of page) if (order.fulfilment.kind === 'express' && order.fulfilment.tracking) used.set(order.fulfilment.tracking.number, order._id);
  }
  return used;
}
