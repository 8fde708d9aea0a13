/**
 * EJSON codec and the small adapters where CloudBase differs from plain MongoDB query language.
 * The SDK sends canonical EJSON strings; we parse them relaxed (plain JS numbers, Dates) so mingo
 * can evaluate them, and answer in canonical EJSON as the cloud does.
 */
import { BSONRegExp, EJSON } from 'bson';
import { requestFailed } from './errors';

export type Doc = Record<string, unknown>;

const SERVER_DATE = '$tcb_server_date';

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Rebuilds plain objects and arrays bottom-up, letting `leaf` replace any value first. */
function transform(value: unknown, leaf: (v: unknown) => unknown): unknown {
  const replaced = leaf(value);
  if (replaced !== value) return replaced;
  if (Array.isArray(value)) return value.map((item) => transform(item, leaf));
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const [key, item] of Object.entries(value)) out[key] = transform(item, leaf);
    return out;
  }
  return value;
}

/** `db.serverDate({offset})` arrives as `{"$tcb_server_date":{"offset":n}}`: the server stamps it. */
function serverDates(now: number): (v: unknown) => unknown {
  return (v) => {
    if (!isPlainObject(v) || !(SERVER_DATE in v)) return v;
    const spec = v[SERVER_DATE];
    const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now + offset);
  };
}

/** BSON regular expressions (db.RegExp or a JS RegExp) become JS RegExps that mingo matches with. */
function toJsRegExp(v: unknown): unknown {
  if (!(v instanceof BSONRegExp)) return v;
  // JS knows i, m, s and u; Mongo's x (extended) and l (locale) have no JS equivalent.
  const flags = [...new Set(v.options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
  return new RegExp(v.pattern, flags);
}

function parseText(text: unknown, what: string): unknown {
  if (typeof text !== 'string') throw requestFailed(`${what} must be an EJSON string`);
  try {
    return EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw requestFailed(`invalid ${what}: ${(e as Error).message}`);
  }
}

function asObject(value: unknown, what: string): Doc {
  if (!isPlainObject(value)) throw requestFailed(`${what} must be an object`);
  return value;
}

/** A document or update expression: server dates are stamped, everything else kept as sent. */
export function parseData(text: unknown, now: number, what = 'data'): Doc {
  return asObject(transform(parseText(text, what), serverDates(now)), what);
}

/** A query, order or projection: server dates stamped and regular expressions made executable. */
export function parseQuery(text: unknown, now: number, what = 'query'): Doc {
  if (text === undefined || text === '') return {};
  const stamp = serverDates(now);
  return asObject(transform(parseText(text, what), (v) => toJsRegExp(stamp(v))), what);
}

/** An aggregation stage value: objects travel as EJSON, scalars (limit, skip, count) as JSON. */
export function parseStageValue(text: unknown, now: number): unknown {
  const stamp = serverDates(now);
  return transform(parseText(text, 'stage'), (v) => toJsRegExp(stamp(v)));
}

/** Canonical EJSON: what the cloud puts on the wire and the SDK parses with EJSON.parse. */
export const toWire = (doc: unknown): string => EJSON.stringify(doc, { relaxed: false });

/** Relaxed EJSON for storage: shorter and faster, and lossless for the JS values we hold. */
export const toStored = (doc: Doc): string => EJSON.stringify(doc, { relaxed: true });
export const fromStored = (text: string): Doc => EJSON.parse(text, { relaxed: true }) as Doc;

/** Deep copy through the storage codec (keeps Dates and BSON values intact). */
export const cloneDoc = (doc: Doc): Doc => fromStored(toStored(doc));
