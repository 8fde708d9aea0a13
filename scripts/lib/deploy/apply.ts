// Brings a cloud environment to a plan (plan.ts) through Tencent's management SDK for CloudBase,
// @cloudbase/manager-node: reads what is there, then changes only what differs, and says what it
// changed. Running it twice in a row changes nothing the second time.
//
// What counts as "differs":
// - a collection: missing → created. Collections the plan does not name are left alone.
// - an index: missing → created; same name but other keys or another unique flag → dropped and
//   created again (the cloud cannot alter an index). Indexes the plan does not name are reported
//   and left alone: dropping one could slow or break a query some older client still sends.
// - a function: missing → created with its code, config and triggers. Present: its code is
//   uploaded again when the built folder's hash differs from the one its description carries;
//   its timeout and the variables the plan sets are updated when they differ (variables the plan
//   does not set keep their cloud values); its timer triggers follow config.json exactly (a
//   changed one is deleted and created again, one config.json no longer names is deleted).
import type { DatabaseService } from '@cloudbase/manager-node/types/database';
import type { FunctionService } from '@cloudbase/manager-node/types/function';
import { codeDescription, describeKeys, type DeployPlan, type FunctionSpec, type IndexSpec, type TriggerSpec } from './plan';

/** The part of manager-node's CloudBase object that deploying uses (a test passes a recording stand-in). */
export interface CloudManager {
  database: Pick<DatabaseService, 'listCollections' | 'createCollectionIfNotExists' | 'describeCollection' | 'updateCollection'>;
  functions: Pick<
    FunctionService,
    'listFunctions' | 'getFunctionDetail' | 'createFunction' | 'updateFunctionCode' | 'updateFunctionConfig' | 'createFunctionTriggers' | 'deleteFunctionTrigger' | 'waitFunctionActive'
  >;
}

export interface Change {
  target: string;
  action: string;
}

type Log = (line: string) => void;

/** The cloud's index keys use "1"/"-1" strings; the manifest uses numbers. */
const keySignature = (keys: { Name?: string; Direction?: string | number }[]) => keys.map((key) => `${key.Name}:${String(key.Direction)}`).join(',');
const manifestSignature = (index: IndexSpec) => keySignature(Object.entries(index.keys).map(([Name, Direction]) => ({ Name, Direction })));

function toCreateIndex(index: IndexSpec) {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: Object.entries(index.keys).map(([Name, Direction]) => ({ Name, Direction: String(Direction) })),
      MgoIsUnique: Boolean(index.unique),
    },
  };
}

async function existingCollections(manager: CloudManager): Promise<Set<string>> {
  const names = new Set<string>();
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const page = await manager.database.listCollections({ MgoLimit: limit, MgoOffset: offset });
    for (const collection of page.Collections ?? []) names.add(collection.CollectionName);
    if ((page.Collections ?? []).length < limit) return names;
  }
}

async function existingFunctions(manager: CloudManager): Promise<Set<string>> {
  const names = new Set<string>();
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const page = await manager.functions.listFunctions(limit, offset);
    for (const fn of page) names.add(fn.FunctionName);
    if (page.length < limit) return names;
  }
}

async function deployCollections(manager: CloudManager, plan: DeployPlan, log: Log): Promise<Change[]> {
  const changes: Change[] = [];
  const change = (target: string, action: string) => {
    changes.push({ target, action });
    log(`  ${target}: ${action}`);
  };
  const existing = await existingCollections(manager);
  for (const collection of plan.collections) {
    const target = `collection ${collection.name}`;
    let current: { Name: string; Keys?: { Name?: string; Direction?: string }[]; Unique?: boolean }[] = [];
    if (existing.has(collection.name)) {
      current = (await manager.database.describeCollection(collection.name)).Indexes ?? [];
    } else {
      await manager.database.createCollectionIfNotExists(collection.name);
      change(target, 'created');
    }
    const drop: string[] = [];
    const create: IndexSpec[] = [];
    for (const index of collection.indexes) {
      const there = current.find((candidate) => candidate.Name === index.name);
      const unique = index.unique ? 'unique' : 'non-unique';
      if (!there) {
        create.push(index);
        change(target, `create index ${index.name} (${unique}): ${describeKeys(index.keys)}`);
      } else if (keySignature(there.Keys ?? []) !== manifestSignature(index) || Boolean(there.Unique) !== Boolean(index.unique)) {
        drop.push(index.name);
        create.push(index);
        change(target, `replace index ${index.name} (${unique}): ${describeKeys(index.keys)}; was ${keySignature(there.Keys ?? [])}${there.Unique ? ' unique' : ''}`);
      }
    }
    for (const extra of current.filter((index) => index.Name !== '_id_' && !collection.indexes.some((wanted) => wanted.name === index.Name))) {
      log(`  ${target}: index ${extra.Name} is not in collections.json (left alone)`);
    }
    if (drop.length) await manager.database.updateCollection(collection.name, { DropIndexes: drop.map((IndexName) => ({ IndexName })) });
    if (create.length) await manager.database.updateCollection(collection.name, { CreateIndexes: create.map(toCreateIndex) });
  }
  return changes;
}

/** A timer trigger as the cloud lists it: TriggerDesc is `{"cron":"..."}` (or the bare cron). */
function cronOf(desc: string | undefined): string {
  if (!desc) return '';
  try {
    const parsed = JSON.parse(desc) as { cron?: string };
    return parsed.cron ?? desc;
  } catch {
    return desc;
  }
}

const envLabel = (names: string[]) => (names.length ? `; env ${names.join(', ')}` : '');

async function deployFunction(manager: CloudManager, fn: FunctionSpec, exists: boolean, functionRoot: string, change: (action: string) => void): Promise<void> {
  const description = codeDescription(fn.codeHash);
  const setVars = Object.fromEntries(fn.env.filter((variable) => variable.value).map((variable) => [variable.name, variable.value as string]));
  const triggers = fn.triggers.map(({ name, type, config }) => ({ name, type, config }));
  if (!exists) {
    await manager.functions.createFunction({
      func: { name: fn.name, runtime: fn.runtime, handler: 'index.main', timeout: fn.timeout, installDependency: true, description, envVariables: setVars, triggers },
      functionRootPath: functionRoot,
      force: false,
    });
    change(`created (code sha256:${fn.codeHash}, timeout ${fn.timeout}s${envLabel(Object.keys(setVars))}${triggers.map((trigger) => `; trigger ${trigger.name} ${trigger.config}`).join('')})`);
    return;
  }
  const detail = await manager.functions.getFunctionDetail(fn.name);
  if (detail.Description !== description) {
    await manager.functions.updateFunctionCode({ func: { name: fn.name, runtime: detail.Runtime || fn.runtime, installDependency: true }, functionRootPath: functionRoot });
    await manager.functions.waitFunctionActive(fn.name);
    change(`code uploaded (sha256:${fn.codeHash})`);
  }
  const cloudVars = Object.fromEntries((detail.Environment?.Variables ?? []).map((variable) => [variable.Key, variable.Value]));
  const changedVars = Object.keys(setVars).filter((name) => cloudVars[name] !== setVars[name]);
  if (detail.Timeout !== fn.timeout || changedVars.length || detail.Description !== description) {
    // Variables are replaced as a whole: send the cloud's ones too, so none the plan leaves unset is lost.
    await manager.functions.updateFunctionConfig({ name: fn.name, timeout: fn.timeout, description, envVariables: { ...cloudVars, ...setVars } });
    const what = [detail.Timeout !== fn.timeout ? `timeout ${detail.Timeout}s → ${fn.timeout}s` : '', changedVars.length ? `env ${changedVars.join(', ')}` : ''].filter(Boolean);
    if (what.length) change(`config: ${what.join('; ')}`);
  }
  const cloudTriggers: TriggerSpec[] = (detail.Triggers ?? []).filter((trigger) => trigger.Type === 'timer').map((trigger) => ({ name: trigger.TriggerName, type: trigger.Type, config: cronOf(trigger.TriggerDesc) }));
  const create: TriggerSpec[] = [];
  for (const trigger of triggers) {
    const there = cloudTriggers.find((candidate) => candidate.name === trigger.name);
    if (there && there.config === trigger.config) continue;
    if (there) {
      await manager.functions.deleteFunctionTrigger(fn.name, trigger.name);
      change(`trigger ${trigger.name}: ${there.config} → ${trigger.config}`);
    } else {
      change(`trigger ${trigger.name} created: ${trigger.config}`);
    }
    create.push(trigger);
  }
  for (const stale of cloudTriggers.filter((trigger) => !triggers.some((wanted) => wanted.name === trigger.name))) {
    await manager.functions.deleteFunctionTrigger(fn.name, stale.name);
    change(`trigger ${stale.name} deleted (not in config.json)`);
  }
  if (create.length) await manager.functions.createFunctionTriggers(fn.name, create);
}

async function deployFunctions(manager: CloudManager, plan: DeployPlan, log: Log): Promise<Change[]> {
  const changes: Change[] = [];
  const existing = await existingFunctions(manager);
  for (const fn of plan.functions) {
    const target = `function ${fn.name}`;
    await deployFunction(manager, fn, existing.has(fn.name), plan.functionRoot, (action) => {
      changes.push({ target, action });
      log(`  ${target}: ${action}`);
    });
    const unset = fn.env.filter((variable) => !variable.value).map((variable) => variable.name);
    if (unset.length) log(`  ${target}: ${unset.join(', ')} not set in this shell (the cloud keeps its value; with none, that notice uses a local template id and fails)`);
  }
  return changes;
}

/** Applies the plan; returns what it changed (empty: the environment already matched). */
export async function deploy(manager: CloudManager, plan: DeployPlan, log: Log = () => {}): Promise<Change[]> {
  log('database:');
  const collections = await deployCollections(manager, plan, log);
  log('functions:');
  const functions = await deployFunctions(manager, plan, log);
  const changes = [...collections, ...functions];
  log(changes.length ? `${changes.length} change(s) made.` : 'Nothing to change: the environment matches the repository.');
  return changes;
}
