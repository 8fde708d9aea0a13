// Package sizes of the weapp build against WeChat's limits, with headroom kept as budgets.
// Usage: npx tsx scripts/size.ts (after `taro build --type weapp`). Exits 1 when over budget.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sizeRows } from './lib/package-sizes';

const distRoot = path.resolve(__dirname, '..', 'dist', 'weapp');
const appJsonPath = path.join(distRoot, 'app.json');

if (!existsSync(appJsonPath)) {
  console.error(`No weapp build at ${path.relative(process.cwd(), appJsonPath)}: run \`npx taro build --type weapp\` first.`);
  process.exit(1);
}

const rows = sizeRows(distRoot);
const width = Math.max('package'.length, ...rows.map((row) => row.name.length));
console.log(`${'package'.padEnd(width)} | size KB | budget KB | ok`);
console.log(`${'-'.repeat(width)}-|---------|-----------|----`);
for (const row of rows) {
  const ok = row.kb <= row.budget;
  console.log(`${row.name.padEnd(width)} | ${row.kb.toFixed(1).padStart(7)} | ${String(row.budget).padStart(9)} | ${ok ? 'yes' : 'NO'}`);
}

const over = rows.filter((row) => row.kb > row.budget);
if (over.length > 0) {
  console.error(`Over budget: ${over.map((row) => row.name).join(', ')}`);
  process.exit(1);
}
