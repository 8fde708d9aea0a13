// The live rush of `npm run bench`: a Channels show on air with one pinned item (a live price,
// 限购 1, a live stock cap of CAP on a shelf holding far more), and buyers arriving open-loop at
// RATE per second for SECONDS, each a new buyer placing one at the live price with the show's id
// through the gateway; every RETRY_EVERY-th buyer's phone sends the same call twice (same
// requestId), as a retry after a lost answer does. Open-loop: a call leaves at its time whether or
// not earlier ones have been answered, and its latency is counted from that time, so a server
// falling behind shows as latency, not as a slower offer.
// Then the capacity of placement: BURST buyers all at once (closed loop, full concurrency) on a
// second show's pinned item, their place calls/s to be read against the gateway floor of the same run.
// Checked from the database: the shows' sold counters and the orders at the live price never pass
// the caps (oversold), and no requestId made two orders (duplicates).
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { DB_REQUESTS_HEADER } from '../../emulator/server';
import type { LiveShowDoc } from '@core/live';
import type { OrderDoc } from '@core/model';
import { all, callAs, OWNER, RUSH_ADDRESS as address, type Db } from './bench-gateway';
import { saleProduct, SALE_SKU } from './bench-sale';

const LIVE_PRICE_LI = 6_600;

export interface LiveRushOptions {
  rate: number;
  seconds: number;
  cap: number;
  burst: number;
  retryEvery: number;
}

export interface LiveRush {
  /** Calls sent per second in the open-loop phase, as they really left. */
  offeredPerSec: number;
  /** Calls answered per second, from the first call's time to the last answer. */
  achievedPerSec: number;
  p50: number;
  p99: number;
  /** Sold at the live price in the open-loop phase, and its cap. */
  sold: number;
  cap: number;
  /** Units beyond a cap, by the show's counter or by the orders at the live price, over both phases. */
  oversold: number;
  /** (buyer, requestId) pairs with more than one order. */
  duplicates: number;
  /** Place calls per second of the closed-loop burst. */
  placePerSec: number;
  /** Database requests per place call in the burst (the emulator counts them per call). */
  dbPerPlace: number;
  /** Mean latency of a burst call, ms. */
  burstMeanMs: number;
  /** What went wrong, by kind ("place HTTP 504", "retry answered differently"). */
  failed: Map<string, number>;
}

interface Timed {
  code: string;
  orderId: string | null;
  ms: number;
  endedAt: number;
  dbRequests: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** One buyer's 立即抢购 of one unit from the live page: orders.place with the show's id and the live room's scene. */
async function placeLive(url: string, buyer: string, requestId: string, showId: string, productId: string, sentAt: number): Promise<Timed> {
  const res = await fetch(`${url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cactus-openid': buyer },
    body: JSON.stringify({
      name: 'orders',
      data: {
        action: 'place',
        requestId,
        payload: { shopId: DEMO_SHOP_ID, liveShowId: showId, lines: [{ productId, skuId: SALE_SKU, quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'offline', source: { ref: null, scene: 1176 } },
      },
    }),
  });
  const endedAt = performance.now();
  const dbRequests = Number(res.headers.get(DB_REQUESTS_HEADER) ?? 0);
  const body = (await res.json().catch(() => ({}))) as { result?: { ok: boolean; data?: { order: { id: string } }; error?: { code: string } } };
  const result = res.status === 200 ? body.result : undefined;
  const code = result ? (result.ok ? 'ok' : (result.error?.code ?? '?')) : `HTTP ${res.status}`;
  return { code, orderId: result?.data?.order.id ?? null, ms: endedAt - sentAt, endedAt, dbRequests };
}

/** A show on air now with one item of `productId` at the live price, pinned. */
async function pinnedShow(url: string, productId: string, cap: number, tag: string): Promise<{ showId: string; itemId: string }> {
  const item = { productId, skuId: SALE_SKU, livePriceLi: LIVE_PRICE_LI, limitPerBuyer: 1, stockCap: cap };
  const created = await callAs(url, OWNER, 'live', 'createShow', { shopId: DEMO_SHOP_ID, show: { title: '长白山林下参专场', startAt: Date.now(), streamerOpenIds: [], items: [item] } }, `${tag}-create`);
  const show = (created as unknown as { data?: { show: { id: string; items: { id: string }[] } } }).data?.show;
  if (!created.ok || !show) throw new Error(`createShow failed: ${JSON.stringify(created.error)}`);
  for (const [action, payload] of [
    ['startShow', { showId: show.id }],
    ['pin', { showId: show.id, itemId: show.items[0].id }],
  ] as const) {
    const reply = await callAs(url, OWNER, 'live', action, payload, `${tag}-${action}`);
    if (!reply.ok) throw new Error(`${action} failed: ${JSON.stringify(reply.error)}`);
  }
  return { showId: show.id, itemId: show.items[0].id };
}

/** What the database says of a show: units beyond its cap (counter or live-priced orders) and twin orders. */
async function audit(db: Db, showId: string, itemId: string): Promise<{ sold: number; cap: number; oversold: number; duplicates: number }> {
  const [show] = await all<LiveShowDoc>(db, 'liveShows', { _id: showId });
  const cap = show.items.find((item) => item.id === itemId)?.stockCap ?? 0;
  const sold = show.sold[itemId] ?? 0;
  const orders = (await all<OrderDoc>(db, 'orders', { 'live.showId': showId })).filter((order) => order.state !== 'cancelled');
  const atLivePrice = orders.reduce((sum, order) => sum + order.lines.filter((line) => line.priceSource.kind === 'live').reduce((units, line) => units + line.quantity, 0), 0);
  const perRequest = new Map<string, number>();
  for (const order of orders) perRequest.set(`${order.buyerOpenId}\n${order.requestId}`, (perRequest.get(`${order.buyerOpenId}\n${order.requestId}`) ?? 0) + 1);
  return { sold, cap, oversold: Math.max(0, sold - cap, atLivePrice - cap), duplicates: [...perRequest.values()].filter((n) => n > 1).length };
}

export async function liveRush(db: Db, url: string, { rate, seconds, cap, burst, retryEvery }: LiveRushOptions): Promise<LiveRush> {
  const failed = new Map<string, number>();
  const fail = (what: string, count = 1) => failed.set(what, (failed.get(what) ?? 0) + count);
  const buyers = Math.round(rate * seconds);
  const saved = await callAs(url, OWNER, 'live', 'saveLiveSettings', { shopId: DEMO_SHOP_ID, settings: { finderUserName: 'sphBenchLaozhang', autoEndMinutes: 240 } }, 'live-rush-settings');
  if (!saved.ok) throw new Error(`saveLiveSettings failed: ${JSON.stringify(saved.error)}`);
  await db.collection('products').add({ data: [saleProduct('bench-live', buyers * 10 + cap), saleProduct('bench-live-burst', burst * 10)] });
  const rush = await pinnedShow(url, 'bench-live', cap, 'live-rush');
  const capacity = await pinnedShow(url, 'bench-live-burst', burst, 'live-burst');

  // Open loop: buyer i leaves at start + i / rate, whatever happened to the others.
  const calls: { buyer: number; retry: boolean; outcome: Promise<Timed> }[] = [];
  const start = performance.now();
  let lastSentAt = start;
  for (let buyer = 0; buyer < buyers; buyer++) {
    const due = start + (buyer * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    lastSentAt = performance.now();
    const send = () => placeLive(url, `live-rush-buyer-${buyer}`, `live-rush-${buyer}`, rush.showId, 'bench-live', due);
    calls.push({ buyer, retry: false, outcome: send() });
    if (retryEvery > 0 && buyer % retryEvery === 0) calls.push({ buyer, retry: true, outcome: send() });
  }
  const outcomes = await Promise.all(calls.map((call) => call.outcome));
  const lastAnswer = Math.max(...outcomes.map((outcome) => outcome.endedAt));
  const offeredPerSec = (calls.length / Math.max(1, lastSentAt - start + 1000 / rate)) * 1000;
  const achievedPerSec = (calls.length / Math.max(1, lastAnswer - start)) * 1000;
  const latencies = outcomes.map((outcome) => outcome.ms).sort((a, b) => a - b);
  for (const outcome of outcomes) if (!['ok', 'LIVE_SOLD_OUT'].includes(outcome.code)) fail(`rush place ${outcome.code}`);
  // A retried buyer must get one answer twice: the same order, or sold out both times.
  const answers = new Map<number, Set<string>>();
  calls.forEach((call, i) => {
    if (retryEvery <= 0 || call.buyer % retryEvery !== 0) return;
    answers.set(call.buyer, (answers.get(call.buyer) ?? new Set<string>()).add(outcomes[i].orderId ?? outcomes[i].code));
  });
  const mismatched = [...answers.values()].filter((set) => set.size > 1).length;
  if (mismatched) fail('retry answered differently for one requestId', mismatched);

  // Capacity: every burst buyer at once; each should get the live price (the cap is the burst).
  const burstStart = performance.now();
  const burstOutcomes = await Promise.all(Array.from({ length: burst }, (_unused, i) => placeLive(url, `live-burst-buyer-${i}`, `live-burst-${i}`, capacity.showId, 'bench-live-burst', performance.now())));
  const placePerSec = (burst / (performance.now() - burstStart)) * 1000;
  for (const outcome of burstOutcomes) if (outcome.code !== 'ok') fail(`burst place ${outcome.code}`);

  const rushAudit = await audit(db, rush.showId, rush.itemId);
  const burstAudit = await audit(db, capacity.showId, capacity.itemId);
  return {
    offeredPerSec,
    achievedPerSec,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    sold: rushAudit.sold,
    cap: rushAudit.cap,
    oversold: rushAudit.oversold + burstAudit.oversold,
    duplicates: rushAudit.duplicates + burstAudit.duplicates,
    placePerSec,
    dbPerPlace: burstOutcomes.reduce((sum, outcome) => sum + outcome.dbRequests, 0) / Math.max(1, burst),
    burstMeanMs: burstOutcomes.reduce((sum, outcome) => sum + outcome.ms, 0) / Math.max(1, burst),
    failed,
  };
}
