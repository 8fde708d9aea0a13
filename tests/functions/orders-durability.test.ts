// An order the emulator acknowledged survives kill -9: buyers place orders through the gateway
// of an emulator running as its own process, it is killed mid-stream, and on restart over the
// same data folder every acknowledged order is there, a retry finds it, and stock adds up: on the
// shelf + held by orders + reserved by placements that died before writing their order (which
// the orders timer puts back; tests/functions/orders.test.ts shows that step).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cloud from 'wx-server-sdk';
import { CloudDatabase } from '../../emulator/database';
import { sdkEnv } from '../../emulator/sdkEnv';
import { spawnEmulator, type EmulatorProcess } from '../../scripts/lib/bench-spawn';
import { placeThroughGateway, saleProduct, SALE_SKU, type PlaceOutcome } from '../../scripts/lib/bench-sale';
import type { OrderDoc, ProductDoc } from '@core/model';

const STOCK = 300;
const BUYERS = 400;
const KILL_AFTER_ACKS = 60;
/** States whose units are still held for the buyer or sold to them; cancelled orders gave theirs back. */
const KEEPS_STOCK: readonly OrderDoc['state'][] = ['to_pay', 'to_confirm', 'paid', 'shipped', 'ready_for_pickup', 'completed'];

let dataDir: string;
let emulator: EmulatorProcess | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cactus-orders-kill-'));
});
afterEach(async () => {
  await emulator?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('every acknowledged order survives kill -9 of the emulator, once, with stock conserved', async () => {
  emulator = await spawnEmulator(dataDir);
  Object.assign(process.env, sdkEnv(`${emulator.url}/admin`));
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  await cloud.database().collection('products').add({ data: saleProduct('durable', STOCK) });

  const { url, child } = emulator;
  const acked = new Map<number, string>();
  const attempts = Array.from({ length: BUYERS }, (_unused, buyer) =>
    placeThroughGateway(url, `buyer-${buyer}`, `req-${buyer}`, 'durable').then(
      (outcome: PlaceOutcome) => {
        if (outcome.orderId) acked.set(buyer, outcome.orderId);
        if (acked.size >= KILL_AFTER_ACKS && child.exitCode === null) child.kill('SIGKILL');
      },
      () => undefined, // a call cut off by the kill was never acknowledged
    ),
  );
  expect(await emulator.exited).toBe('SIGKILL');
  await Promise.all(attempts);
  expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  expect(acked.size).toBeLessThan(BUYERS); // killed mid-stream, not after the sale

  // Restarted on the same folder: a retry of every acknowledged call finds its order.
  emulator = await spawnEmulator(dataDir);
  const restarted = emulator.url;
  const retries = await Promise.all([...acked].map(([buyer]) => placeThroughGateway(restarted, `buyer-${buyer}`, `req-${buyer}`, 'durable')));
  expect(retries.map((retry) => retry.orderId)).toEqual([...acked.values()]);
  await emulator.stop();
  emulator = undefined;

  const db = new CloudDatabase({ file: join(dataDir, 'cactus.sqlite'), manifest: JSON.parse(readFileSync(join(__dirname, '..', '..', 'cloudfunctions', 'collections.json'), 'utf8')) });
  try {
    const orders = db.find('orders', { 'lines.productId': 'durable' }) as unknown as OrderDoc[];
    const ids = new Set(orders.map((order) => order._id));
    expect([...acked.values()].filter((id) => !ids.has(id))).toEqual([]);
    const requests = orders.map((order) => `${order.buyerOpenId} ${order.requestId}`);
    expect(new Set(requests).size).toBe(requests.length);
    const [product] = db.find('products', { _id: 'durable' }) as unknown as ProductDoc[];
    const left = product.skus.find((sku) => sku.id === SALE_SKU)!.stock;
    const kept = orders.filter((order) => KEEPS_STOCK.includes(order.state)).reduce((sum, order) => sum + order.lines[0].quantity, 0);
    // Placements the kill cut off between taking stock and writing their order left a hold
    // naming an order that does not exist: reserved until the orders timer puts it back.
    const orphaned = Object.values(product.holds ?? {}).filter((hold) => !ids.has(hold.orderId));
    const reserved = orphaned.reduce((sum, hold) => sum + hold.quantity, 0);
    expect({ left, kept, reserved, total: left + kept + reserved }).toEqual({ left: STOCK - kept - reserved, kept, reserved, total: STOCK });
  } finally {
    db.close();
  }
}, 120_000);
