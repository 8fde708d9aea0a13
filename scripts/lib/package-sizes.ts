// Package sizes of a weapp build against WeChat's limits, with headroom kept as budgets. Shared by
// `npm run size` (scripts/size.ts) and the conformance test of the built mini-program.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const BUDGET_KB = { main: 500, subpackage: 2048, total: 30 * 1024 };

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

/** Bytes per package of the build at `distRoot`: 'main' and each subpackage root, as app.json lists them. */
export function packageSizes(distRoot: string): Map<string, number> {
  const appJson = JSON.parse(readFileSync(path.join(distRoot, 'app.json'), 'utf8')) as AppJson;
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root.replace(/^\/+|\/+$/g, ''));
  const bytes = new Map<string, number>([['main', 0], ...roots.map((root): [string, number] => [root, 0])]);
  for (const file of listFiles(distRoot)) {
    const relative = path.relative(distRoot, file).split(path.sep).join('/');
    const owner = roots.find((root) => relative.startsWith(`${root}/`)) ?? 'main';
    bytes.set(owner, (bytes.get(owner) ?? 0) + statSync(file).size);
  }
  return bytes;
}

/** Each package (and the total) with its size and budget in KB. */
export function sizeRows(distRoot: string): { name: string; kb: number; budget: number }[] {
  const rows = [...packageSizes(distRoot)].map(([name, size]) => ({ name, kb: size / 1024, budget: name === 'main' ? BUDGET_KB.main : BUDGET_KB.subpackage }));
  rows.push({ name: 'total', kb: rows.reduce((sum, row) => sum + row.kb, 0), budget: BUDGET_KB.total });
  return rows;
}
