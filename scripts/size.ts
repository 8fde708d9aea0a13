// Package sizes of the weapp build against WeChat's limits, with headroom kept as budgets.
// Usage: npx tsx scripts/size.ts (after `taro build --type weapp`). Exits 1 when over budget.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const BUDGET_KB = { main: 500, subpackage: 2048, total: 30 * 1024 };

const distRoot = path.resolve(__dirname, '..', 'dist', 'weapp');
const appJsonPath = path.join(distRoot, 'app.json');

interface AppJson {
  subPackages?: { root: string }[];
  subpackages?: { root: string }[];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

if (!existsSync(appJsonPath)) {
  console.error(`No weapp build at ${path.relative(process.cwd(), appJsonPath)}: run \`npx taro build --type weapp\` first.`);
  process.exit(1);
}

const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8')) as AppJson;
const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/^\/+|\/+$/g, ''));
const bytes = new Map<string, number>([['main', 0], ...roots.map((root): [string, number] => [root, 0])]);

for (const file of listFiles(distRoot)) {
  const relative = path.relative(distRoot, file).split(path.sep).join('/');
  const owner = roots.find((root) => relative.startsWith(`${root}/`)) ?? 'main';
  bytes.set(owner, (bytes.get(owner) ?? 0) + statSync(file).size);
}

const rows = [...bytes].map(([name, size]) => ({
  name,
  kb: size / 1024,
  budget: name === 'main' ? BUDGET_KB.main : BUDGET_KB.subpackage,
}));
const totalKb = rows.reduce((sum, row) => sum + row.kb, 0);
rows.push({ name: 'total', kb: totalKb, budget: BUDGET_KB.total });

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
