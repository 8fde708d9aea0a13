/**
 * The emulator builds its database from cloudfunctions/collections.json, the same manifest
 * `npm run deploy` sends to the cloud: so an index missing from it is missing here too. The
 * (buyerOpenId, requestId) unique index is what stops a second order for one placement when two
 * retries race past the "already placed?" read (cloudfunctions/orders/checkout.ts, round trip 3):
 * with the manifest as it is, the database refuses that duplicate write.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseManifest } from '../../emulator/database';
import { DbServer, failure, startDbServer } from './dbServer';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cloudfunctions', 'collections.json'), 'utf8')) as DatabaseManifest;

let s: DbServer;
beforeAll(async () => {
  s = await startDbServer(manifest);
});
afterAll(() => s.close());

const order = (buyerOpenId: string, requestId: string) => ({ buyerOpenId, requestId, shopId: 'shop-1', state: 'to_pay', createdAt: 1 });

test('the manifest declares orders (buyerOpenId, requestId) unique', () => {
  const orders = manifest.collections.find((collection) => collection.name === 'orders');
  expect(orders?.indexes).toContainEqual({ name: 'buyer_request', keys: { buyerOpenId: 1, requestId: 1 }, unique: true });
});

test('a second order for the same buyer and requestId is refused as a duplicate key, whatever its _id', async () => {
  const orders = s.sdb.collection('orders');
  await orders.add({ data: { _id: 'first', ...order('amy', 'req-1') } });
  const err = await failure(orders.add({ data: { _id: 'second', ...order('amy', 'req-1') } }));
  expect(err.errMsg).toMatch(/E11000 duplicate key.*buyer_request/);
  expect((await orders.where({ buyerOpenId: 'amy', requestId: 'req-1' }).get()).data.map((doc) => doc._id)).toEqual(['first']);
});

test('the same requestId from another buyer, or another requestId from the same buyer, is another order', async () => {
  const orders = s.sdb.collection('orders');
  await orders.add({ data: { _id: 'bob-1', ...order('bob', 'req-1') } });
  await orders.add({ data: { _id: 'amy-2', ...order('amy', 'req-2') } });
  expect((await orders.where({ requestId: 'req-1', buyerOpenId: 'bob' }).get()).data.map((doc) => doc._id)).toEqual(['bob-1']);
  expect((await orders.where({ requestId: 'req-2', buyerOpenId: 'amy' }).get()).data.map((doc) => doc._id)).toEqual(['amy-2']);
});
