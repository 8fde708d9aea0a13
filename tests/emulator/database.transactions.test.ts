/**
 * Atomic conditional updates and multi-document transactions under concurrency, through the
 * unmodified wx-server-sdk (whose runTransaction retries on DATABASE_TRANSACTION_CONFLICT).
 */
import { DbServer, failure, SdkTransaction, startDbServer } from './dbServer';

let clock = Date.UTC(2025, 0, 1);
let s: DbServer;

beforeAll(async () => {
  s = await startDbServer(
    { collections: [{ name: 'products' }, { name: 'accounts' }, { name: 'orders' }] },
    { now: () => clock, transactionTimeoutMs: 10_000 },
  );
});
afterAll(() => s.close());

beforeEach(async () => {
  const _ = s.sdb.command;
  for (const name of ['products', 'accounts', 'orders']) await s.sdb.collection(name).where({ _id: _.exists(true) }).remove();
});

const stockOf = async (id: string) => (await s.sdb.collection('products').doc(id).get()).data.stock as number;

test('a conditional decrement never takes stock below zero under 200 concurrent buyers', async () => {
  const _ = s.sdb.command;
  await s.sdb.collection('products').add({ data: { _id: 'hot', stock: 50 } });
  const results = await Promise.all(
    Array.from({ length: 200 }, () =>
      s.sdb.collection('products').where({ _id: 'hot', stock: _.gte(1) }).update({ data: { stock: _.inc(-1) } }),
    ),
  );
  expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(50);
  expect(await stockOf('hot')).toBe(0);
});

test('20 concurrent read-modify-write transactions never lose an update', async () => {
  await s.sdb.collection('products').add({ data: { _id: 'counter', stock: 0 } });
  const attempts = { n: 0 };
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, () =>
      s.sdb.runTransaction(async (t: SdkTransaction) => {
        attempts.n++;
        const { data } = await t.collection('products').doc('counter').get();
        await t.collection('products').doc('counter').update({ data: { stock: data.stock + 1 } });
      }, 100),
    ),
  );
  expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
  expect(await stockOf('counter')).toBe(20);
  expect(attempts.n).toBeGreaterThan(20); // conflicts happened and were retried
});

test('with the default 3 retries, every committed transaction is counted exactly once', async () => {
  await s.sdb.collection('products').add({ data: { _id: 'counter', stock: 0 } });
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, () =>
      s.sdb.runTransaction(async (t: SdkTransaction) => {
        const { data } = await t.collection('products').doc('counter').get();
        await t.collection('products').doc('counter').update({ data: { stock: data.stock + 1 } });
      }),
    ),
  );
  const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
  expect(committed).toBeGreaterThan(0);
  expect(await stockOf('counter')).toBe(committed);
  for (const o of outcomes) if (o.status === 'rejected') expect(o.reason.code).toBe('DATABASE_TRANSACTION_CONFLICT');
});

test('a write by someone else after the transaction started makes its commit conflict and retry', async () => {
  await s.sdb.collection('products').add({ data: { _id: 'p', stock: 10 } });
  const _ = s.sdb.command;
  let attempt = 0;
  const result = await s.sdb.runTransaction(async (t: SdkTransaction) => {
    attempt++;
    const { data } = await t.collection('products').doc('p').get();
    if (attempt === 1) await s.sdb.collection('products').doc('p').update({ data: { stock: _.inc(-3) } });
    await t.collection('products').doc('p').update({ data: { stock: data.stock - 1 } });
    return data.stock;
  });
  expect(attempt).toBe(2);
  expect(result).toBe(7);
  expect(await stockOf('p')).toBe(6);
});

test('a transaction moves money between accounts atomically', async () => {
  await s.sdb.collection('accounts').add({ data: [{ _id: 'a', balance: 100 }, { _id: 'b', balance: 0 }] });
  const _ = s.sdb.command;
  await s.sdb.runTransaction(async (t: SdkTransaction) => {
    await t.collection('accounts').doc('a').update({ data: { balance: _.inc(-30) } });
    await t.collection('accounts').doc('b').update({ data: { balance: _.inc(30) } });
    await t.collection('orders').add({ data: { _id: 'o1', amount: 30 } });
  });
  const { data } = await s.sdb.collection('accounts').orderBy('_id', 'asc').get();
  expect(data.map((d) => d.balance)).toEqual([70, 30]);
  expect((await s.sdb.collection('orders').doc('o1').get()).data.amount).toBe(30);
});

test('an error thrown inside runTransaction rolls every write back and rejects with it', async () => {
  await s.sdb.collection('accounts').add({ data: { _id: 'a', balance: 100 } });
  const _ = s.sdb.command;
  const run = s.sdb.runTransaction(async (t: SdkTransaction) => {
    await t.collection('accounts').doc('a').update({ data: { balance: _.inc(-30) } });
    await t.collection('orders').add({ data: { _id: 'o1' } });
    throw new Error('payment declined');
  });
  await expect(run).rejects.toThrow('payment declined');
  expect((await s.sdb.collection('accounts').doc('a').get()).data.balance).toBe(100);
  expect((await s.sdb.collection('orders').count()).total).toBe(0);
});

test('transaction.rollback() discards the writes and rejects with the given reason', async () => {
  await s.sdb.collection('accounts').add({ data: { _id: 'a', balance: 100 } });
  const run = s.sdb.runTransaction(async (t: SdkTransaction) => {
    await t.collection('accounts').doc('a').update({ data: { balance: 0 } });
    await t.rollback('insufficient funds');
  });
  await expect(run).rejects.toBe('insufficient funds');
  expect((await s.sdb.collection('accounts').doc('a').get()).data.balance).toBe(100);
});

test('inside a transaction reads see a snapshot plus the transaction’s own writes', async () => {
  await s.sdb.collection('products').add({ data: [{ _id: 'p', stock: 10 }, { _id: 'q', stock: 1 }] });
  const t = await s.sdb.startTransaction();
  expect((await t.collection('products').doc('p').get()).data.stock).toBe(10);
  await s.sdb.collection('products').doc('p').update({ data: { stock: 99 } });
  await s.sdb.collection('products').doc('q').remove();
  await s.sdb.collection('products').add({ data: { _id: 'late', stock: 5 } });
  expect((await t.collection('products').doc('p').get()).data.stock).toBe(10);
  expect((await t.collection('products').doc('q').get()).data.stock).toBe(1);
  await t.collection('products').doc('q').update({ data: { stock: 2 } });
  await t.collection('products').add({ data: { _id: 'mine', stock: 3 } });
  expect((await t.collection('products').doc('q').get()).data.stock).toBe(2);
  const seen = await t.collection('products').where({}).get();
  expect(seen.data.map((d) => d._id).sort()).toEqual(['mine', 'p', 'q']);
  // Outside, nothing of the transaction is visible before commit.
  expect((await s.sdb.collection('products').where({ _id: 'mine' }).count()).total).toBe(0);
  await t.rollback();
});

test('startTransaction() writes become visible together at commit()', async () => {
  await s.sdb.collection('products').add({ data: { _id: 'p', stock: 10 } });
  const t = await s.sdb.startTransaction();
  await t.collection('products').doc('p').update({ data: { stock: 9 } });
  await t.collection('orders').doc('o9').set({ data: { qty: 1 } });
  expect(await stockOf('p')).toBe(10);
  await t.commit();
  expect(await stockOf('p')).toBe(9);
  expect((await s.sdb.collection('orders').doc('o9').get()).data).toEqual({ _id: 'o9', qty: 1 });
});

test('a document removed inside a transaction disappears only at commit', async () => {
  await s.sdb.collection('orders').add({ data: { _id: 'gone' } });
  const t = await s.sdb.startTransaction();
  expect((await t.collection('orders').doc('gone').remove()).stats.removed).toBe(1);
  expect((await s.sdb.collection('orders').count()).total).toBe(1);
  await t.commit();
  expect((await s.sdb.collection('orders').count()).total).toBe(0);
});

test('a transaction that outlives its time limit expires and can no longer commit', async () => {
  await s.sdb.collection('products').add({ data: { _id: 'p', stock: 10 } });
  const t = await s.sdb.startTransaction();
  await t.collection('products').doc('p').update({ data: { stock: 0 } });
  clock += 10_001;
  const err = await failure(t.commit());
  expect(err.code).toBe('DATABASE_REQUEST_FAILED');
  expect(String((err as unknown as Error).message)).toMatch(/expired/);
  expect(await stockOf('p')).toBe(10);
});
