/**
 * The `database.*` actions of the CloudBase admin API, with the parameter names and reply shapes
 * @cloudbase/database 1.4.3 uses (see its query.js, document.js, collection.js, aggregate.js and
 * transaction/index.js). Each action runs synchronously from reading to writing, so on the single
 * Node event loop every action — a conditional update included — is atomic.
 */
import { aggregate } from 'mingo';
import { Doc, parseData, parseQuery, parseStageValue, toWire } from './ejson';
import { collectionNotExist, DatabaseError, ErrorCode, invalidParam, requestFailed } from './errors';
import { applyUpdate, docIdOf, matching, newDocId, paginate, replaceDoc, upsertSeed } from './query';
import { Store } from './store';
import { Transactions } from './transactions';
import { View } from './view';

export interface Context {
  store: Store;
  transactions: Transactions;
  now: number;
}

type Params = Record<string, unknown>;
type Action = (params: Params, ctx: Context) => Doc;

/** Server-side get() returns at most 100 documents by default and 1000 at most. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
/** Aggregation returns 20 results unless the pipeline has its own $limit (measured on the cloud). */
const AGGREGATE_DEFAULT_LIMIT = 20;

function collectionOf(params: Params, ctx: Context): string {
  const name = params.collectionName;
  if (typeof name !== 'string' || name === '') throw invalidParam('collectionName is required');
  if (!ctx.store.hasCollection(name)) throw collectionNotExist(name);
  return name;
}

/** The store as it is now; writes go through `put`. */
function storeView(store: Store, put: View['put']): View {
  return {
    get: (collection, id) => store.get(collection, id)?.doc ?? null,
    scan: (collection) => store.scan(collection).map((stored) => stored.doc),
    byIds: (collection, ids) => store.byIds(collection, ids).map((stored) => stored.doc),
    uniqueMatch: (collection, query) => store.uniqueMatch(collection, query),
    put,
  };
}

/** Runs `fn` against the store in one SQLite transaction, then shows its writes to open snapshots. */
export function directly<T>(ctx: Context, fn: (view: View) => T): T {
  const written: { collection: string; id: string | number; before: Doc | null; seq: number }[] = [];
  const view = storeView(ctx.store, (collection, id, before, after) => {
    written.push({ collection, id, before, seq: ctx.store.write(collection, id, before, after) });
  });
  const result = ctx.store.atomically(() => fn(view));
  for (const w of written) ctx.transactions.record(w.collection, w.id, w.before, w.seq);
  return result;
}

const refuseWrite = (): never => {
  throw new Error('a read must not write');
};

/**
 * The transaction named by `transactionId`, or the store itself. A read outside a transaction
 * needs no SQLite transaction either: nothing else runs on this thread between its statements.
 */
function withView<T>(params: Params, ctx: Context, fn: (view: View) => T, access: 'read' | 'write' = 'write'): T {
  const txnId = params.transactionId;
  if (typeof txnId === 'string' && txnId !== '') return fn(ctx.transactions.view(txnId));
  return access === 'read' ? fn(storeView(ctx.store, refuseWrite)) : directly(ctx, fn);
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Inserts documents into a view, generating _ids the caller left out. Returns the ids. */
export function insertDocs(view: View, collection: string, docs: Doc[], now: number): (string | number)[] {
  return docs.map((data) => {
    const doc: Doc = { _id: null, ...data };
    doc._id ??= newDocId(now);
    const id = docIdOf(doc);
    if (view.get(collection, id)) {
      throw requestFailed(`E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);
    }
    view.put(collection, id, null, doc);
    return id;
  });
}

const getDocument: Action = (params, ctx) => {
  const collection = collectionOf(params, ctx);
  const query = parseQuery(params.query, ctx.now);
  const offset = positiveInt(params.offset) ?? 0;
  const limit = Math.min(positiveInt(params.limit) ?? DEFAULT_LIMIT, MAX_LIMIT);
  const order = params.order === undefined ? undefined : parseQuery(params.order, ctx.now, 'order');
  const projection = params.projection === undefined ? undefined : parseQuery(params.projection, ctx.now, 'projection');
  const docs = withView(params, ctx, (view) => matching(view, collection, query), 'read');
  return { data: { list: paginate(docs, { order, offset, limit, projection }).map(toWire), offset, limit } };
};

const calculateDocument: Action = (params, ctx) => {
  const collection = collectionOf(params, ctx);
  const query = parseQuery(params.query, ctx.now);
  return { data: { total: withView(params, ctx, (view) => matching(view, collection, query), 'read').length } };
};

const insertDocument: Action = (params, ctx) => {
  const collection = collectionOf(params, ctx);
  const texts = Array.isArray(params.data) ? params.data : [params.data];
  if (texts.length === 0) throw invalidParam('data must not be empty');
  const docs = texts.map((text) => parseData(text, ctx.now));
  return { data: { insertedIds: withView(params, ctx, (view) => insertDocs(view, collection, docs, ctx.now)) } };
};

const modifyDocument: Action = (params, ctx) => {
  const collection = collectionOf(params, ctx);
  const query = parseQuery(params.query, ctx.now);
  const data = parseData(params.data, ctx.now);
  const multi = typeof params.multi === 'boolean' ? params.multi : params.queryType !== 'DOC';
  // merge=false is `set()`: the matched document is replaced instead of updated.
  const merge = params.merge !== false;
  const upsert = params.upsert === true;
  return withView(params, ctx, (view) => {
    const targets = matching(view, collection, query).slice(0, multi ? undefined : 1);
    let updated = 0;
    for (const doc of targets) {
      const after = merge ? applyUpdate(doc, data, query) : replaceDoc(doc, data);
      if (!after) continue;
      view.put(collection, docIdOf(doc), doc, after);
      updated++;
    }
    if (targets.length > 0 || !upsert) return { data: { updated } };
    const seed = upsertSeed(query);
    const created = merge ? (applyUpdate(seed, data, query) ?? seed) : { ...data, _id: seed._id };
    const [upsertId] = insertDocs(view, collection, [created], ctx.now);
    return { data: { updated: 0, upsert_id: upsertId } };
  });
};

const modifyAndReturnDoc: Action = (params, ctx) => {
  const collection = collectionOf(params, ctx);
  const query = parseQuery(params.query, ctx.now);
  const data = parseData(params.data, ctx.now);
  return withView(params, ctx, (view) => {
    const [doc] = matching(view, collection, query);
    if (!doc) return { data: { updated: 0, doc: null } };
    const after = applyUpdate(doc, data, query);
    if (after) view.put(collection, docIdOf(doc), doc, after);
    return { data: { updated: after ? 1 : 0, doc: toWire(after ?? doc) } };
  });
};

const removeDocument: Action = (params, ctx) => {
  const collection = collectionOf(params, ctx);
  const query = parseQuery(params.query, ctx.now);
  const multi = typeof params.multi === 'boolean' ? params.multi : params.queryType !== 'DOC';
  return withView(params, ctx, (view) => {
    const targets = matching(view, collection, query).slice(0, multi ? undefined : 1);
    for (const doc of targets) view.put(collection, docIdOf(doc), doc, null);
    return { data: { deleted: targets.length } };
  });
};

interface Stage {
  stageKey: string;
  stageValue: string;
}

const isStage = (s: unknown): s is Stage =>
  typeof s === 'object' && s !== null && typeof (s as Stage).stageKey === 'string' && typeof (s as Stage).stageValue === 'string';

const aggregateDocuments: Action = (params, ctx) => {
  const collection = collectionOf(params, ctx);
  const stages = params.stages;
  if (!Array.isArray(stages) || !stages.every(isStage)) throw invalidParam('stages must be a list of {stageKey, stageValue}');
  const pipeline = stages.map((s) => ({ [s.stageKey]: parseStageValue(s.stageValue, ctx.now) }));
  if (!stages.some((s) => s.stageKey === '$limit')) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT });
  const scan = (name: string): Doc[] => (ctx.store.hasCollection(name) ? ctx.store.scan(name).map((s) => s.doc) : []);
  let list: Doc[];
  try {
    list = aggregate(scan(collection), pipeline, { collectionResolver: scan }) as Doc[];
  } catch (e) {
    throw requestFailed(`invalid aggregation: ${(e as Error).message}`);
  }
  return { data: { list: list.map(toWire) } };
};

const transactionIdOf = (params: Params): string => {
  if (typeof params.transactionId !== 'string') throw invalidParam('transactionId is required');
  return params.transactionId;
};

const addCollection: Action = (params, ctx) => {
  const name = params.collectionName;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(name)) throw invalidParam('invalid collectionName');
  if (ctx.store.hasCollection(name)) {
    throw new DatabaseError(ErrorCode.COLLECTION_ALREADY_EXIST, `[ResourceInUse] Collection ${name} already exists.`);
  }
  ctx.store.createCollection(name);
  return {};
};

export const ACTIONS: Record<string, Action> = {
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.removeDocument': removeDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.addCollection': addCollection,
  'database.startTransaction': (_params, ctx) => ({ transactionId: ctx.transactions.start(ctx.now) }),
  'database.commitTransaction': (params, ctx) => (ctx.transactions.commit(transactionIdOf(params)), {}),
  'database.abortTransaction': (params, ctx) => (ctx.transactions.abort(transactionIdOf(params)), {}),
};
