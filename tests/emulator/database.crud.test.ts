/**
 * Documents, queries and updates through the unmodified wx-server-sdk, over real HTTP, against a
 * real SQLite file.
 */
import { DbServer, failure, startDbServer } from './dbServer';

const FROZEN_NOW = Date.UTC(2025, 0, 15, 8, 0, 0);
let s: DbServer;

beforeAll(async () => {
  s = await startDbServer(
    {
      collections: [
        { name: 'products' },
        { name: 'many' },
        { name: 'users', indexes: [{ name: 'phone_unique', keys: { phone: 1 }, unique: true }] },
      ],
    },
    { now: () => FROZEN_NOW },
  );
});
afterAll(() => s.close());

const products = () => s.sdb.collection('products');
const _ = () => s.sdb.command;

beforeEach(async () => {
  await products().where({ _id: _().exists(true) }).remove();
  const seed = [
    { _id: 'p1', name: 'Golden barrel', price: 1200, stock: 5, tags: ['round', 'spiny'], size: { h: 10, w: 8 }, shopId: 's1', status: 'on' },
    { _id: 'p2', name: 'Bunny ears', price: 800, stock: 0, tags: ['flat'], size: { h: 6, w: 12 }, shopId: 's1', status: 'on' },
    { _id: 'p3', name: 'Saguaro', price: 5000, stock: 1, tags: ['tall', 'spiny'], size: { h: 90, w: 20 }, shopId: 's2', status: 'off' },
    { _id: 'p4', name: 'Moon cactus', price: 950, stock: 12, tags: [], size: { h: 8, w: 8 }, shopId: 's2', status: 'on', grafted: true },
  ];
  await products().add({ data: seed });
});

const ids = (docs: { _id?: unknown }[]) => docs.map((d) => d._id);
type Raw = { collection(name: string): { where(q: object): { updateAndReturn(d: object): Promise<{ updated: number; doc: unknown }> } } };

describe('documents', () => {
  test('add() stores a document under a generated 32-hex _id and doc().get() reads it back', async () => {
    const { _id } = await products().add({ data: { name: 'Echeveria', price: 300 } });
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    const { data } = await products().doc(_id).get();
    expect(data).toEqual({ _id, name: 'Echeveria', price: 300 });
  });

  test('add() of an array inserts every document and returns their ids in order', async () => {
    const { _ids } = await products().add({ data: [{ _id: 'a1', n: 1 }, { n: 2 }] });
    expect(_ids).toHaveLength(2);
    expect(_ids[0]).toBe('a1');
    expect(await products().where({ n: _().exists(true) }).count()).toMatchObject({ total: 2 });
  });

  test('a client-given _id that already exists is rejected as a duplicate key', async () => {
    const err = await failure(products().add({ data: { _id: 'p1', name: 'again' } }));
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toMatch(/E11000 duplicate key/);
  });

  test('doc().get() of a missing document rejects, or answers null with throwOnNotFound: false', async () => {
    const err = await failure(products().doc('nope').get());
    expect(String(err.errMsg ?? err)).toMatch(/does not exist/);
    const lenient = s.database({ throwOnNotFound: false });
    expect((await lenient.collection('products').doc('nope').get()).data).toBeNull();
  });

  test('doc().set() replaces the whole document, and creates it when missing', async () => {
    const replaced = await products().doc('p1').set({ data: { name: 'Renamed' } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await products().doc('p1').get()).data).toEqual({ _id: 'p1', name: 'Renamed' });
    const created = await products().doc('new').set({ data: { name: 'Fresh' } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    expect((await products().doc('new').get()).data).toEqual({ _id: 'new', name: 'Fresh' });
  });

  test('doc().update() merges nested objects field by field instead of replacing them', async () => {
    await products().doc('p1').update({ data: { size: { h: 11 }, note: 'repotted' } });
    const { data } = await products().doc('p1').get();
    expect(data.size).toEqual({ h: 11, w: 8 });
    expect(data.note).toBe('repotted');
  });

  test('an update that changes nothing reports updated: 0', async () => {
    const res = await products().doc('p1').update({ data: { price: 1200 } });
    expect(res.stats.updated).toBe(0);
  });

  test('doc().remove() deletes one document and where().remove() deletes all matches', async () => {
    expect((await products().doc('p1').remove()).stats.removed).toBe(1);
    expect((await products().where({ shopId: 's2' }).remove()).stats.removed).toBe(2);
    expect(ids((await products().get()).data)).toEqual(['p2']);
  });

  test('where().update() updates every match and reports how many changed', async () => {
    const res = await products().where({ shopId: 's1' }).update({ data: { status: 'paused' } });
    expect(res.stats.updated).toBe(2);
    expect(ids((await products().where({ status: 'paused' }).get()).data)).toEqual(['p1', 'p2']);
  });

  test('serverDate() is stamped with the server clock, offset included', async () => {
    await products().doc('p1').update({ data: { soldAt: s.sdb.serverDate(), due: s.sdb.serverDate({ offset: 60_000 }) } });
    const { data } = await products().doc('p1').get();
    expect(data.soldAt).toEqual(new Date(FROZEN_NOW));
    expect(data.due).toEqual(new Date(FROZEN_NOW + 60_000));
    const due = await products().where({ due: _().gt(s.sdb.serverDate()) }).get();
    expect(ids(due.data)).toEqual(['p1']);
  });

  test('Date values round-trip and compare as dates', async () => {
    await products().doc('p2').update({ data: { listedAt: new Date('2024-05-01T00:00:00Z') } });
    const res = await products().where({ listedAt: _().lt(new Date('2024-06-01T00:00:00Z')) }).get();
    expect(res.data[0].listedAt).toEqual(new Date('2024-05-01T00:00:00Z'));
  });
});

describe('queries', () => {
  const where = async (query: object) => ids((await products().where(query).get()).data);

  test('comparison operators select by value', async () => {
    expect(await where({ price: _().gte(950) })).toEqual(['p1', 'p3', 'p4']);
    expect(await where({ price: _().lt(950) })).toEqual(['p2']);
    expect(await where({ stock: _().neq(0), price: _().lte(1200) })).toEqual(['p1', 'p4']);
    expect(await where({ price: _().gt(900).and(_().lt(1000)) })).toEqual(['p4']);
  });

  test('_.in, _.nin, _.or, _.and, _.not and _.nor combine conditions', async () => {
    expect(await where({ _id: _().in(['p2', 'p4', 'zz']) })).toEqual(['p2', 'p4']);
    expect(await where({ shopId: _().nin(['s1']) })).toEqual(['p3', 'p4']);
    expect(await where({ stock: _().or(_().eq(0), _().gt(10)) })).toEqual(['p2', 'p4']);
    expect(await where(_().or([{ price: _().gt(4000) }, { grafted: true }]))).toEqual(['p3', 'p4']);
    expect(await where(_().and([{ shopId: 's1' }, { stock: _().gt(0) }]))).toEqual(['p1']);
    expect(await where({ price: _().not(_().gt(1000)) })).toEqual(['p2', 'p4']);
    expect(await where(_().nor([{ shopId: 's1' }, { status: 'off' }]))).toEqual(['p4']);
  });

  test('_.exists, _.size, _.all, _.elemMatch and _.mod inspect fields and arrays', async () => {
    expect(await where({ grafted: _().exists(true) })).toEqual(['p4']);
    expect(await where({ tags: _().size(0) })).toEqual(['p4']);
    expect(await where({ tags: _().all(['spiny', 'round']) })).toEqual(['p1']);
    expect(await where({ tags: _().elemMatch(_().eq('tall')) })).toEqual(['p3']);
    expect(await where({ stock: _().mod([5, 0]) })).toEqual(['p1', 'p2']);
  });

  test('an array field matches any element equal to the value', async () => {
    expect(await where({ tags: 'spiny' })).toEqual(['p1', 'p3']);
  });

  test('nested objects and dotted paths query inside sub-documents', async () => {
    expect(await where({ size: { h: _().gt(9) } })).toEqual(['p1', 'p3']);
    expect(await where({ 'size.w': 8 })).toEqual(['p1', 'p4']);
  });

  test('regular expressions match strings, from a JS RegExp or db.RegExp', async () => {
    expect(await where({ name: /cactus$/i })).toEqual(['p4']);
    expect(await where({ name: s.sdb.RegExp({ regexp: '^b', options: 'i' }) })).toEqual(['p2']);
  });

  test('orderBy sorts on one or several fields, skip and limit page the result', async () => {
    const byPrice = await products().orderBy('price', 'desc').get();
    expect(ids(byPrice.data)).toEqual(['p3', 'p1', 'p4', 'p2']);
    const page = await products().orderBy('shopId', 'asc').orderBy('price', 'asc').skip(1).limit(2).get();
    expect(ids(page.data)).toEqual(['p1', 'p4']);
  });

  test('without orderBy documents come back in insertion order', async () => {
    expect(ids((await products().get()).data)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  test('field() projects included or excluded fields, _id included by default', async () => {
    const included = await products().where({ _id: 'p1' }).field({ name: true, 'size.h': true }).get();
    expect(included.data).toEqual([{ _id: 'p1', name: 'Golden barrel', size: { h: 10 } }]);
    const excluded = await products().doc('p2').field({ tags: false, size: false, name: false }).get();
    expect(excluded.data).toEqual({ _id: 'p2', price: 800, stock: 0, shopId: 's1', status: 'on' });
  });

  test('count() counts every match, beyond any page size', async () => {
    expect((await products().where({ status: 'on' }).count()).total).toBe(3);
    expect((await products().count()).total).toBe(4);
  });
});

describe('limits', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 1100 }, (_unused, i) => ({ i }));
    for (let k = 0; k < docs.length; k += 200) await s.sdb.collection('many').add({ data: docs.slice(k, k + 200) });
  });

  test('get() without limit returns at most 100 documents', async () => {
    const res = await s.sdb.collection('many').get();
    expect(res.data).toHaveLength(100);
    expect(res.data[99].i).toBe(99);
  });

  test('limit() is capped at 1000 documents', async () => {
    expect((await s.sdb.collection('many').limit(1000).get()).data).toHaveLength(1000);
    expect((await s.sdb.collection('many').skip(1000).limit(1000).get()).data).toHaveLength(100);
  });
});

describe('update operators', () => {
  const after = async (data: Record<string, unknown>, id = 'p1') => {
    await products().doc(id).update({ data });
    return (await products().doc(id).get()).data;
  };

  test('_.inc, _.mul, _.min and _.max do arithmetic', async () => {
    expect((await after({ stock: _().inc(-2) })).stock).toBe(3);
    expect((await after({ price: _().mul(2) })).price).toBe(2400);
    expect((await after({ stock: _().min(1) })).stock).toBe(1);
    expect((await after({ stock: _().max(7) })).stock).toBe(7);
  });

  test('_.push, _.unshift, _.pop and _.shift edit arrays at either end', async () => {
    expect((await after({ tags: _().push(['a', 'b']) })).tags).toEqual(['round', 'spiny', 'a', 'b']);
    expect((await after({ tags: _().unshift(['z']) })).tags).toEqual(['z', 'round', 'spiny', 'a', 'b']);
    expect((await after({ tags: _().pop() })).tags).toEqual(['z', 'round', 'spiny', 'a']);
    expect((await after({ tags: _().shift() })).tags).toEqual(['round', 'spiny', 'a']);
  });

  test('_.push with each/position/slice/sort follows MongoDB modifiers', async () => {
    const doc = await after({ tags: _().push({ each: ['b', 'c'], position: 1, slice: 3 }) });
    expect(doc.tags).toEqual(['round', 'b', 'c']);
  });

  test('_.pull, _.pullAll and _.addToSet remove and add set-like elements', async () => {
    expect((await after({ tags: _().pull('spiny') })).tags).toEqual(['round']);
    expect((await after({ tags: _().addToSet('round') })).tags).toEqual(['round']);
    expect((await after({ tags: _().addToSet({ $each: ['x', 'y'] }) })).tags).toEqual(['round', 'x', 'y']);
    expect((await after({ tags: _().pullAll(['x', 'round']) })).tags).toEqual(['y']);
    expect((await after({ tags: _().pull(_().in(['y'])) })).tags).toEqual([]);
  });

  test('_.remove deletes a field, _.rename moves it, _.set replaces an object whole', async () => {
    expect(await after({ status: _().remove() })).not.toHaveProperty('status');
    const renamed = await after({ shopId: _().rename('storeId') });
    expect(renamed.storeId).toBe('s1');
    expect(renamed).not.toHaveProperty('shopId');
    expect((await after({ size: _().set({ h: 1 }) })).size).toEqual({ h: 1 });
  });

  test('updating a positional array element by index path works', async () => {
    expect((await after({ 'tags.1': 'smooth' })).tags).toEqual(['round', 'smooth']);
  });
});

describe('collections and indexes', () => {
  test('using a collection that does not exist fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
    const err = await failure(s.sdb.collection('ghosts').get());
    expect(err.errCode).toBe(-502005);
    expect(err.errMsg).toMatch(/Db or Table not exist/);
    expect((await failure(s.sdb.collection('ghosts').add({ data: { a: 1 } }))).errCode).toBe(-502005);
  });

  test('createCollection() makes a collection usable, and refuses to create it twice', async () => {
    await s.sdb.createCollection('orders');
    await s.sdb.collection('orders').add({ data: { _id: 'o1' } });
    expect((await s.sdb.collection('orders').count()).total).toBe(1);
    await expect(s.sdb.createCollection('orders')).rejects.toBeDefined();
  });

  test('a unique index rejects a second document with the same key, on insert and on update', async () => {
    const users = s.sdb.collection('users');
    await users.add({ data: { _id: 'u1', phone: '138' } });
    await users.add({ data: { _id: 'u2', phone: '139' } });
    expect((await failure(users.add({ data: { phone: '138' } }))).errMsg).toMatch(/E11000 duplicate key.*phone_unique/);
    expect((await failure(users.doc('u2').update({ data: { phone: '138' } }))).errCode).toBe(-502001);
    await users.doc('u1').update({ data: { phone: '137' } });
    await users.doc('u2').update({ data: { phone: '138' } });
    expect((await users.doc('u2').get()).data.phone).toBe('138');
  });
});

describe('updateAndReturn (database.modifyAndReturnDoc)', () => {
  // wx-server-sdk does not wrap updateAndReturn; its inner @cloudbase/database handle does.
  const raw = () => (s.sdb as unknown as { _db: Raw })._db;

  test('updates the first match and returns the updated document', async () => {
    const res = await raw().collection('products').where({ _id: 'p1', stock: _().gte(1) }).updateAndReturn({ stock: _().inc(-1) });
    expect(res.updated).toBe(1);
    expect(res.doc).toMatchObject({ _id: 'p1', stock: 4 });
  });

  test('returns no document when nothing matches', async () => {
    const res = await raw().collection('products').where({ _id: 'p2', stock: _().gte(1) }).updateAndReturn({ stock: _().inc(-1) });
    expect(res).toMatchObject({ updated: 0, doc: null });
  });
});
