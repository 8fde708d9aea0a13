// Lists shown a page at a time, with 加载更多.
import type { Reply } from '@core/contracts';

/** The next page's reply as one longer list: the `key` rows already shown, then its own. */
export function afterShown<K extends string, T extends Record<K, readonly unknown[]>>(key: K, shown: T | undefined, reply: Reply<T>): Reply<T> {
  return reply.ok && shown ? { ok: true, data: { ...reply.data, [key]: [...shown[key], ...reply.data[key]] } } : reply;
}
