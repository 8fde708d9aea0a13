/**
 * EJSON codec and the small adapters where CloudBase differs from plain MongoDB query language.
 * The SDK sends canonical EJSON strings; we parse them relaxed (plain JS numbers, Dates) so mingo
 * can evaluate them, and answer in canonical EJSON as the cloud does.
 */
import { BSONRegExp, EJSON } from 'bson';
import { requestFailed } from './errors';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../http';

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
  // MongoDB refuses documents nested deeper than this; the walks below would overflow the stack far deeper.
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw requestFailed(`invalid ${what}: nested deeper than ${MAX_JSON_DEPTH} levels`);
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

/**
 * Most documents hold only JSON values (strings, finite numbers, booleans, null, plain objects and
 * arrays): for them the codecs below skip bson's generic EJSON walk, which dominated the cost of a
 * stored document's round trip. `copyJson` copies such a value, mapping every number through
 * `number`, and answers NOT_JSON for anything else (Dates, BSON values, undefined, non-finite
 * numbers, `_bsontype` or `__proto__` keys, deep nesting), which then takes bson's path.
 */
const NOT_JSON = Symbol('not JSON');

function copyJson(value: unknown, number: (n: number) => unknown, depth = 0): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? number(value) : NOT_JSON;
    case 'object':
      break;
    default:
      return NOT_JSON;
  }
  if (value === null) return null;
  if (depth > MAX_JSON_DEPTH) return NOT_JSON;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copyJson(value[i], number, depth + 1);
      if (item === NOT_JSON) return NOT_JSON;
      out[i] = item;
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.hasOwn(value, '__proto__') || Object.hasOwn(value, '_bsontype')) return NOT_JSON;
  const out: Doc = {};
  for (const key in value) {
    const item = copyJson((value as Doc)[key], number, depth + 1);
    if (item === NOT_JSON) return NOT_JSON;
    out[key] = item;
  }
  return out;
}

const same = (n: number): number => n;
/** What a number comes back as from stored text: JSON has no -0. */
const asStored = (n: number): number => (Object.is(n, -0) ? 0 : n);

/** bson's canonical form of a finite JS number (EJSON.stringify with relaxed: false). */
function canonicalNumber(n: number): Doc {
  if (Number.isInteger(n) && !Object.is(n, -0)) {
    if (n >= -0x80000000 && n <= 0x7fffffff) return { $numberInt: n.toString() };
    if (n >= -(2 ** 63) && n <= 2 ** 63) return { $numberLong: n.toString() };
  }
  return { $numberDouble: Object.is(n, -0) ? '-0.0' : n.toString() };
}

/** Canonical EJSON: what the cloud puts on the wire and the SDK parses with EJSON.parse. */
export function toWire(doc: unknown): string {
  const json = copyJson(doc, canonicalNumber);
  return json === NOT_JSON ? EJSON.stringify(doc, { relaxed: false }) : JSON.stringify(json);
}

/** Relaxed EJSON for storage: shorter and faster, and lossless for the JS values we hold. */
export function toStored(doc: Doc): string {
  return copyJson(doc, same) === NOT_JSON ? EJSON.stringify(doc, { relaxed: true }) : JSON.stringify(doc);
}

/** Text without a `$` key (or a NUL that bson refuses in names) is plain JSON to relaxed EJSON. */
export function fromStored(text: string): Doc {
  if (!text.includes('"$') && !text.includes('\\u0000')) return JSON.parse(text) as Doc;
  return EJSON.parse(text, { relaxed: true }) as Doc;
}

/** Deep copy through the storage codec (keeps Dates and BSON values intact). */
export function cloneDoc(doc: Doc): Doc {
  const json = copyJson(doc, asStored);
  return json === NOT_JSON ? fromStored(toStored(doc)) : (json as Doc);
}
