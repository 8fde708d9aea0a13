// `npm run bench`: the local cloud's throughput, printed as figures to compare within one run
// (these machines are noisy, so read ratios, not absolutes).
//   raw      2,000 concurrent conditional decrements through the unmodified SDK (the atom of a sale)
//   gateway  2,000 concurrent storefront reads through /api/call (a function run per call)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cloud from 'wx-server-sdk';
import { buildFunctions } from './lib/build-functions';
import { startEmulator } from '../emulator/server';
import { sdkEnv } from '../emulator/sdkEnv';

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const STOCK = 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

async function main(): Promise<void> {
  await buildFunctions();
  const dataDir = mkdtempSync(join(tmpdir(), 'cactus-bench-'));
  const emulator = await startEmulator({ port: 0, dataDir, seed: true, log: () => undefined });
  try {
    Object.assign(process.env, sdkEnv(emulator.adminUrl));
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    const db = cloud.database();
    const _ = db.command;
    emulator.db.insert('products', { _id: 'bench-sku', stock: STOCK });

    const raw = await timed(() =>
      Promise.all(
        Array.from({ length: CALLS }, async () => {
          const result = (await db.collection('products').where({ _id: 'bench-sku', stock: _.gte(1) }).update({ data: { stock: _.inc(-1) } })) as {
            stats: { updated: number };
          };
          return result.stats.updated;
        }),
      ),
    );
    const sold = raw.value.reduce((sum, n) => sum + n, 0);
    const [left] = emulator.db.find('products', { _id: 'bench-sku' }) as { stock: number }[];
    const rawPerSec = (CALLS / raw.ms) * 1000;
    console.log(
      `raw      updates=${CALLS} stock=${STOCK} sold=${sold} left=${left.stock} oversold=${Math.max(0, sold - STOCK)} ` +
        `updates/s=${rawPerSec.toFixed(0)} total_ms=${raw.ms.toFixed(0)}`,
    );

    const latencies: number[] = [];
    const failures = new Map<string, number>();
    const gateway = await timed(() =>
      Promise.all(
        Array.from({ length: CALLS }, async (_unused, i) => {
          const start = performance.now();
          const res = await fetch(`${emulator.url}/api/call`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-cactus-openid': `bench-buyer-${i}` },
            body: JSON.stringify({ name: 'shop', data: { action: 'getProduct', payload: { productId: 'lalian' } } }),
          });
          const body = (await res.json()) as { result?: { ok: boolean } };
          latencies.push(performance.now() - start);
          const ok = res.status === 200 && body.result?.ok === true;
          if (!ok) {
            const kind = `${res.status} ${JSON.stringify(body).slice(0, 120)}`;
            failures.set(kind, (failures.get(kind) ?? 0) + 1);
          }
          return ok;
        }),
      ),
    );
    latencies.sort((a, b) => a - b);
    const okCalls = gateway.value.filter(Boolean).length;
    const callsPerSec = (CALLS / gateway.ms) * 1000;
    console.log(
      `gateway  calls=${CALLS} ok=${okCalls} calls/s=${callsPerSec.toFixed(0)} p50_ms=${percentile(latencies, 50).toFixed(0)} ` +
        `p99_ms=${percentile(latencies, 99).toFixed(0)} ratio_to_raw=${(callsPerSec / rawPerSec).toFixed(2)}`,
    );
    for (const [kind, count] of failures) console.log(`  failed ${count}× ${kind}`);
    if (sold !== STOCK || left.stock !== 0 || okCalls !== CALLS) process.exitCode = 1;
  } finally {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
