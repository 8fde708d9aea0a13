// Random payloads and callers for every action of the goods function: each reply is ok or one of
// the errors the contract names for that action, never a crash, and a refused call changes
// nothing. A separate emulator, since whatever the owner is randomly allowed to do really happens.
import fc from 'fast-check';
import { nearBy, orAnything } from '../support/fuzz';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { goodsContract, type ActionName } from '@core/contracts';
import { expectContractReply } from '../support/replies';
import { OVERSIZED_RUNS, bodyOf, callRaw, expectTypedAnswer, oversizedCalls } from '../support/oversized';

type GoodsAction = ActionName<typeof goodsContract>;

const RUNS_PER_ACTION = 80;

// Mostly valid values, so calls get past validation into the handlers; now and then a field of
// any shape (near) or a whole payload of any shape. The bad-payload table in goods-access covers
// specific mistakes.
const near = nearBy(12);
const shopId = near(fc.constantFrom(DEMO_SHOP_ID, DEMO_SHOP_ID, OTHER_SHOP_ID, 'no-such-shop'));
const productId = near(fc.constantFrom('larou', 'lalian', 'heilaohu', 'other-honey', 'nope'));
const skuId = fc.constantFrom('wuhua', 'houtui', 'no3-15', 'a', 'nope');
const status = fc.constantFrom('draft', 'on_sale', 'sold_out', 'off_shelf');
// Names and specs now and then carry a blocked word, so the content check rejects some.
const words = fc.constantFrom('腊肉', '刷 单', '日赚千元', '高仿名牌礼盒', '五花');
const name = fc.oneof(words, fc.string({ minLength: 1, maxLength: 40 }));
const image = fc.constantFrom('/media/seed/larou.svg', 'cloud://env.bucket/products/a.png');
const count = fc.integer({ min: 0, max: 1_000 });
// Now and then no price: the fast path refuses it, publishing calls it incomplete.
const price = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 200_000 }) }, { weight: 1, arbitrary: fc.constant(0) });

const sku = fc.record(
  {
    id: skuId,
    spec: fc.oneof(words, fc.string({ maxLength: 20 }), fc.constant('')),
    priceLi: price,
    stock: count,
    // Mostly none: random tiers rarely get cheaper step by step.
    tiers: fc.oneof({ weight: 6, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.record({ minQty: fc.integer({ min: 2, max: 50 }), priceLi: price }), { maxLength: 2 }) }),
    minQty: fc.integer({ min: 1, max: 5 }),
    stepQty: fc.integer({ min: 1, max: 5 }),
  },
  { requiredKeys: ['spec', 'priceLi', 'stock'] },
);
const product = near(
  fc.record({
    name,
    unit: fc.constantFrom('斤', '条', '盒'),
    description: fc.oneof(words, fc.string({ maxLength: 60 })),
    images: fc.array(image, { maxLength: 3 }),
    skus: fc.array(sku, { minLength: 1, maxLength: 3 }),
    ship: fc.oneof(fc.record({ kind: fc.constant('days'), days: fc.integer({ min: 0, max: 60 }) }), fc.record({ kind: fc.constant('presale'), shipAt: count })),
    perishable: fc.constantFrom(null, { shelfLifeDays: 5 }),
  }),
);

const PAYLOADS: Record<GoodsAction, fc.Arbitrary<unknown>> = {
  listShopProducts: orAnything(fc.record({ shopId, status }, { requiredKeys: ['shopId'] })),
  getForEdit: orAnything(fc.record({ productId })),
  save: orAnything(fc.record({ shopId, productId, product, publish: near(fc.boolean()) }, { requiredKeys: ['shopId', 'product', 'publish'] })),
  quickCreate: orAnything(fc.record({ shopId, image: near(image), name, priceLi: price, unit: fc.constantFrom('斤', '条'), stock: near(count) })),
  setStatus: orAnything(fc.record({ productId, status: near(status) })),
  setStock: orAnything(fc.record({ productId, skuId: near(skuId), stock: near(count) })),
};

// The people allowed to manage goods come up more often, so more calls reach the writes.
const caller = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(PEOPLE.owner, PEOPLE.staff) },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>(...Object.values(PEOPLE), 'test-random-user', undefined) },
);

describe('goods function under random input', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
  });
  afterAll(() => emu.close());

  it.each(Object.keys(PAYLOADS) as GoodsAction[])('%s answers only ok or an error its contract names, never INTERNAL, and a refusal changes nothing', async (action) => {
    await fc.assert(
      fc.asyncProperty(PAYLOADS[action], caller, async (payload, openid) => {
        const before = emu.db.find('products');
        const reply = await emu.reply('goods', { action, payload }, openid);
        expectContractReply(goodsContract, action, reply);
        if (!reply.ok) expect(emu.db.find('products')).toEqual(before);
      }),
      { numRuns: RUNS_PER_ACTION },
    );
    // Nothing got past the handler as a crash of the function itself.
    expect(emu.logs.filter((line) => line.includes('function goods'))).toEqual([]);
  });

  it('answers calls nested too deep, too large or right at the limits with a typed refusal or reply, changes nothing it refuses, and serves on', async () => {
    await fc.assert(
      fc.asyncProperty(oversizedCalls(PAYLOADS), caller, async (call, openid) => {
        const before = emu.db.find('products');
        if (expectTypedAnswer(goodsContract, call, await callRaw(emu, bodyOf('goods', call), openid))) expect(emu.db.find('products')).toEqual(before);
      }),
      { numRuns: OVERSIZED_RUNS },
    );
    expect((await emu.reply('goods', { action: 'listShopProducts', payload: { shopId: DEMO_SHOP_ID } }, PEOPLE.owner)).ok).toBe(true);
  }, 120_000);
});
