// Lists of orders shown a page at a time, with 加载更多.
import type { Reply } from '@core/contracts';

/** The next page's reply as one longer list: the orders already shown, then its own. */
export function afterShown<T extends { orders: readonly unknown[] }>(shown: T | undefined, reply: Reply<T>): Reply<T> {
  return reply.ok && shown ? { ok: true, data: { ...reply.data, orders: [...shown.orders, ...reply.data.orders] } } : reply;
}
