// What the bench's rushes share: a call through the gateway as a phone makes it, and every
// document a query matches, read 1,000 at a time.
import type cloud from 'wx-server-sdk';

export type Db = ReturnType<typeof cloud.database>;

/** The demo shop's owner, who sets up and ends what the rushes sell. */
export const OWNER = 'demo-owner-laozhang';

/** The express address every rush buyer gives. */
export const RUSH_ADDRESS = { name: '王大妈', phone: '13800138000', province: '重庆市', city: '重庆市', district: '酉阳县', detail: '龙潭镇老街 1 号' };

export interface Reply {
  ok: boolean;
  data?: { order?: { id: string }; outTradeNo?: string };
  error?: { code: string };
}

/** One function call through the gateway for `openid`; a non-200 answer reads as a failed reply. */
export async function callAs(url: string, openid: string, name: string, action: string, payload: unknown, requestId?: string): Promise<Reply> {
  const res = await fetch(`${url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cactus-openid': openid },
    body: JSON.stringify({ name, data: { action, payload, ...(requestId ? { requestId } : {}) } }),
  });
  if (res.status !== 200) return { ok: false, error: { code: `HTTP ${res.status}` } };
  return ((await res.json()) as { result: Reply }).result;
}

/** Every document of `collection` matching `where`. */
export async function all<T>(db: Db, collection: string, where: Record<string, unknown>): Promise<T[]> {
  const rows: T[] = [];
  for (;;) {
    const { data } = (await db.collection(collection).where(where).skip(rows.length).limit(1000).get()) as unknown as { data: T[] };
    rows.push(...data);
    if (data.length < 1000) return rows;
  }
}
