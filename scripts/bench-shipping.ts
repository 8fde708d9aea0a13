// The shipping workspace bench: how much more than reading the orders it costs to build the 发货单
// for a big day. One shop gets BENCH_SHIP_ORDERS (5,000: the most one selection holds) paid express
// orders of one to three lines; then, in this process, the real shipping function's exportSheet
// (selection, rows, exceljs, upload to the emulator's storage) and, for comparison, one read of the
// same orders through the same paged selection the export starts with. Each is timed and its memory
// taken as the peak rise of heap + external memory (sampled every few ms, after a forced GC) over
// where it started. The function runs in-process (as it would in its worker) so its memory is this
// process's; the database it reads is the emulator's, over the unmodified SDK.
//
//   npm run bench                          runs it after the sale and the rushes (scripts/bench.ts)
//   npx tsx scripts/bench-shipping.ts      runs only this part, on an emulator of its own
//
// One line: shipping-export: orders=… exportMs=… readMs=… timeRatio=… exportMB=… readMB=… memRatio=…
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type cloud from 'wx-server-sdk';
import { createOrder } from '../src/core/orders';
import { memberId, type OrderDoc } from '../src/core/model';
import { defaultShopSettings } from '../src/core/shops';
import type { OrderFulfilment, PricedOrderLine } from '../src/core/contracts';
import { spawnEmulator } from './lib/bench-spawn';
import { OWNER, RUSH_ADDRESS } from './lib/bench-gateway';
import { sdkEnv } from '../emulator/sdkEnv';
import { initCloud } from '../cloudfunctions/_shared/cloud';
import { database } from '../cloudfunctions/_shared/db';
import { loadSelection } from '../cloudfunctions/shipping/select';
import { main as shipping } from '../cloudfunctions/shipping/index';

type Db = ReturnType<typeof cloud.database>;

const ORDERS = Number(process.env.BENCH_SHIP_ORDERS ?? 5000);
const SHOP = 'bench-ship-shop';
/** Documents per insert call. */
const BATCH = 100;
const GOODS = [
  { productId: 'larou', skuId: 'wuhua', name: '酉阳柴火烟熏腊肉', spec: '五花', unitPriceLi: 58_000 },
  { productId: 'xiangchang', skuId: 'mala', name: '麻辣香肠', spec: '麻辣', unitPriceLi: 49_900 },
  { productId: 'lianzi', skuId: 'a', name: '湘潭寸三莲', spec: '', unitPriceLi: 45_000 },
];

// A forced GC before each measure, so what the one before left behind is not counted.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function line(i: number, n: number): PricedOrderLine {
  const goods = GOODS[(i + n) % GOODS.length];
  const quantity = 1 + ((i * 7 + n) % 5);
  // Half-up to the fen once per line, as src/core/money does.
  return { ...goods, unit: '斤', image: '', quantity, priceSource: { kind: 'base' }, totalFen: Math.floor((goods.unitPriceLi * quantity + 5) / 10) };
}

/** The i-th paid express order, as the orders function leaves one confirmed by the vendor. */
function paidOrder(i: number, at: number): OrderDoc {
  const lines = Array.from({ length: 1 + (i % 3) }, (_unused, n) => line(i, n));
  const goodsFen = lines.reduce((sum, l) => sum + l.totalFen, 0);
  const fulfilment: OrderFulfilment = { kind: 'express', address: { ...RUSH_ADDRESS, name: `买家${i}`, phone: `139${String(i).padStart(8, '0')}` }, tracking: null };
  const order = createOrder({
    id: `bench-ship-${i}`,
    orderNo: `2612020${String(i).padStart(6, '0')}`,
    shopId: SHOP,
    buyerOpenId: `bench-ship-buyer-${i}`,
    requestId: `bench-ship-${i}`,
    quote: { lines, goodsFen, feeFen: 0, totalFen: goodsFen },
    fulfilment,
    mode: 'offline',
    buyerNote: i % 10 === 0 ? '不要太咸，谢谢' : '',
    source: { ref: null, scene: null },
    at: at + i,
    payWithinMs: 30 * 60_000,
  });
  return { ...order, state: 'paid', expiresAt: null, payment: { ...order.payment, paidFen: goodsFen, paidAt: at + i } };
}

async function seed(db: Db): Promise<number> {
  const now = Date.now();
  await db.collection('shops').add({ data: { ...defaultShopSettings('腊味大批发'), _id: SHOP, ownerOpenId: OWNER, createdAt: now, updatedAt: now } });
  await db.collection('members').add({ data: { _id: memberId(SHOP, OWNER), shopId: SHOP, openid: OWNER, name: '老张', role: 'owner', joinedAt: now } });
  const at = now - 24 * 3600_000;
  let lines = 0;
  const batches: OrderDoc[][] = [];
  for (let i = 0; i < ORDERS; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, ORDERS - i) }, (_unused, k) => paidOrder(i + k, at));
    lines += batch.reduce((sum, order) => sum + order.lines.length, 0);
    batches.push(batch);
  }
  for (let i = 0; i < batches.length; i += 4) {
    await Promise.all(batches.slice(i, i + 4).map((batch) => db.collection('orders').add({ data: batch })));
  }
  return lines;
}

const memory = () => {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};

/** Runs `work` once: its time, and the peak rise of heap + external memory while it ran. */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; mb: number }> {
  gc();
  const base = memory();
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, memory());
  }, 2);
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, memory());
  return { result, ms, mb: (peak - base) / 2 ** 20 };
}

/** The export as the owner calls it, through the function's own entry (contract, role check and all). */
async function exportAll(): Promise<{ ok: boolean; data?: { orderCount: number; rows: number } }> {
  const saved = { openid: process.env.WX_OPENID, keys: process.env.WX_CONTEXT_KEYS };
  Object.assign(process.env, { WX_OPENID: OWNER, WX_CONTEXT_KEYS: 'WX_OPENID' });
  try {
    return (await shipping({ action: 'exportSheet', payload: { shopId: SHOP } })) as { ok: boolean; data?: { orderCount: number; rows: number } };
  } finally {
    for (const [key, value] of [['WX_OPENID', saved.openid], ['WX_CONTEXT_KEYS', saved.keys]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * Seeds the shop, then measures the export against one read of its orders; the one line to print.
 * Sets a failing exit code when the export does not hold every order and line.
 */
export async function shippingExportBench(db: Db = database()): Promise<string> {
  const lines = await seed(db);
  // Once each unmeasured, so neither pays for loading code the other already loaded.
  await loadSelection(db, SHOP, {});
  await exportAll();

  const read = await measure(() => loadSelection(db, SHOP, {}));
  const exported = await measure(exportAll);
  const reply = exported.result;
  if (read.result.length !== ORDERS || !reply.ok || reply.data?.orderCount !== ORDERS || reply.data.rows !== lines) {
    process.exitCode = 1;
    console.log(`  shipping export failed: read ${read.result.length} orders, export answered ${JSON.stringify(reply).slice(0, 200)}`);
  }
  return (
    `shipping-export: orders=${ORDERS} exportMs=${exported.ms.toFixed(0)} readMs=${read.ms.toFixed(0)} timeRatio=${(exported.ms / read.ms).toFixed(2)} ` +
    `exportMB=${exported.mb.toFixed(1)} readMB=${read.mb.toFixed(1)} memRatio=${(exported.mb / Math.max(0.1, read.mb)).toFixed(2)}`
  );
}

/** Only this part, on an emulator of its own. */
async function alone(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cactus-bench-shipping-'));
  const emulator = await spawnEmulator(dataDir);
  try {
    Object.assign(process.env, sdkEnv(`${emulator.url}/admin`));
    initCloud();
    console.log(await shippingExportBench(database()));
  } finally {
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Run as a script (not imported by scripts/bench.ts).
if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  alone().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
