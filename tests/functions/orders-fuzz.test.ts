// Random payloads and callers for every action of the orders function: each reply is ok or one of
// the errors the contract names for that action, never INTERNAL, and a refused call changes
// neither the orders nor the stock. A separate emulator, since allowed calls really happen.
import fc from 'fast-check';
import { nearBy, orAnything } from '../support/fuzz';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { ordersContract, type ActionName } from '@core/contracts';
import { expectContractReply } from '../support/replies';
import { OVERSIZED_RUNS, bodyOf, callRaw, expectTypedAnswer, oversizedCalls } from '../support/oversized';
import type { OrderDoc, ProductDoc } from '@core/model';

type OrdersAction = ActionName<typeof ordersContract>;

const RUNS_PER_ACTION = 80;
const BUYERS = ['test-fuzz-buyer-1', 'test-fuzz-buyer-2'];

const near = nearBy(12);

const shopId = near(fc.constantFrom(DEMO_SHOP_ID, DEMO_SHOP_ID, OTHER_SHOP_ID, 'no-such-shop'));
// Mostly goods that can be bought, now and then a sold-out, unknown or other shop's product.
const line = fc.oneof(
  { weight: 6, arbitrary: fc.record({ productId: fc.constant('larou'), skuId: fc.constantFrom('wuhua', 'houtui'), quantity: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ productId: fc.constant('lalian'), skuId: fc.constantFrom('no3-15', 'nope'), quantity: fc.integer({ min: 1, max: 3000 }) }) },
  { weight: 1, arbitrary: fc.record({ productId: fc.constantFrom('heilaohu', 'other-honey', 'nope'), skuId: fc.constantFrom('xian', 'a'), quantity: fc.integer({ min: 1, max: 300 }) }) },
);
const lines = near(fc.array(line, { minLength: 1, maxLength: 2 }));
// Mostly valid, so places get through to the stock; now and then a field the schema refuses.
const addressFields = {
  name: near(fc.constantFrom('王大妈', '李')),
  phone: near(fc.constantFrom('13800138000', '13900139000')),
  province: fc.constantFrom('浙江省', '广西壮族自治区', '重庆'),
  city: fc.constant('杭州市'),
  district: fc.constantFrom('', '西湖区'),
  detail: fc.constant('文三路 1 号'),
};
const address = fc.record(addressFields);
const contact = fc.record({ name: near(fc.constant('王大妈')), phone: near(fc.constant('13800138000')) });
const fulfilmentInput = near(
  fc.oneof(
    fc.record({ kind: fc.constant('express'), address }),
    fc.record({ kind: fc.constant('express'), address }),
    fc.record({ kind: fc.constant('local'), address }),
    fc.record({ kind: fc.constant('pickup'), pointId: fc.constantFrom('town', 'gone'), contact }),
  ),
);
const fulfilmentChoice = near(
  fc.oneof(
    fc.record({ kind: fc.constant('express'), province: fc.constantFrom(null, '浙江省') }, { requiredKeys: ['kind'] }),
    fc.record({ kind: fc.constant('local') }),
    fc.record({ kind: fc.constant('pickup'), pointId: fc.constantFrom('town', 'gone') }),
  ),
);
const payment = near(fc.constantFrom('offline', 'offline', 'offline', 'wechat'));
const amount = near(fc.integer({ min: 0, max: 200_000 }));
const reason = near(fc.constantFrom('', ' ', '坏了', '没收到钱'));
const state = fc.constantFrom('to_pay', 'to_confirm', 'paid', 'shipped', 'ready_for_pickup', 'completed', 'cancelled', 'refunding', 'refunded');
const page = { cursor: near(fc.constantFrom('0', '1', '20', 'abc')), limit: near(fc.integer({ min: 1, max: 50 })) };

describe('orders function under random input', () => {
  let emu: TestEmulator;
  /** Orders placed so far, so later actions meet real ones in every state they reach. */
  const placed: string[] = [];
  const orderId = () => near(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 10_000 }).map((i) => placed[i % placed.length] ?? 'nope') }, { weight: 1, arbitrary: fc.constantFrom('nope', '') }));

  const PAYLOADS = (): Record<OrdersAction, fc.Arbitrary<unknown>> => ({
    checkoutOptions: orAnything(fc.record({ shopId })),
    quote: orAnything(fc.record({ shopId, lines, fulfilment: fulfilmentChoice, payment }, { requiredKeys: ['shopId', 'lines', 'fulfilment'] })),
    place: orAnything(
      fc.record(
        { shopId: fc.oneof({ weight: 4, arbitrary: fc.constant(DEMO_SHOP_ID) }, { weight: 1, arbitrary: shopId }), lines, fulfilment: fulfilmentInput, payment, buyerNote: near(fc.string({ maxLength: 10 })), expectedTotalFen: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: amount }) },
        { requiredKeys: ['shopId', 'lines', 'fulfilment', 'payment'] },
      ),
    ),
    myOrders: orAnything(fc.record({ state, ...page }, { requiredKeys: [] })),
    getOrder: orAnything(fc.record({ orderId: orderId() })),
    cancel: orAnything(fc.record({ orderId: orderId(), reason }, { requiredKeys: ['orderId'] })),
    markTransferred: orAnything(fc.record({ orderId: orderId(), note: near(fc.string({ maxLength: 10 })) }, { requiredKeys: ['orderId'] })),
    complete: orAnything(fc.record({ orderId: orderId() })),
    requestRefund: orAnything(fc.record({ orderId: orderId(), amountFen: amount, reason })),
    listShopOrders: orAnything(fc.record({ shopId, state, keyword: near(fc.constantFrom('王大妈', '13800138000', '2611')), ...page }, { requiredKeys: ['shopId'] })),
    confirmTransfer: orAnything(fc.record({ orderId: orderId() })),
    rejectTransfer: orAnything(fc.record({ orderId: orderId(), reason })),
    ship: orAnything(fc.record({ orderId: orderId(), tracking: near(fc.constantFrom(null, { carrier: '顺丰', number: 'SF1' })) }, { requiredKeys: ['orderId'] })),
    markReady: orAnything(fc.record({ orderId: orderId() })),
    refund: orAnything(fc.record({ orderId: orderId(), amountFen: amount, reason }, { requiredKeys: ['orderId', 'amountFen'] })),
    declineRefund: orAnything(fc.record({ orderId: orderId(), reason })),
    pay: orAnything(fc.record({ orderId: orderId() })),
    listAddresses: orAnything(fc.constant({})),
    saveAddress: orAnything(
      fc.record({ ...addressFields, id: near(fc.constantFrom(undefined, 'nope', '')), isDefault: near(fc.boolean()) }, { requiredKeys: ['name', 'phone', 'province', 'city', 'district', 'detail'] }),
    ),
    deleteAddress: orAnything(fc.record({ id: near(fc.constantFrom('nope', '', 'a'.repeat(24))) })),
    pickupCode: orAnything(fc.record({ orderId: orderId() })),
    redeemPickup: orAnything(fc.record({ shopId, code: near(fc.constantFrom('000000', '123456', 'cactus-pickup:999999', '12 34 56', 'abc')) })),
    pickupWaiting: orAnything(fc.record({ shopId })),
    remindPickup: orAnything(fc.record({ orderId: orderId() })),
  });

  // The buyers and the shop's vendors come up more often, so more calls reach the writes.
  const caller = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...BUYERS, PEOPLE.owner, PEOPLE.staff) },
    { weight: 1, arbitrary: fc.constantFrom<string | undefined>(...Object.values(PEOPLE), 'test-random-user', undefined) },
  );
  // Fresh ids mostly, repeats now and then (a retry), and now and then none.
const requestId = fc.oneof({ weight: 8, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) }, { weight: 2, arbitrary: fc.constantFrom('r1', 'r2') }, { weight: 1, arbitrary: fc.constant(undefined) });

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    // A few real orders to start from, one of them for pickup.
    for (const [i, buyer] of BUYERS.entries()) {
      for (const fulfilment of [
        { kind: 'express', address: { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '', detail: '文三路 1 号' } },
        { kind: 'pickup', pointId: 'town', contact: { name: '王大妈', phone: '13800138000' } },
      ]) {
        const reply = await emu.reply('orders', { action: 'place', requestId: `seed-${i}-${fulfilment.kind}`, payload: { shopId: DEMO_SHOP_ID, lines: [{ productId: 'larou', skuId: 'wuhua', quantity: 1 }], fulfilment, payment: 'offline' } }, buyer);
        placed.push(reply.data.order.id);
      }
    }
  });
  afterAll(() => emu.close());

  it.each(Object.keys(ordersContract.actions) as OrdersAction[])('%s answers only ok or an error its contract names, never INTERNAL, and a refusal changes nothing', async (action) => {
    await fc.assert(
      fc.asyncProperty(PAYLOADS()[action], caller, requestId, async (payload, openid, rid) => {
        const before = { orders: emu.db.find('orders'), products: emu.db.find('products') };
        const reply = await emu.reply('orders', { action, payload, ...(rid ? { requestId: rid } : {}) }, openid);
        expectContractReply(ordersContract, action, reply);
        if (!reply.ok) expect({ orders: emu.db.find('orders'), products: emu.db.find('products') }).toEqual(before);
        if (reply.ok && action === 'place' && !placed.includes(reply.data.order.id)) placed.push(reply.data.order.id);
      }),
      { numRuns: RUNS_PER_ACTION },
    );
    expect(emu.logs.filter((line) => line.includes('function orders') || line.includes('[orders.'))).toEqual([]);
  });

  it('answers calls nested too deep, too large or right at the limits with a typed refusal or reply, changes nothing it refuses, and serves on', async () => {
    await fc.assert(
      fc.asyncProperty(oversizedCalls(PAYLOADS()), caller, async (call, openid) => {
        const before = { orders: emu.db.find('orders'), products: emu.db.find('products') };
        if (expectTypedAnswer(ordersContract, call, await callRaw(emu, bodyOf('orders', call), openid))) {
          expect({ orders: emu.db.find('orders'), products: emu.db.find('products') }).toEqual(before);
        }
      }),
      { numRuns: OVERSIZED_RUNS },
    );
    expect((await emu.reply('orders', { action: 'checkoutOptions', payload: { shopId: DEMO_SHOP_ID } })).ok).toBe(true);
  }, 120_000);

  it('conserves stock: what is on the shelf plus what orders hold or sold is what the shop started with', async () => {
    // An order's goods went back to the shelf when it was cancelled while holding stock, or refunded in full before being handed over.
    const wentBack = (order: OrderDoc): boolean =>
      order.history.some((entry) => entry.to === 'cancelled' && (entry.from === 'to_pay' || entry.from === 'to_confirm')) ||
      (order.state === 'refunded' && [...order.history].reverse().find((entry) => entry.to === 'refunding')?.from === 'paid');
    const out = (emu.db.find('orders') as unknown as OrderDoc[])
      .filter((order) => !wentBack(order))
      .flatMap((order) => order.lines)
      .filter((l) => l.productId === 'larou' && l.skuId === 'wuhua')
      .reduce((sum, l) => sum + l.quantity, 0);
    const larou = emu.db.find('products', { _id: 'larou' })[0] as unknown as ProductDoc;
    expect(larou.skus.find((sku) => sku.id === 'wuhua')!.stock + out).toBe(200);
  });
});
