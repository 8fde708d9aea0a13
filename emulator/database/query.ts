/** Query, update and projection evaluation with mingo, plus the index-like fast path on _id. */
import { randomBytes } from 'crypto';
import { find, Query, update } from 'mingo';
import { cloneDoc, Doc, isPlainObject, toStored } from './ejson';
import { invalidParam, requestFailed } from './errors';
import { DocId } from './store';
import { View } from './view';

const isDocId = (v: unknown): v is DocId => typeof v === 'string' || typeof v === 'number';

export function docIdOf(doc: Doc): DocId {
  const id = doc._id;
  if (!isDocId(id)) throw invalidParam('_id must be a string or a number');
  return id;
}

/** 32 hex characters like the cloud's ids, with the creation second in the middle. */
export function newDocId(now: number): string {
  const seconds = Math.floor(now / 1000).toString(16).padStart(8, '0').slice(-8);
  return randomBytes(4).toString('hex') + seconds + randomBytes(8).toString('hex');
}

/**
 * The _ids a query pins down (`_id: v`, `_id: {$eq: v}` or `_id: {$in: [...]}`), so the store can
 * fetch them by primary key instead of scanning the collection. Equality on every field of a
 * unique index pins a document too (View.uniqueMatch).
 */
function pinnedIds(query: Doc): DocId[] | undefined {
  const v = query._id;
  if (isDocId(v)) return [v];
  if (!isPlainObject(v) || Object.keys(v).length !== 1) return undefined;
  if (isDocId(v.$eq)) return [v.$eq];
  if (Array.isArray(v.$in) && v.$in.every(isDocId)) return v.$in;
  return undefined;
}

/**
 * Compiled queries by their text. Building a mingo Query copies mingo's operator tables, which
 * costs more than the rest of a by-_id update; hot paths repeat the same few queries.
 */
const compiled = new Map<string, Query>();
const COMPILED_MAX = 1000;

function compile(query: Doc): Query {
  const key = toStored(query);
  let result = compiled.get(key);
  if (result) return result;
  try {
    result = new Query(query);
  } catch (e) {
    throw requestFailed(`invalid query: ${(e as Error).message}`);
  }
  if (compiled.size >= COMPILED_MAX) compiled.clear();
  compiled.set(key, result);
  return result;
}

/** Whether an update uses the positional `$` operator, which needs the query to find its element. */
const usesPositional = (modifier: Doc): boolean =>
  Object.values(modifier).some((fields) => isPlainObject(fields) && Object.keys(fields).some((path) => /\.\$(\.|$)/.test(path)));

/** Documents of the view matching the query, in natural order. */
export function matching(view: View, collection: string, query: Doc): Doc[] {
  const predicate = compile(query);
  return candidates(view, collection, query).filter((doc) => predicate.test(doc));
}

/** The documents a query can match: those its _ids or a unique index pin, else the collection. */
function candidates(view: View, collection: string, query: Doc): Doc[] {
  const ids = pinnedIds(query);
  if (ids?.length === 1) {
    const doc = view.get(collection, ids[0]);
    return doc ? [doc] : [];
  }
  // Several ids keep the natural order, which only a view that sees the store as it is can give.
  if (ids && view.byIds) return view.byIds(collection, ids);
  if (!ids) {
    // null: a unique index says no document has the key.
    const id = view.uniqueMatch?.(collection, query);
    if (id === null) return [];
    if (id !== undefined) {
      const doc = view.get(collection, id);
      return doc ? [doc] : [];
    }
  }
  return view.scan(collection);
}

export interface Page {
  order?: Doc;
  offset: number;
  limit: number;
  projection?: Doc;
}

/** Sorts, pages and projects already-matched documents. */
export function paginate(matched: Doc[], page: Page): Doc[] {
  const ordered = page.order !== undefined && Object.keys(page.order).length > 0;
  // The common read (by id, no order, no projection) needs no mingo cursor.
  if (!ordered && !page.projection) return matched.slice(page.offset, page.offset + page.limit);
  try {
    let cursor = find(matched, {}, page.projection);
    if (ordered) cursor = cursor.sort(page.order as Record<string, 1 | -1>);
    const docs = cursor.skip(page.offset).limit(page.limit).all() as Doc[];
    // mingo's projection appends _id last; the cloud keeps it first.
    return page.projection ? docs.map((doc) => ('_id' in doc ? { _id: doc._id, ...doc } : doc)) : docs;
  } catch (e) {
    throw requestFailed(`invalid order or projection: ${(e as Error).message}`);
  }
}

/** True when the update is a replacement document rather than operator expressions. */
const isOperatorUpdate = (data: Doc): boolean => Object.keys(data).some((k) => k.startsWith('$'));

/**
 * Applies an update expression to a copy of `doc` and returns the result, or null when nothing
 * changed (the cloud counts only modified documents in `updated`). A plain object is a $set.
 * `query` lets the positional `$` operator find the matched array element.
 */
export function applyUpdate(doc: Doc, data: Doc, query: Doc): Doc | null {
  const modifier = isOperatorUpdate(data) ? data : { $set: data };
  const after = cloneDoc(doc);
  let modified: string[];
  try {
    modified = update(after, modifier, undefined, usesPositional(modifier) ? query : undefined, { cloneMode: 'deep' });
  } catch (e) {
    throw requestFailed(`invalid update: ${(e as Error).message}`);
  }
  if (modified.length === 0) return null;
  if (toStored({ v: after._id }) !== toStored({ v: doc._id })) {
    throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return after;
}

/** `set()` semantics: the document becomes `data`, keeping its _id. Null when unchanged. */
export function replaceDoc(doc: Doc, data: Doc): Doc | null {
  if (isOperatorUpdate(data)) throw requestFailed('a replacement document must not contain update operators');
  const after: Doc = { _id: doc._id, ...data };
  after._id = doc._id;
  return toStored(after) === toStored(doc) ? null : after;
}

/** The document an upsert starts from: the query's equality conditions, as MongoDB does. */
export function upsertSeed(query: Doc): Doc {
  const fields: Doc = {};
  const collect = (q: Doc): void => {
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(value)) value.filter(isPlainObject).forEach(collect);
      if (key.startsWith('$') || value instanceof RegExp) continue;
      if (!isPlainObject(value)) fields[key] = value;
      else if (!Object.keys(value).some((k) => k.startsWith('$'))) fields[key] = value;
      else if ('$eq' in value) fields[key] = value.$eq;
    }
  };
  collect(query);
  // mingo refuses to $set _id (immutable), so the seed starts with it.
  const { _id, ...rest } = fields;
  const seed: Doc = _id === undefined ? {} : { _id };
  if (Object.keys(rest).length) update(seed, { $set: rest }, undefined, undefined, { cloneMode: 'deep' });
  return seed;
}
