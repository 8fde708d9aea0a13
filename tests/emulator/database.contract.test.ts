/**
 * Wire-format contract with the pinned wx-server-sdk 4.0.2 (@cloudbase/node-sdk 3.17.2,
 * @cloudbase/database 1.4.3). The protocol is private, so a fixed scenario's request bodies and
 * the replies the SDK accepted are kept in fixtures/database-wire.json:
 *  - the live SDK must still send exactly those requests (an SDK upgrade that changes the
 *    protocol fails here), and
 *  - CloudDatabase.handle must still answer them with those replies.
 * After a deliberate change, re-record with
 *   DB_FIXTURES_RECORD=1 npx jest --selectProjects emulator --testPathPattern database.contract
 * and review the fixture diff.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudDatabase } from '../../emulator/database';
import { DbServer, Exchange, startDbServer } from './dbServer';

const FIXTURE = join(__dirname, 'fixtures', 'database-wire.json');
const RECORD = process.env.DB_FIXTURES_RECORD === '1';
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const MANIFEST = { collections: [{ name: 'products' }, { name: 'orders' }] };

type Json = Record<string, unknown>;

/** Request ids and transaction ids are random: compare them as placeholders. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === 'requestId' ? '<requestId>' : key === 'transactionId' ? '<transactionId>' : normalize(item);
  }
  return out;
}

/** One of each call the cloud functions make, with fixed ids and a frozen clock. */
async function scenario(s: DbServer): Promise<void> {
  const db = s.sdb;
  const _ = db.command;
  const $ = db.command.aggregate;
  const products = db.collection('products');
  const ignore = (p: Promise<unknown>) => p.catch(() => undefined);
  await products.add({ data: { _id: 'c1', name: 'Barrel', price: 1200, stock: 5, tags: ['round'], createdAt: db.serverDate(), listed: new Date(NOW) } });
  await products.add({ data: [{ _id: 'c2', name: 'Bunny', price: 800, stock: 0 }, { _id: 'c3', name: 'Moon', price: 950.5, stock: 2 }] });
  await products.where({ price: _.gte(900), name: /o/i }).orderBy('price', 'desc').skip(0).limit(10).field({ name: true, price: true }).get();
  await products.where({ stock: _.gt(0) }).count();
  await products.doc('c1').get();
  await products.doc('c1').update({ data: { stock: _.inc(-1), tags: _.push(['spiny']), size: { h: 10 } } });
  await products.doc('c2').set({ data: { name: 'Bunny ears', price: 850 } });
  await products.doc('c4').set({ data: { name: 'New' } });
  await products.where({ _id: 'c3', stock: _.gte(1) }).update({ data: { stock: _.inc(-1) } });
  await products.where({ price: _.lt(0) }).update({ data: { price: 0 } });
  await products.doc('c4').remove();
  await products.aggregate().match({ stock: _.gte(0) }).group({ _id: null, total: $.sum('$price') }).sort({ total: 1 }).end();
  await db.createCollection('events');
  await ignore(db.collection('ghosts').get());
  await ignore(products.add({ data: { _id: 'c1' } }));
  await db.runTransaction(async (t) => {
    const { data } = await t.collection('products').doc('c1').get();
    await t.collection('products').doc('c1').update({ data: { stock: data.stock - 1 } });
    await t.collection('orders').add({ data: { _id: 'o1', productId: 'c1' } });
  });
  const t = await db.startTransaction();
  await t.collection('orders').doc('o1').remove();
  await t.rollback();
  type Raw = { collection(n: string): { where(q: object): { updateAndReturn(d: object): Promise<unknown> } } };
  await (db as unknown as { _db: Raw })._db.collection('products').where({ _id: 'c3' }).updateAndReturn({ stock: _.inc(5) });
}

let recorded: Exchange[];

beforeAll(async () => {
  const s = await startDbServer(MANIFEST, { now: () => NOW });
  try {
    await scenario(s);
    recorded = normalize(s.exchanges) as Exchange[];
  } finally {
    await s.close();
  }
  if (RECORD) writeFileSync(FIXTURE, JSON.stringify(recorded, null, 2) + '\n');
});

const fixture = (): Exchange[] => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Exchange[];

test('the pinned SDK sends the recorded request bodies and accepts the recorded replies', () => {
  expect(recorded).toEqual(fixture());
});

test('CloudDatabase.handle answers every recorded request with the recorded reply', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cactus-contract-'));
  const db = new CloudDatabase({ file: join(dir, 'db.sqlite'), manifest: MANIFEST, now: () => NOW });
  try {
    let transactionId = '';
    for (const { request, reply } of fixture()) {
      const body = request.transactionId ? { ...request, transactionId } : request;
      const actual = await db.handle(body);
      if (typeof actual.transactionId === 'string') transactionId = actual.transactionId;
      expect({ action: request.action, reply: normalize(actual) }).toEqual({ action: request.action, reply });
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the fixture covers every database action the emulator implements', () => {
  const actions = new Set(fixture().map((e) => e.request.action));
  expect([...actions].sort()).toEqual(
    [
      'database.addCollection',
      'database.aggregateDocuments',
      'database.calculateDocument',
      'database.commitTransaction',
      'database.abortTransaction',
      'database.getDocument',
      'database.insertDocument',
      'database.modifyAndReturnDoc',
      'database.modifyDocument',
      'database.removeDocument',
      'database.startTransaction',
    ].sort(),
  );
});
