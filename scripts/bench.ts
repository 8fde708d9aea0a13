// `npm run bench`: a flash sale through the emulator's gateway, and in the same run the raw
// throughput of the one conditional update a sale is built on, so placement speed reads as a
// ratio of it (these machines are noisy: read ratios, not absolutes). The emulator runs as its own
// process, as `npm start` runs it, and the load comes from this one, as phones' calls would.
//   raw   BENCH_BUYERS concurrent conditional stock takes through the unmodified SDK
//   sale  BENCH_BUYERS buyers (distinct openids) "buy now" one unit of a SKU holding BENCH_STOCK;
//         every BENCH_RETRY_EVERY-th buyer sends the same call twice at once (same requestId)
//   campaign-rush  BENCH_CAMPAIGN_BUYERS buyers join one 接龙 at once, transfer, are confirmed; 截团
//         settles them (scripts/lib/bench-campaign.ts); place calls/s as a ratio of the floor
//   groupbuy-rush  BENCH_GROUP_BUYERS buyers on 拼团 groups of BENCH_GROUP_SIZE: starters open the
//         groups, then all others join at random and pay at once (scripts/lib/bench-groupbuy.ts);
//         its calls/s as a ratio of the floor
//   live-rush  buyers arrive open-loop at BENCH_LIVE_RATE/s for BENCH_LIVE_SECONDS on a show's
//         pinned item (live cap BENCH_LIVE_CAP), then BENCH_LIVE_BURST place calls at once measure
//         placement's capacity (scripts/lib/bench-live.ts); placeRatio is that against the floor
//   shipping-export  the 发货单 export of BENCH_SHIP_ORDERS paid orders against one read of them
//         (time and memory; scripts/bench-shipping.ts, which also runs alone)
// BENCH_BUYERS (2000), BENCH_STOCK (100), BENCH_RETRY_EVERY (10), BENCH_CAMPAIGN_BUYERS (1000),
// BENCH_GROUP_BUYERS (1000), BENCH_GROUP_SIZE (5), BENCH_LIVE_RATE (200), BENCH_LIVE_SECONDS (10),
// BENCH_LIVE_CAP (1000), BENCH_LIVE_BURST (1000), BENCH_LIVE_RETRY_EVERY (10), BENCH_SHIP_ORDERS (5000).
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFunctions } from './lib/build-functions';
import { spawnEmulator } from './lib/bench-spawn';
import { campaignRush } from './lib/bench-campaign';
import { groupBuyRush } from './lib/bench-groupbuy';
import { liveRush } from './lib/bench-live';
import { shippingExportBench } from './bench-shipping';
import { placeThroughGateway, readSale, saleProduct, SALE_SKU, type PlaceOutcome } from './lib/bench-sale';
import { sdkEnv } from '../emulator/sdkEnv';
import { initCloud } from '../cloudfunctions/_shared/cloud';
import { changedCount, database } from '../cloudfunctions/_shared/db';
import type { EmulatorStats } from '../emulator/server';

const BUYERS = Number(process.env.BENCH_BUYERS ?? 2000);
const STOCK = Number(process.env.BENCH_STOCK ?? 100);
const RETRY_EVERY = Number(process.env.BENCH_RETRY_EVERY ?? 10);
const CAMPAIGN_BUYERS = Number(process.env.BENCH_CAMPAIGN_BUYERS ?? 1000);
const GROUP_BUYERS = Number(process.env.BENCH_GROUP_BUYERS ?? 1000);
const GROUP_SIZE = Number(process.env.BENCH_GROUP_SIZE ?? 5);
const LIVE = {
  rate: Number(process.env.BENCH_LIVE_RATE ?? 200),
  seconds: Number(process.env.BENCH_LIVE_SECONDS ?? 10),
  cap: Number(process.env.BENCH_LIVE_CAP ?? 1000),
  burst: Number(process.env.BENCH_LIVE_BURST ?? 1000),
  retryEvery: Number(process.env.BENCH_LIVE_RETRY_EVERY ?? 10),
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function stats(url: string): Promise<EmulatorStats> {
  return (await (await fetch(`${url}/api/stats`)).json()) as EmulatorStats;
}

async function main(): Promise<void> {
  // The SDK's keep-alive agent adds a 'connect' listener per request waiting for a socket; with
  // thousands at once that is the point of the exercise, not a leak.
  EventEmitter.defaultMaxListeners = BUYERS;
  await buildFunctions();
  const dataDir = mkdtempSync(join(tmpdir(), 'cactus-bench-'));
  const emulator = await spawnEmulator(dataDir);
  try {
    Object.assign(process.env, sdkEnv(`${emulator.url}/admin`));
    initCloud();
    const db = database();
    const _ = db.command;
    await db.collection('products').add({ data: [saleProduct('bench-raw', STOCK), saleProduct('bench-sale', STOCK)] });

    // Raw: the very update placement takes stock with, BUYERS times at once on one SKU.
    const rawStart = performance.now();
    const taken = await Promise.all(
      Array.from({ length: BUYERS }, async () => {
        return changedCount(db
          .collection('products')
          .where({ _id: 'bench-raw', status: 'on_sale', skus: _.elemMatch({ id: SALE_SKU, stock: _.gte(1) }) })
          .update({ data: { 'skus.$.stock': _.inc(-1) } }));
      }),
    );
    const rawPerSec = (BUYERS / (performance.now() - rawStart)) * 1000;
    const rawSold = taken.reduce((sum, n) => sum + n, 0);

    // Warm instances, as a shop's functions are when its broadcast starts.
    await Promise.all(Array.from({ length: 32 }, (_unused, i) => placeThroughGateway(emulator.url, `bench-warm-${i}`, `warm-${i}`, 'no-such-product')));

    const before = await stats(emulator.url);
    const calls: { buyer: number; retry: boolean; outcome: Promise<PlaceOutcome & { endedAt: number }> }[] = [];
    const saleStart = performance.now();
    const saleStartEpoch = Date.now();
    const place = (buyer: number) => placeThroughGateway(emulator.url, `bench-buyer-${buyer}`, `flash-${buyer}`, 'bench-sale').then((outcome) => ({ ...outcome, endedAt: performance.now() - saleStart }));
    for (let buyer = 0; buyer < BUYERS; buyer++) {
      calls.push({ buyer, retry: false, outcome: place(buyer) });
      if (RETRY_EVERY > 0 && buyer % RETRY_EVERY === 0) calls.push({ buyer, retry: true, outcome: place(buyer) });
    }
    const outcomes = await Promise.all(calls.map((call) => call.outcome));
    const saleMs = performance.now() - saleStart;
    const after = await stats(emulator.url);
    const sale = await readSale(db, 'bench-sale');

    const sold = sale.orders.length;
    // Orders made per second until the stock ran out, by when each order was written (a retry
    // answered later with an existing order is not a new one).
    const lastOrderAt = Math.max(...sale.orders.map((order) => order.createdAt)) - saleStartEpoch;
    const ordersPerSec = (sold / Math.max(1, lastOrderAt)) * 1000;
    const callsPerSec = (calls.length / saleMs) * 1000;
    const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    // A retried buyer must get one answer twice: the same order, or sold out both times.
    const answers = new Map<number, Set<string>>();
    calls.forEach((call, i) => {
      if (call.buyer % RETRY_EVERY !== 0) return;
      const set = answers.get(call.buyer) ?? new Set<string>();
      set.add(outcomes[i].orderId ?? outcomes[i].code ?? 'failed');
      answers.set(call.buyer, set);
    });
    const mismatched = [...answers].filter(([, set]) => set.size > 1);
    const retryMismatches = mismatched.length;
    const singles = calls.map((call, i) => ({ call, outcome: outcomes[i] })).filter(({ call, outcome }) => call.buyer % RETRY_EVERY !== 0 && outcome.orderId);
    const dbPerOrder = singles.reduce((sum, { outcome }) => sum + outcome.databaseRequests, 0) / Math.max(1, singles.length);
    const dbPerCall = (after.databaseRequests - before.databaseRequests) / calls.length;
    const failures = new Map<string, number>();
    for (const o of outcomes) {
      const kind = o.failure ?? (o.orderId || o.code === 'OUT_OF_STOCK' ? null : `error ${o.code}`);
      if (kind) failures.set(kind, (failures.get(kind) ?? 0) + 1);
    }

    console.log(
      `flash sale: buyers=${BUYERS} stock=${STOCK} sold=${sold} left=${sale.left} oversold=${Math.max(0, sold - STOCK)} ` +
        `duplicate_orders=${sale.duplicates} retried=${answers.size} retry_mismatches=${retryMismatches} calls=${calls.length} ` +
        `orders/s=${ordersPerSec.toFixed(0)} calls/s=${callsPerSec.toFixed(0)} p50_ms=${percentile(latencies, 50).toFixed(0)} ` +
        `p99_ms=${percentile(latencies, 99).toFixed(0)} db_requests/order=${dbPerOrder.toFixed(1)} db_requests/call=${dbPerCall.toFixed(1)} ` +
        `raw_updates/s=${rawPerSec.toFixed(0)} orders/s÷raw=${(ordersPerSec / rawPerSec).toFixed(2)} calls/s÷raw=${(callsPerSec / rawPerSec).toFixed(2)}`,
    );
    // The floor under any placement: the same number of calls to an action that makes one database
    // read (what the shop offers at checkout), so the per-call cost of gateway, worker and SDK
    // shows apart from placement's own work.
    const floorStart = performance.now();
    const floor = await Promise.all(
      calls.map(async (_call, i) => {
        const res = await fetch(`${emulator.url}/api/call`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-cactus-openid': `bench-floor-${i}` },
          body: JSON.stringify({ name: 'orders', data: { action: 'checkoutOptions', payload: { shopId: 'demo-shop' } } }),
        });
        return res.status === 200 && ((await res.json()) as { result?: { ok?: boolean } }).result?.ok === true;
      }),
    );
    const floorPerSec = (calls.length / (performance.now() - floorStart)) * 1000;
    console.log(`gateway floor: one-read calls=${calls.length} calls/s=${floorPerSec.toFixed(0)} calls/s÷raw=${(floorPerSec / rawPerSec).toFixed(2)} place÷one-read=${(callsPerSec / floorPerSec).toFixed(2)}`);
    if (floor.some((ok) => !ok)) failures.set('one-read call failed', floor.filter((ok) => !ok).length);

    // The campaign rush: CAMPAIGN_BUYERS join one 接龙 at once; its place calls/s read against the same floor.
    const rush = await campaignRush(db, emulator.url, CAMPAIGN_BUYERS);
    console.log(
      `campaign-rush: buyers=${CAMPAIGN_BUYERS} counted=${rush.counted} seqDense=${rush.seqDense ? 'yes' : 'no'} finalTier=${rush.finalTier} ` +
        `refundedOk=${rush.refundedOk ? 'yes' : 'no'} placeRatio=${(rush.placePerSec / floorPerSec).toFixed(2)} place_calls/s=${rush.placePerSec.toFixed(0)}`,
    );
    if (rush.failures > 0) failures.set('campaign rush call failed', rush.failures);
    if (rush.counted !== CAMPAIGN_BUYERS || !rush.seqDense || !rush.refundedOk) process.exitCode = 1;

    // The 拼团 rush: GROUP_BUYERS on groups of GROUP_SIZE; its calls/s read against the same floor.
    const groups = await groupBuyRush(db, emulator.url, GROUP_BUYERS, GROUP_SIZE);
    console.log(
      `groupbuy-rush: buyers=${GROUP_BUYERS} size=${GROUP_SIZE} groups=${groups.groups} succeeded=${groups.succeeded} overfilled=${groups.overfilled} ` +
        `refunds=${groups.refunds} unseated=${groups.unseated} callsRatio=${(groups.callsPerSec / floorPerSec).toFixed(2)} calls/s=${groups.callsPerSec.toFixed(0)}`,
    );
    for (const [what, count] of groups.failed) failures.set(`groupbuy rush: ${what}`, count);
    if (groups.overfilled > 0) process.exitCode = 1;

    // The live rush: buyers open-loop on a show's pinned item; its burst's place calls/s read against the same floor.
    const live = await liveRush(db, emulator.url, LIVE);
    const placeRatio = live.placePerSec / floorPerSec;
    console.log(
      `live-rush: offered=${live.offeredPerSec.toFixed(0)} achieved=${live.achievedPerSec.toFixed(0)} p50=${live.p50.toFixed(0)} p99=${live.p99.toFixed(0)} ` +
        `sold=${live.sold} cap=${live.cap} oversold=${live.oversold} duplicates=${live.duplicates} placeRatio=${placeRatio.toFixed(2)}`,
    );
    // Where a live place call's time goes, for reading a low ratio.
    if (placeRatio < 0.5) console.log(`  live place: calls/s=${live.placePerSec.toFixed(0)} floor calls/s=${floorPerSec.toFixed(0)} db_requests/call=${live.dbPerPlace.toFixed(1)} mean_ms=${live.burstMeanMs.toFixed(0)}`);
    for (const [what, count] of live.failed) failures.set(`live rush: ${what}`, count);
    if (live.oversold > 0 || live.duplicates > 0) process.exitCode = 1;
    console.log(await shippingExportBench(db));
    for (const [kind, count] of failures) console.log(`  failed ${count}× ${kind}`);
    for (const [buyer, set] of mismatched.slice(0, 3)) console.log(`  buyer ${buyer} was answered differently for one requestId: ${[...set].join(' / ')}`);
    const conserved = sale.left + sold === STOCK && rawSold === Math.min(STOCK, BUYERS);
    if (sold > STOCK || sale.duplicates > 0 || retryMismatches > 0 || failures.size > 0 || !conserved) process.exitCode = 1;
  } finally {
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
