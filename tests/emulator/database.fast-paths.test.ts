/**
 * The database's fast paths answer exactly as the general ones: `_id: _.in([...])` fetched by
 * primary key instead of a scan, and the document codecs' plain-JSON shortcut instead of bson's
 * EJSON walk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal128, EJSON, Long, ObjectId } from 'bson';
import { CloudDatabase } from '../../emulator/database';
import { cloneDoc, fromStored, toStored, toWire } from '../../emulator/database/ejson';
import { DbServer, startDbServer } from './dbServer';

let s: DbServer;
beforeAll(async () => {
  s = await startDbServer({ collections: [{ name: 'products' }] });
  await s.sdb.collection('products').add({
    data: [
      { _id: 'p1', stock: 1 },
      { _id: 2, stock: 2 },
      { _id: 'p3', stock: 0 },
      { _id: '2', stock: 4 },
    ],
  });
});
afterAll(() => s.close());

const ids = async (query: object) => (await s.sdb.collection('products').where(query).get()).data.map((doc) => doc._id);

test('_id in a list answers in natural order whatever the order of the list', async () => {
  const _ = s.sdb.command;
  expect(await ids({ _id: _.in(['p3', 'p1', 'p1', 'nope']) })).toEqual(['p1', 'p3']);
  expect(await ids({ _id: _.in([]) })).toEqual([]);
});

test('_id in a list keeps string and numeric ids apart, and the other conditions still apply', async () => {
  const _ = s.sdb.command;
  expect(await ids({ _id: _.in([2]) })).toEqual([2]);
  expect(await ids({ _id: _.in(['2', 'p1']) })).toEqual(['p1', '2']);
  expect(await ids({ _id: _.in([2, '2', 'p3']), stock: _.gt(0) })).toEqual([2, '2']);
});

test('_id in a list inside a transaction sees the snapshot and the transaction’s own writes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cactus-fast-'));
  const db = new CloudDatabase({ file: join(dir, 'db.sqlite'), manifest: { collections: [{ name: 'c' }] } });
  const wire = (value: object) => EJSON.stringify(value, { relaxed: false });
  const update = (id: string, n: number, transactionId?: string) =>
    db.handle({ action: 'database.modifyDocument', collectionName: 'c', queryType: 'DOC', transactionId, query: wire({ _id: id }), data: wire({ $set: { n } }) });
  try {
    db.insert('c', { _id: 'a', n: 1 });
    db.insert('c', { _id: 'b', n: 2 });
    const { transactionId } = (await db.handle({ action: 'database.startTransaction' })) as { transactionId: string };
    await update('a', 9);
    await update('b', 5, transactionId);
    const read = (await db.handle({ action: 'database.getDocument', collectionName: 'c', transactionId, query: wire({ _id: { $in: ['b', 'a'] } }) })) as { data: { list: string[] } };
    expect(read.data.list.map((text) => EJSON.parse(text))).toEqual([{ _id: 'a', n: 1 }, { _id: 'b', n: 5 }]);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the document codecs answer as bson EJSON does', () => {
  const withDollarKeyInside = fromStored(EJSON.stringify({ a: { $date: '2025-01-01T00:00:00Z' } }));
  const protoKey = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as Record<string, unknown>;
  const docs: Record<string, unknown>[] = [
    { _id: 'plain', name: '腊肉', n: 12, f: 1.5, neg: -3, zero: 0, big: 1764000000000, huge: 2 ** 63, t: true, none: null, list: [1, 'a', [2, { b: 3 }]], nested: { deep: { deeper: {} } } },
    { _id: 'negzero', v: -0 },
    { _id: 'nonfinite', nan: NaN, inf: Infinity, ninf: -Infinity },
    { _id: 'date', at: new Date(Date.UTC(2025, 5, 1)), old: new Date(-1), far: new Date(253402318800001) },
    { _id: 'bson', oid: new ObjectId('64b7f0c2a1b2c3d4e5f60718'), dec: Decimal128.fromString('1.10'), long: Long.fromString('9007199254740993') },
    { _id: 'undefined', u: undefined, arr: [undefined, 1] },
    { _id: 'dollar-text', s: '"$not a key', k: 'x' },
    { _id: 'nul', 'a\u0000b': 1 },
    withDollarKeyInside,
    protoKey,
    { _id: 'bsontype-key', inner: { _bsontype: 'nope', v: 1 } },
  ];

  /** The value, or the error it threw: bson refuses some documents, and so must the codecs. */
  const attempt = <T>(fn: () => T): T | Error => {
    try {
      return fn();
    } catch (e) {
      return e as Error;
    }
  };

  test.each(docs.map((doc, i) => [i, doc]))('document %i is stored, sent and copied the same', (_i, doc) => {
    const relaxed = attempt(() => EJSON.stringify(doc, { relaxed: true }));
    if (relaxed instanceof Error) {
      expect(() => toStored(doc)).toThrow(relaxed.message);
      return;
    }
    expect(toStored(doc)).toBe(relaxed);
    expect(toWire(doc)).toBe(EJSON.stringify(doc, { relaxed: false }));
    const parsed = attempt(() => EJSON.parse(relaxed, { relaxed: true }) as Record<string, unknown>);
    if (parsed instanceof Error) {
      expect(() => fromStored(relaxed)).toThrow(parsed.message);
      return;
    }
    expect(fromStored(relaxed)).toEqual(parsed);
    expect(EJSON.stringify(fromStored(relaxed), { relaxed: false })).toBe(EJSON.stringify(parsed, { relaxed: false }));
    // A copy is what the storage codec would give back (relaxed EJSON: a Long becomes a number).
    const copy = cloneDoc(doc);
    expect(toWire(copy)).toBe(toWire(parsed));
    expect(copy).not.toBe(doc);
  });

  test('a copy shares no object with the original', () => {
    const doc = { _id: 'x', skus: [{ id: 'a', stock: 1 }], holds: { h1: { at: 1 } } };
    const copy = cloneDoc(doc) as typeof doc;
    copy.skus[0].stock = 0;
    copy.holds.h1.at = 2;
    expect(doc).toEqual({ _id: 'x', skus: [{ id: 'a', stock: 1 }], holds: { h1: { at: 1 } } });
  });
});
