/** Aggregation pipelines through the unmodified wx-server-sdk. */
import { DbServer, failure, startDbServer } from './dbServer';

let s: DbServer;

beforeAll(async () => {
  s = await startDbServer({ collections: [{ name: 'orders' }, { name: 'shops' }, { name: 'events' }] });
  await s.sdb.collection('shops').add({ data: [{ _id: 's1', name: 'Desert Rose' }, { _id: 's2', name: 'Spine & Co' }] });
  await s.sdb.collection('orders').add({
    data: [
      { _id: 'o1', shopId: 's1', amount: 1200, status: 'paid', items: [{ sku: 'a', qty: 1 }] },
      { _id: 'o2', shopId: 's1', amount: 800, status: 'paid', items: [{ sku: 'b', qty: 2 }, { sku: 'c', qty: 1 }] },
      { _id: 'o3', shopId: 's2', amount: 5000, status: 'paid', items: [{ sku: 'a', qty: 3 }] },
      { _id: 'o4', shopId: 's2', amount: 300, status: 'cancelled', items: [] },
    ],
  });
  await s.sdb.collection('events').add({ data: Array.from({ length: 30 }, (_unused, i) => ({ i })) });
});
afterAll(() => s.close());

const orders = () => s.sdb.collection('orders');

test('match, group and sort total the paid amount per shop', async () => {
  const $ = s.sdb.command.aggregate;
  const { list } = await orders()
    .aggregate()
    .match({ status: 'paid' })
    .group({ _id: '$shopId', total: $.sum('$amount'), count: $.sum(1) })
    .sort({ total: -1 })
    .end();
  expect(list).toEqual([
    { _id: 's2', total: 5000, count: 1 },
    { _id: 's1', total: 2000, count: 2 },
  ]);
});

test('match accepts query commands, like where()', async () => {
  const _ = s.sdb.command;
  const { list } = await orders().aggregate().match({ amount: _.gte(1000) }).project({ _id: 1 }).end();
  expect(list).toEqual([{ _id: 'o1' }, { _id: 'o3' }]);
});

test('lookup joins another collection and project reshapes the result', async () => {
  const $ = s.sdb.command.aggregate;
  const { list } = await orders()
    .aggregate()
    .match({ _id: 'o1' })
    .lookup({ from: 'shops', localField: 'shopId', foreignField: '_id', as: 'shop' })
    .project({ _id: 0, amount: 1, shopName: $.arrayElemAt(['$shop.name', 0]) })
    .end();
  expect(list).toEqual([{ amount: 1200, shopName: 'Desert Rose' }]);
});

test('unwind, skip, limit and count work as pipeline stages', async () => {
  const $ = s.sdb.command.aggregate;
  const units = await orders()
    .aggregate()
    .unwind('$items')
    .group({ _id: '$items.sku', qty: $.sum('$items.qty') })
    .sort({ _id: 1 })
    .skip(1)
    .limit(5)
    .end();
  expect(units.list).toEqual([{ _id: 'b', qty: 2 }, { _id: 'c', qty: 1 }]);
  const counted = await orders().aggregate().match({ status: 'paid' }).count('n').end();
  expect(counted.list).toEqual([{ n: 3 }]);
});

test('without a limit stage an aggregation returns at most 20 results', async () => {
  expect((await s.sdb.collection('events').aggregate().match({}).end()).list).toHaveLength(20);
  expect((await s.sdb.collection('events').aggregate().limit(100).end()).list).toHaveLength(30);
});

test('an invalid stage is answered with a database error, not a crash', async () => {
  // wx-server-sdk's aggregate() passes the TcbError through without mapping its code to errCode.
  const err = await failure(orders().aggregate().group({ total: 1 }).end());
  expect(err.errMsg).toMatch(/invalid aggregation/);
});
