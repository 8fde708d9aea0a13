/**
 * A recorded stand-in for the part of @cloudbase/manager-node that scripts/lib/deploy uses: it
 * keeps an environment's collections, indexes and functions in memory the way the management API
 * reports them (index directions as "1"/"-1" strings, timer triggers with TriggerDesc
 * `{"cron":...}`, variables as Key/Value pairs, a missing collection failing describeCollection)
 * and records every call. The real cloud cannot run here; this is the one place a stand-in is right.
 */
import type { CloudManager } from '../../scripts/lib/deploy/apply';

export interface Call {
  method: string;
  args: unknown[];
}
interface CloudIndex {
  Name: string;
  Keys: { Name: string; Direction: string }[];
  Unique: boolean;
}
export interface CloudFunction {
  FunctionName: string;
  Runtime: string;
  Description: string;
  Timeout: number;
  Environment: { Variables: { Key: string; Value: string }[] };
  Triggers: { TriggerName: string; Type: string; TriggerDesc: string }[];
  /** Times its code was uploaded (create or update). */
  uploads: number;
}
export interface FakeCloud {
  manager: CloudManager;
  calls: Call[];
  collections: Map<string, CloudIndex[]>;
  functions: Map<string, CloudFunction>;
}

/** Methods that change the environment; every other one only reads. */
export const WRITES = ['createCollectionIfNotExists', 'updateCollection', 'createFunction', 'updateFunctionCode', 'updateFunctionConfig', 'createFunctionTriggers', 'deleteFunctionTrigger'];

export function fakeCloud(): FakeCloud {
  const calls: Call[] = [];
  const collections = new Map<string, CloudIndex[]>();
  const functions = new Map<string, CloudFunction>();
  const ok = { RequestId: 'fake' };
  const record = (method: string, args: unknown[]) => calls.push({ method, args: JSON.parse(JSON.stringify(args)) });
  const fn = (name: string) => {
    const found = functions.get(name);
    if (!found) throw Object.assign(new Error(`ResourceNotFound.Function: ${name}`), { code: 'ResourceNotFound.Function' });
    return found;
  };
  const vars = (envVariables: Record<string, unknown> | undefined) => Object.entries(envVariables ?? {}).map(([Key, Value]) => ({ Key, Value: String(Value) }));
  const addTriggers = (target: CloudFunction, triggers: { name: string; type: string; config: string }[] = []) => {
    for (const trigger of triggers) {
      if (target.Triggers.some((there) => there.TriggerName === trigger.name)) throw new Error(`ResourceInUse.Trigger: ${trigger.name}`);
      target.Triggers.push({ TriggerName: trigger.name, Type: trigger.type, TriggerDesc: JSON.stringify({ cron: trigger.config }) });
    }
  };

  const manager: CloudManager = {
    database: {
      async listCollections(options) {
        record('listCollections', [options]);
        const names = [...collections.keys()].slice(options?.MgoOffset ?? 0, (options?.MgoOffset ?? 0) + (options?.MgoLimit ?? 100));
        return { RequestId: 'fake', Collections: names.map((CollectionName) => ({ CollectionName }) as never), Pager: { Offset: 0, Limit: 100, Total: collections.size } };
      },
      async createCollectionIfNotExists(name) {
        record('createCollectionIfNotExists', [name]);
        const existed = collections.has(name);
        if (!existed) collections.set(name, [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }]);
        return { RequestId: 'fake', IsCreated: !existed, ExistsResult: { RequestId: 'fake', Exists: existed } };
      },
      async describeCollection(name) {
        record('describeCollection', [name]);
        const indexes = collections.get(name);
        if (!indexes) throw new Error(`ResourceNotFound: collection ${name}`);
        return { RequestId: 'fake', Indexes: indexes.map((index) => ({ ...index, Size: 0, Accesses: { Ops: 0, Since: '' } })), IndexNum: indexes.length };
      },
      async updateCollection(name, info) {
        record('updateCollection', [name, info]);
        const indexes = collections.get(name);
        if (!indexes) throw new Error(`ResourceNotFound: collection ${name}`);
        for (const drop of info.DropIndexes ?? []) {
          const at = indexes.findIndex((index) => index.Name === drop.IndexName);
          if (at < 0) throw new Error(`no index ${drop.IndexName}`);
          indexes.splice(at, 1);
        }
        for (const create of info.CreateIndexes ?? []) {
          if (indexes.some((index) => index.Name === create.IndexName)) throw new Error(`index ${create.IndexName} exists`);
          indexes.push({ Name: create.IndexName, Keys: create.MgoKeySchema.MgoIndexKeys.map(({ Name, Direction }) => ({ Name, Direction })), Unique: create.MgoKeySchema.MgoIsUnique });
        }
        return ok;
      },
    },
    functions: {
      async listFunctions(limit = 20, offset = 0) {
        record('listFunctions', [limit, offset]);
        return [...functions.values()].slice(offset, offset + limit).map(({ FunctionName, Runtime }) => ({ FunctionName, Runtime }));
      },
      async getFunctionDetail(name) {
        record('getFunctionDetail', [name]);
        const { uploads: _uploads, ...detail } = fn(name);
        return JSON.parse(JSON.stringify(detail));
      },
      async createFunction(param) {
        record('createFunction', [param]);
        const { func } = param;
        if (functions.has(func.name)) throw new Error(`ResourceInUse.Function: ${func.name}`);
        const created: CloudFunction = {
          FunctionName: func.name,
          Runtime: func.runtime ?? 'Nodejs20.19',
          Description: func.description ?? '',
          Timeout: func.timeout ?? 3,
          Environment: { Variables: vars(func.envVariables) },
          Triggers: [],
          uploads: 1,
        };
        addTriggers(created, func.triggers);
        functions.set(func.name, created);
        return ok;
      },
      async updateFunctionCode(param) {
        record('updateFunctionCode', [param]);
        fn(param.func.name).uploads += 1;
        return ok;
      },
      async updateFunctionConfig(func) {
        record('updateFunctionConfig', [func]);
        const target = fn(func.name);
        if (func.timeout !== undefined) target.Timeout = func.timeout;
        if (func.description !== undefined) target.Description = func.description;
        // As the real SDK: variables are sent whole, and only when there is at least one.
        if (func.envVariables && Object.keys(func.envVariables).length) target.Environment = { Variables: vars(func.envVariables) };
        addTriggers(target, func.triggers);
        return ok;
      },
      async createFunctionTriggers(name, triggers) {
        record('createFunctionTriggers', [name, triggers]);
        addTriggers(fn(name), triggers);
        return ok;
      },
      async deleteFunctionTrigger(name, triggerName) {
        record('deleteFunctionTrigger', [name, triggerName]);
        const target = fn(name);
        target.Triggers = target.Triggers.filter((trigger) => trigger.TriggerName !== triggerName);
        return ok;
      },
      async waitFunctionActive(name) {
        record('waitFunctionActive', [name]);
      },
    },
  };
  return { manager, calls, collections, functions };
}
