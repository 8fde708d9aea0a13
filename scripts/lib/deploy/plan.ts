// What a cloud environment should hold, read from the repository alone: every collection and
// index of cloudfunctions/collections.json, and every function as built into dist/cloudfunctions
// with its config.json (timeout, timer triggers, 云调用 permissions) and the environment
// variables its code reads. No credentials and no network: `npm run deploy -- --dry-run` prints this.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TEMPLATE_ENV_NAMES } from '../../../src/core/notify';
import { PICKUP_REMINDER_ENV } from '../../../src/core/pickup';
import { functionNames } from '../build-functions';

export interface IndexSpec {
  name: string;
  /** Field → 1 (ascending) or -1 (descending), in key order. */
  keys: Record<string, number>;
  unique?: boolean;
}
export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
}
export interface TriggerSpec {
  name: string;
  type: string;
  /** A timer's cron: seconds minutes hours day month weekday year. */
  config: string;
}
export interface EnvVarSpec {
  name: string;
  /** From the deployer's environment; undefined: not set there, so the cloud's value is left as it is. */
  value: string | undefined;
}
export interface FunctionSpec {
  name: string;
  timeout: number;
  runtime: string;
  triggers: TriggerSpec[];
  env: EnvVarSpec[];
  /** 云调用 APIs from config.json; they travel inside the uploaded folder's config.json. */
  openapi: string[];
  /** sha256 of the built folder: the cloud function's description carries it, so unchanged code is not uploaded again. */
  codeHash: string;
}
export interface DeployPlan {
  collections: CollectionSpec[];
  functions: FunctionSpec[];
  /** The folder holding one built folder per function (dist/cloudfunctions). */
  functionRoot: string;
}

/**
 * The runtime a new function gets. The bundles target Node 16 (scripts/lib/build-functions.ts),
 * the oldest runtime the cloud offers them, so it is also the one they are created with.
 */
export const RUNTIME = 'Nodejs16.13';

/** The description a deployed function carries: names the code it runs. */
export function codeDescription(codeHash: string): string {
  return `cactus code sha256:${codeHash}`;
}

interface Manifest {
  collections: { name: string; indexes?: IndexSpec[] }[];
}
interface FunctionConfig {
  timeout?: number;
  triggers?: TriggerSpec[];
  permissions?: { openapi?: string[] };
}

/** Every file under a folder, sorted, as paths relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out;
}

/** A short content hash of a built function folder (file names and bytes). */
export function hashFolder(dir: string): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(dir)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(dir, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The environment variables a built function reads: every subscribe-message template variable
 * (src/core/notify.ts, the one table of their names) that its bundle mentions. Derived from the
 * code, so a function that starts sending a notice gets its template id without a list to update.
 */
export function envNamesOf(bundle: string): string[] {
  // The pickup reminder's template is the vendor's to send, so it is kept beside the order notices' table.
  return [...Object.values(TEMPLATE_ENV_NAMES), PICKUP_REMINDER_ENV].filter((name) => bundle.includes(name)).sort();
}

export function readPlan(options: { root: string; functionRoot: string; environment: Record<string, string | undefined> }): DeployPlan {
  const { root, functionRoot, environment } = options;
  const manifest = JSON.parse(readFileSync(join(root, 'cloudfunctions', 'collections.json'), 'utf8')) as Manifest;
  const collections = manifest.collections.map((collection) => ({ name: collection.name, indexes: collection.indexes ?? [] }));
  const functions = functionNames().map((name): FunctionSpec => {
    const built = join(functionRoot, name);
    if (!existsSync(join(built, 'index.js'))) throw new Error(`${name} is not built: run npm run build:functions`);
    const config = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8')) as FunctionConfig;
    const bundle = readFileSync(join(built, 'index.js'), 'utf8');
    return {
      name,
      timeout: config.timeout ?? 3,
      runtime: RUNTIME,
      triggers: (config.triggers ?? []).map(({ name: triggerName, type, config: cron }) => ({ name: triggerName, type, config: cron })),
      env: envNamesOf(bundle).map((envName) => ({ name: envName, value: environment[envName]?.trim() || undefined })),
      openapi: config.permissions?.openapi ?? [],
      codeHash: hashFolder(built),
    };
  });
  return { collections, functions, functionRoot };
}

const direction = (value: number) => (value === -1 ? 'desc' : 'asc');
export const describeKeys = (keys: Record<string, number>) => Object.entries(keys).map(([field, dir]) => `${field} ${direction(dir)}`).join(', ');

/** The plan as lines of text: every collection, index (with its unique flag), function, trigger and variable name. */
export function formatPlan(plan: DeployPlan): string[] {
  const lines: string[] = [];
  lines.push(`collections (${plan.collections.length}):`);
  for (const collection of plan.collections) {
    lines.push(`  ${collection.name}`);
    if (collection.indexes.length === 0) lines.push('    (no index besides _id)');
    for (const index of collection.indexes) {
      lines.push(`    index ${index.name} ${index.unique ? 'UNIQUE' : 'non-unique'}: ${describeKeys(index.keys)}`);
    }
  }
  lines.push(`functions (${plan.functions.length}), code from ${plan.functionRoot}:`);
  for (const fn of plan.functions) {
    lines.push(`  ${fn.name}: timeout ${fn.timeout}s, runtime ${fn.runtime}, code sha256:${fn.codeHash}`);
    if (fn.triggers.length === 0) lines.push('    (no trigger)');
    for (const trigger of fn.triggers) lines.push(`    trigger ${trigger.name} (${trigger.type}): ${trigger.config}`);
    for (const variable of fn.env) lines.push(`    env ${variable.name}${variable.value ? ' (set here)' : ' (NOT set here: the cloud keeps its current value)'}`);
    if (fn.openapi.length) lines.push(`    云调用 permissions (config.json): ${fn.openapi.join(', ')}`);
  }
  return lines;
}
