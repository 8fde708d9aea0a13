/** Equality on a unique index's fields finds the document through the index: same answers as a scan. */
import type { DatabaseManifest } from '../../emulator/database';
import { DbServer, startDbServer } from './dbServer';

const MANIFEST: DatabaseManifest = {
  collections: [{ name: 'orders', indexes: [{ name: 'buyer_request', keys: { buyerOpenId: 1, 'ref.requestId': 1 }, unique: true }] }],
};

let s: DbServer;
beforeAll(async () => {
  s = await startDbServer(MANIFEST);
  await s.sdb.collection('orders').add({
    data: [
      { _id: 'o1', buyerOpenId: 'amy', ref: { requestId: 'r1' }, state: 'to_pay' },
      { _id: 'o2', buyerOpenId: 'amy', ref: { requestId: 'r2' }, state: 'paid' },
      { _id: 'o3', buyerOpenId: 'bob', ref: { requestId: 'r1' }, state: 'to_pay' },
      { _id: 'o4', buyerOpenId: 'bob', ref: { requestId: 7 }, state: 'to_pay' },
    ],
  });
});
afterAll(() => s.close());

const ids = async (query: object) => (await s.sdb.collection('orders').where(query).get()).data.map((doc) => doc._id);

test('a query naming every field of a unique index finds exactly the document holding that key', async () => {
  expect(await ids({ buyerOpenId: 'amy', ref: { requestId: 'r2' } })).toEqual(['o2']);
  expect(await ids({ buyerOpenId: 'bob', 'ref.requestId': 'r1' })).toEqual(['o3']);
  expect(await ids({ buyerOpenId: 'bob', 'ref.requestId': 7 })).toEqual(['o4']);
});

test('the other conditions of such a query still apply, and an unknown key finds nothing', async () => {
  expect(await ids({ buyerOpenId: 'amy', 'ref.requestId': 'r1', state: 'paid' })).toEqual([]);
  expect(await ids({ buyerOpenId: 'amy', 'ref.requestId': 'r1', state: 'to_pay' })).toEqual(['o1']);
  expect(await ids({ buyerOpenId: 'amy', 'ref.requestId': 'r9' })).toEqual([]);
  expect(await ids({ buyerOpenId: 'bob', 'ref.requestId': '7' })).toEqual([]);
});

test('the lookup follows updates and removals, and queries on part of the index still scan', async () => {
  await s.sdb.collection('orders').doc('o1').update({ data: { ref: { requestId: 'r1b' } } });
  expect(await ids({ buyerOpenId: 'amy', 'ref.requestId': 'r1' })).toEqual([]);
  expect(await ids({ buyerOpenId: 'amy', 'ref.requestId': 'r1b' })).toEqual(['o1']);
  await s.sdb.collection('orders').doc('o3').remove();
  expect(await ids({ buyerOpenId: 'bob', 'ref.requestId': 'r1' })).toEqual([]);
  expect(await ids({ buyerOpenId: 'amy' })).toEqual(['o1', 'o2']);
});
