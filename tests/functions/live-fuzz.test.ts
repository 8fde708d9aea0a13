// Random payloads and callers for every action of the live function, and for orders.place from a
// live show: each reply is ok or an error its contract names, never a crash, and a refused call
// changes no show, no order and no shelf stock. Then calls at and past the platform's size and
// depth limits. A separate emulator, since whatever the owner, staff and streamers are randomly
// allowed to do (schedule, edit, start, end, cancel, pin, restock) really happens.
import fc from 'fast-check';
import { near, nearBy, orAnything, within } from '../support/fuzz';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, addStreamers, OTHER_STREAMER, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { expectContractReply } from '../support/replies';
import { OVERSIZED_RUNS, bodyOf, callRaw, expectTypedAnswer, oversizedCalls } from '../support/oversized';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { liveContract, ordersContract, type ActionName } from '@core/contracts';
import type { ProductDoc } from '@core/model';

type LiveAction = ActionName<typeof liveContract>;
const RUNS_PER_ACTION = 40;
const MINUTE = 60_000;
const FINDER = 'sphFuzzLaozhang';
/** A streamer of the shop the fixture shows are not assigned to. */
const BUYERS = ['fuzz-live-buyer-1', 'fuzz-live-buyer-2'] as const;

// Two products in shows and one off the shelf, SKUs a (¥10) and b (¥30), with far more on the
// shelf than random orders can take; ids known up front.
const PRODUCTS = { a: 'fuzz-live-a', b: 'fuzz-live-b', off: 'fuzz-live-off' } as const;
/** Shows made before each action's run: one scheduled, one on air with a pinned capped item, one ended, one called off. */
const SHOW_IDS: string[] = [];

const shopId = near(fc.constantFrom(DEMO_SHOP_ID, DEMO_SHOP_ID, OTHER_SHOP_ID, 'no-such-shop'));
// The newest shows most often (the ones in the state the fixture made them), any older one, or none.
const showId = near(
  fc.oneof(
    { weight: 4, arbitrary: fc.nat({ max: 3 }).map((n) => SHOW_IDS[Math.max(0, SHOW_IDS.length - 4) + n] ?? 'nope') },
    { weight: 2, arbitrary: fc.nat().map((n) => SHOW_IDS[n % Math.max(1, SHOW_IDS.length)] ?? 'nope') },
    { weight: 1, arbitrary: fc.constantFrom('nope', '') },
  ),
);
const itemId = near(fc.constantFrom('i1', 'i1', 'i2', 'i3', 'i99', ''));
/** For fields inside a show's items or an order's lines: one odd value in a whole payload is enough. */
const rarely = nearBy(30);
const minutesFromNow = (min: number, max: number) => fc.integer({ min, max }).map((minutes) => Date.now() + minutes * MINUTE);
// Mostly goods of the shop with a live price below the shelf's and caps that fit; now and then a
// product of another shop or off the shelf, an unknown SKU, a price of nothing, a cap just off.
const liveItem = fc.record(
  {
    productId: rarely(fc.constantFrom(PRODUCTS.a, PRODUCTS.a, PRODUCTS.a, PRODUCTS.b, PRODUCTS.off, 'other-honey', 'larou', 'nope')),
    skuId: fc.oneof({ weight: 30, arbitrary: fc.constantFrom('a', 'b') }, { weight: 1, arbitrary: fc.constantFrom('nope', '') }),
    livePriceLi: fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 1, max: 30_000 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 1e12) }),
    limitPerBuyer: fc.option(fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 1, max: 10 }) }, { weight: 1, arbitrary: fc.constant(0) })),
    stockCap: fc.option(fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 1, max: 1_000 }) }, { weight: 1, arbitrary: fc.constant(0) })),
  },
  { requiredKeys: ['productId', 'skuId', 'livePriceLi'] },
);
const show = near(
  fc.record(
    {
      title: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('长白山林下参专场', '今晚腊肉专场') }, { weight: 1, arbitrary: fc.string({ maxLength: 50 }) }),
      startAt: fc.oneof({ weight: 4, arbitrary: minutesFromNow(-5, 600) }, { weight: 1, arbitrary: minutesFromNow(-600, -11) }),
      streamerOpenIds: fc.oneof(
        { weight: 4, arbitrary: fc.constant([PEOPLE.streamer]) },
        { weight: 2, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.constantFrom([OTHER_STREAMER], [PEOPLE.stranger], [PEOPLE.staff, PEOPLE.streamer], ['x'.repeat(70)]) },
      ),
      items: fc.oneof({ weight: 30, arbitrary: fc.array(liveItem, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant([]) }),
    },
    { requiredKeys: ['title', 'startAt', 'items'] },
  ),
);
const settings = near(
  fc.record({
    finderUserName: fc.oneof({ weight: 6, arbitrary: fc.constant(FINDER) }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.string({ maxLength: 80 }) }),
    autoEndMinutes: within(30, 24 * 60),
  }),
);
const page = { state: near(fc.constantFrom('scheduled', 'live', 'ended', 'cancelled')), cursor: near(fc.constantFrom('0', '1', '20', '999999', 'x', '-3', '0.5', 'Infinity', '')), limit: near(within(1, 50)) };

const PAYLOADS: Record<LiveAction, fc.Arbitrary<unknown>> = {
  liveSettings: orAnything(fc.record({ shopId })),
  saveLiveSettings: orAnything(fc.record({ shopId, settings })),
  createShow: orAnything(fc.record({ shopId, show })),
  updateShow: orAnything(fc.record({ showId, show, expectedUpdatedAt: near(fc.integer({ min: 0, max: Date.now() + 600 * MINUTE })) }, { requiredKeys: ['showId', 'show'] })),
  cancelShow: orAnything(fc.record({ showId })),
  listShows: orAnything(fc.record({ shopId, ...page }, { requiredKeys: ['shopId'] })),
  vendorShow: orAnything(fc.record({ showId })),
  startShow: orAnything(fc.record({ showId })),
  endShow: orAnything(fc.record({ showId })),
  pin: orAnything(fc.record({ showId, itemId: fc.option(itemId) })),
  setItemOn: orAnything(fc.record({ showId, itemId, on: near(fc.boolean()) })),
  restock: orAnything(fc.record({ showId, itemId, quantity: near(within(1, 100_000)) })),
  dashboard: orAnything(fc.record({ showId })),
  links: orAnything(fc.record({ showId, itemId }, { requiredKeys: ['showId'] })),
  liveShow: orAnything(fc.record({ showId })),
  pulse: orAnything(fc.record({ showId })),
};

// The people who may run shows come up more often; then anyone, and no one.
const caller = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<string | undefined>(PEOPLE.owner, PEOPLE.staff, PEOPLE.streamer) },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>(...Object.values(PEOPLE), OTHER_STREAMER, ...BUYERS, 'test-random-user', undefined) },
);

const address = { name: '王阿姨', phone: '13800138000', province: '吉林省', city: '白山市', district: '抚松县', detail: '人参市场 1 号' };
/** A buyer's order from the live page, mostly as the page sends it; now and then a total the page showed earlier, or a campaign with it. */
const livePlace = orAnything(
  fc
    .tuple(
      fc.record({
        shopId: nearBy(20)(fc.constantFrom(DEMO_SHOP_ID, DEMO_SHOP_ID, DEMO_SHOP_ID, OTHER_SHOP_ID)),
        liveShowId: showId,
        lines: fc.array(fc.record({ productId: rarely(fc.constantFrom(PRODUCTS.a, PRODUCTS.a, PRODUCTS.a, PRODUCTS.b, PRODUCTS.off, 'other-honey', 'nope')), skuId: rarely(fc.constantFrom('a', 'a', 'b')), quantity: rarely(fc.integer({ min: 1, max: 3 })) }), { minLength: 1, maxLength: 2 }),
        fulfilment: fc.constant({ kind: 'express', address }),
        payment: rarely(fc.constant('offline')),
        source: rarely(fc.record({ ref: fc.constant(null), scene: fc.constantFrom(1176, 1008, 1154, 1047, 1001) })),
      }),
      fc.oneof({ weight: 10, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.record({ expectedTotalFen: fc.integer({ min: 0, max: 10_000 }) }) }, { weight: 1, arbitrary: fc.constant({ campaignId: 'any-campaign' }) }),
    )
    .map(([payload, extra]) => ({ ...payload, ...extra })),
);
const buyer = fc.oneof({ weight: 4, arbitrary: fc.constantFrom<string | undefined>(...BUYERS) }, { weight: 1, arbitrary: fc.constantFrom<string | undefined>(PEOPLE.owner, PEOPLE.streamer, undefined) });

describe('live function under random input', () => {
  let emu: TestEmulator;
  let seq = 0;
  const call = (fn: string, action: string, payload: unknown, openid?: string) => emu.reply(fn, { action, payload, requestId: `fuzz-lv-${++seq}` }, openid);
  const stock = () => (emu.db.find('products', {}) as unknown as ProductDoc[]).map((product) => ({ id: product._id, stock: product.skus.map((sku) => sku.stock) }));
  const snapshot = () => ({ shows: emu.db.find('liveShows'), orders: emu.db.find('orders'), shop: emu.db.find('shops', { _id: DEMO_SHOP_ID }), stock: stock() });

  /** Fresh shows in every state, so each action's run meets them whatever the runs before did; the settings as the fixture wants them. */
  async function freshShows(): Promise<void> {
    expect((await call('live', 'saveLiveSettings', { shopId: DEMO_SHOP_ID, settings: { finderUserName: FINDER, autoEndMinutes: 240 } }, PEOPLE.owner)).ok).toBe(true);
    const items = [
      { productId: PRODUCTS.a, skuId: 'a', livePriceLi: 8_000, limitPerBuyer: 2, stockCap: 50 },
      { productId: PRODUCTS.b, skuId: 'b', livePriceLi: 20_000, limitPerBuyer: null, stockCap: null },
    ];
    const create = async () => {
      const created = await call('live', 'createShow', { shopId: DEMO_SHOP_ID, show: { title: '长白山林下参专场', startAt: Date.now() + 30 * MINUTE, streamerOpenIds: [PEOPLE.streamer], items } }, PEOPLE.owner);
      expect(created.ok).toBe(true);
      return created.data.show.id as string;
    };
    const [scheduled, onAir, ended, cancelled] = [await create(), await create(), await create(), await create()];
    for (const [action, payload] of [
      ['startShow', { showId: onAir }],
      ['pin', { showId: onAir, itemId: 'i1' }],
      ['startShow', { showId: ended }],
      ['endShow', { showId: ended }],
      ['cancelShow', { showId: cancelled }],
    ] as const) {
      expect((await call('live', action, payload, PEOPLE.owner)).ok).toBe(true);
    }
    SHOW_IDS.push(scheduled, onAir, ended, cancelled);
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    addStreamers(emu);
    const skus = [
      { id: 'a', spec: '小份', priceLi: 10_000, stock: 100_000, tiers: [], minQty: 1, stepQty: 1 },
      { id: 'b', spec: '大份', priceLi: 30_000, stock: 100_000, tiers: [], minQty: 1, stepQty: 1 },
    ];
    insertProduct(emu, 100_000, { _id: PRODUCTS.a, skus });
    insertProduct(emu, 100_000, { _id: PRODUCTS.b, skus });
    insertProduct(emu, 100_000, { _id: PRODUCTS.off, status: 'off_shelf' });
  }, 60_000);
  afterAll(() => emu.close());

  it.each(Object.keys(PAYLOADS) as LiveAction[])('%s answers only ok or an error its contract names, never INTERNAL, and a refusal changes nothing', async (action) => {
    await freshShows();
    await fc.assert(
      fc.asyncProperty(PAYLOADS[action], caller, async (payload, openid) => {
        const before = snapshot();
        const reply = await call('live', action, payload, openid);
        expectContractReply(liveContract, action, reply);
        if (!reply.ok) expect(snapshot()).toEqual(before);
      }),
      { numRuns: RUNS_PER_ACTION },
    );
    // Nothing got past the handler as a crash of the function itself.
    expect(emu.logs.filter((line) => line.includes('function live'))).toEqual([]);
  });

  it('orders.place from a live show answers only ok or an error the orders contract names, and a refusal changes no show, no order and no stock', async () => {
    await freshShows();
    await fc.assert(
      fc.asyncProperty(livePlace, buyer, async (payload, openid) => {
        const before = snapshot();
        const reply = await call('orders', 'place', payload, openid);
        expectContractReply(ordersContract, 'place', reply);
        if (!reply.ok) expect(snapshot()).toEqual(before);
      }),
      { numRuns: 120 },
    );
    expect(emu.logs.filter((line) => line.includes('function orders'))).toEqual([]);
  }, 120_000);

  it('answers calls nested too deep, too large or right at the limits with a typed refusal or reply, changes nothing it refuses, and serves on', async () => {
    await freshShows();
    await fc.assert(
      fc.asyncProperty(oversizedCalls(PAYLOADS), caller, async (oversized, openid) => {
        const before = snapshot();
        if (expectTypedAnswer(liveContract, oversized, await callRaw(emu, bodyOf('live', oversized), openid))) expect(snapshot()).toEqual(before);
      }),
      { numRuns: OVERSIZED_RUNS },
    );
    expect((await call('live', 'pulse', { showId: SHOW_IDS.at(-3) })).ok).toBe(true);
  }, 120_000);
});
