// Random payloads and callers for every action of the groupbuy function: each reply is ok or an
// error its contract names, never a crash, and a refused call changes no offer, no group and no
// order. Then calls at and past the platform's size and depth limits. A separate emulator, since
// whatever the owner is randomly allowed to do (set or remove an offer) really happens.
import fc from 'fast-check';
import { near, orAnything, within } from '../support/fuzz';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { expectContractReply } from '../support/replies';
import { OVERSIZED_RUNS, bodyOf, callRaw, expectTypedAnswer, oversizedCalls } from '../support/oversized';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { groupBuyContract, type ActionName } from '@core/contracts';

type GroupBuyAction = ActionName<typeof groupBuyContract>;
const RUNS_PER_ACTION = 60;
const HOUR = 60 * 60 * 1000;
const MCH = '1900000109';

// A product with an offer and groups in it, one without an offer, one off the shelf; ids known up front.
const PRODUCTS = { offered: 'fuzz-gb-offered', bare: 'fuzz-gb-bare', off: 'fuzz-gb-off' } as const;
const BUYERS = ['fuzz-gb-starter', 'fuzz-gb-leader', 'fuzz-gb-joiner', 'fuzz-gb-unpaid'] as const;
const GROUP_IDS: string[] = [];

// Mostly values near real ones, so calls reach the handlers; now and then anything at all.
const productId = near(fc.constantFrom(PRODUCTS.offered, PRODUCTS.offered, PRODUCTS.bare, PRODUCTS.off, 'larou', 'heilaohu', 'other-honey', 'nope'));
const groupId = near(fc.oneof({ weight: 4, arbitrary: fc.nat().map((n) => GROUP_IDS[n % Math.max(1, GROUP_IDS.length)] ?? 'nope') }, { weight: 1, arbitrary: fc.constantFrom('nope', '') }));
// Mostly within what the SKUs allow (a is ¥10, b ¥30) with a 团长价 below the 拼团价 and dates in
// order, so offers get saved; now and then a price too high or none, a limit just off, dates reversed.
const price = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 10_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 10_001, max: 60_000 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5) });
const hoursFromNow = (min: number, max: number) => fc.integer({ min, max }).map((hours) => Date.now() + hours * HOUR);
const sku = fc.record({
  skuId: fc.oneof({ weight: 10, arbitrary: fc.constantFrom('a', 'b') }, { weight: 1, arbitrary: fc.constantFrom('wuhua', 'nope', '') }),
  priceLi: price,
  leaderPriceLi: fc.option(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 4_000 }) }, { weight: 1, arbitrary: price })),
});
const offer = near(
  fc.record(
    {
      size: within(2, 20),
      skus: fc.oneof({ weight: 12, arbitrary: fc.array(sku, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant([]) }),
      openHours: within(1, 48),
      limitPerBuyer: within(1, 20),
      startAt: fc.oneof({ weight: 4, arbitrary: hoursFromNow(-48, 0) }, { weight: 1, arbitrary: hoursFromNow(1, 72) }),
      endAt: fc.oneof({ weight: 4, arbitrary: hoursFromNow(1, 72) }, { weight: 1, arbitrary: hoursFromNow(-48, 0) }),
    },
    { requiredKeys: ['size', 'skus', 'openHours', 'startAt', 'endAt'] },
  ),
);
const groupState = fc.constantFrom('forming', 'open', 'succeeded', 'failed');
// Cursors it hands out, and as often text no page of it ever sent (fractions, Infinity, negatives).
const page = { cursor: near(fc.oneof(fc.constantFrom('0', '1', '20', '999999'), fc.constantFrom('x', '-3', '0.5', '1e9', 'Infinity', ''))), limit: near(within(1, 50)) };

const PAYLOADS: Record<GroupBuyAction, fc.Arbitrary<unknown>> = {
  vendorOffer: orAnything(fc.record({ productId })),
  setOffer: orAnything(fc.record({ productId, offer })),
  removeOffer: orAnything(fc.record({ productId })),
  offerGroups: orAnything(fc.record({ productId, state: near(groupState), ...page }, { requiredKeys: ['productId'] })),
  productOffer: orAnything(fc.record({ productId })),
  getGroup: orAnything(fc.record({ groupId })),
};

// The people allowed to run offers, and the buyers in groups, come up more often.
const caller = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<string | undefined>(PEOPLE.owner, PEOPLE.staff, ...BUYERS) },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>(...Object.values(PEOPLE), 'test-random-user', undefined) },
);

describe('groupbuy function under random input', () => {
  let emu: TestEmulator;
  const snapshot = () => ({ offers: emu.db.find('groupOffers'), groups: emu.db.find('groupBuys'), orders: emu.db.find('orders') });
  let seq = 0;
  const call = (fn: string, action: string, payload: unknown, openid?: string) => emu.reply(fn, { action, payload, requestId: `fuzz-gb-${++seq}` }, openid);
  const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
  const place = async (buyer: string, group?: string): Promise<string> => {
    const placed = await call(
      'orders',
      'place',
      { shopId: DEMO_SHOP_ID, lines: [{ productId: PRODUCTS.offered, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'wechat', group: { offerId: PRODUCTS.offered, ...(group ? { groupId: group } : {}) }, display: { name: `买家${buyer}`, avatar: '' } },
      buyer,
    );
    expect(placed.ok).toBe(true);
    return placed.data.order.id;
  };
  const pay = async (orderId: string, buyer: string) => {
    const started = await call('orders', 'pay', { orderId }, buyer);
    expect(started.ok).toBe(true);
    await emu.pay.pay(started.data.outTradeNo);
  };

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    // Offers need the shop to take WeChat Pay (failed groups refund themselves).
    const { data } = await call('shop', 'getSettings', { shopId: DEMO_SHOP_ID }, PEOPLE.owner);
    const settings = { ...data.settings, payment: { offline: { ...data.settings.payment.offline, qrImage: '/media/seed/shop.svg' }, wechatPay: { enabled: true, subMchId: MCH } } };
    expect((await call('shop', 'updateSettings', { shopId: DEMO_SHOP_ID, settings }, PEOPLE.owner)).ok).toBe(true);
    const skus = [
      { id: 'a', spec: '小份', priceLi: 10_000, stock: 1_000, tiers: [], minQty: 1, stepQty: 1 },
      { id: 'b', spec: '大份', priceLi: 30_000, stock: 1_000, tiers: [], minQty: 1, stepQty: 1 },
    ];
    insertProduct(emu, 1_000, { _id: PRODUCTS.offered, skus });
    insertProduct(emu, 1_000, { _id: PRODUCTS.bare, skus });
    insertProduct(emu, 1_000, { _id: PRODUCTS.off, status: 'off_shelf' });
    const now = Date.now();
    const set = await call(
      'groupbuy',
      'setOffer',
      { productId: PRODUCTS.offered, offer: { size: 3, skus: [{ skuId: 'a', priceLi: 8_000, leaderPriceLi: 7_000 }], openHours: 24, limitPerBuyer: 1, startAt: now - HOUR, endAt: now + 72 * HOUR } },
      PEOPLE.owner,
    );
    expect(set.ok).toBe(true);
    // An open group of one paid starter, an open group of two paid members, and a forming one (starter unpaid).
    const [starter, leader, joiner, unpaid] = BUYERS;
    const lone = await place(starter);
    await pay(lone, starter);
    const pair = await place(leader);
    await pay(pair, leader);
    await pay(await place(joiner, pair), joiner);
    GROUP_IDS.push(lone, pair, await place(unpaid));
    expect(emu.db.find('groupBuys').map((group) => group.state).sort()).toEqual(['forming', 'open', 'open']);
  });
  afterAll(() => emu.close());

  it.each(Object.keys(PAYLOADS) as GroupBuyAction[])('%s answers only ok or an error its contract names, never INTERNAL, and a refusal changes nothing', async (action) => {
    await fc.assert(
      fc.asyncProperty(PAYLOADS[action], caller, async (payload, openid) => {
        const before = snapshot();
        const reply = await emu.reply('groupbuy', { action, payload }, openid);
        expectContractReply(groupBuyContract, action, reply);
        if (!reply.ok) expect(snapshot()).toEqual(before);
      }),
      { numRuns: RUNS_PER_ACTION },
    );
    // Nothing got past the handler as a crash of the function itself.
    expect(emu.logs.filter((line) => line.includes('function groupbuy'))).toEqual([]);
  });

  it('answers calls nested too deep, too large or right at the limits with a typed refusal or reply, changes nothing it refuses, and serves on', async () => {
    await fc.assert(
      fc.asyncProperty(oversizedCalls(PAYLOADS), caller, async (call, openid) => {
        const before = snapshot();
        if (expectTypedAnswer(groupBuyContract, call, await callRaw(emu, bodyOf('groupbuy', call), openid))) expect(snapshot()).toEqual(before);
      }),
      { numRuns: OVERSIZED_RUNS },
    );
    expect((await emu.reply('groupbuy', { action: 'getGroup', payload: { groupId: GROUP_IDS[0] } })).ok).toBe(true);
  }, 120_000);
});
