// The 老客 mark on the vendor's order list: an order is from a returning buyer when the same buyer
// paid for an order in the same shop that was placed before it. One aggregation per page, over the
// page's buyers only (index shop_buyer_created), so the list costs one read more, not one per row.
import type { OrderDoc } from '@core/model';
import type { Db } from '../_shared/db';
import { ORDERS } from './store';

/** For each order of the page, whether its buyer had paid an earlier order in its shop. */
export async function returningMarks(db: Db, shopId: string, orders: readonly OrderDoc[]): Promise<(order: OrderDoc) => boolean> {
  const buyers = [...new Set(orders.map((order) => order.buyerOpenId))];
  if (!buyers.length) return () => false;
  const _ = db.command;
  const { list: rows } = (await db
    .collection(ORDERS)
    .aggregate()
    .match({ shopId, buyerOpenId: _.in(buyers), 'payment.paidFen': _.gt(0) })
    .group({ _id: '$buyerOpenId', firstAt: _.aggregate.min('$createdAt') })
    .limit(buyers.length)
    .end()) as { list: { _id: string; firstAt: number }[] };
  const firstPaid = new Map(rows.map((row) => [row._id, row.firstAt]));
  return (order) => (firstPaid.get(order.buyerOpenId) ?? Infinity) < order.createdAt;
}
