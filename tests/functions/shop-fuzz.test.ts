// Random payloads and callers for every action of the shop function: each reply is ok or one of
// the errors the contract names for that action, never a crash. A separate emulator, since
// whatever the owner is randomly allowed to do here really happens.
import fc from 'fast-check';
import { nearBy } from '../support/fuzz';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { shopContract, type ActionName, type ShopSettings } from '@core/contracts';
import { expectContractReply } from '../support/replies';
import { OVERSIZED_RUNS, bodyOf, callRaw, expectTypedAnswer, oversizedCalls } from '../support/oversized';
import { defaultShopSettings } from '@core/shops';

type ShopAction = ActionName<typeof shopContract>;

const RUNS_PER_ACTION = 30;
const OPEN_CODE = 'fuzzopen0001';
const EXPIRED_CODE = 'fuzzexpired01';

// Mostly values near real ones, so calls get past validation into the handlers; now and then
// anything. Every key is present: the bad-payload table in shop-vendor covers missing ones.
const near = nearBy(6);
const shopId = near(fc.constantFrom(DEMO_SHOP_ID, OTHER_SHOP_ID, 'no-such-shop', '', '  '));
const text = near(fc.oneof(fc.string({ maxLength: 24 }), fc.stringOf(fc.constantFrom(...'()[]{}.*+?^$|\\腊肉 Yk'), { maxLength: 22 })));
const code = near(fc.oneof(fc.constantFrom(OPEN_CODE, EXPIRED_CODE, 'nosuchcode99'), fc.string({ maxLength: 18 })));

/** Settings that pass the schema but may break the business rules: toggles and pickup points. */
const settings: fc.Arbitrary<ShopSettings> = fc
  .record({
    offline: fc.boolean(),
    wechatPay: fc.boolean(),
    subMchId: fc.constantFrom('', '1900000109'),
    express: fc.boolean(),
    local: fc.boolean(),
    pickup: fc.boolean(),
    pointIds: fc.array(fc.constantFrom('a', 'b'), { maxLength: 3 }),
  })
  .map((pick) => {
    const s = defaultShopSettings('老张山货铺');
    s.payment.offline.enabled = pick.offline;
    s.payment.wechatPay = { enabled: pick.wechatPay, subMchId: pick.subMchId };
    s.fulfilment.express.enabled = pick.express;
    s.fulfilment.local.enabled = pick.local;
    s.fulfilment.pickup = { enabled: pick.pickup, points: pick.pointIds.map((id) => ({ id, name: '自提点', address: '老街 18 号', hours: '' })) };
    return s;
  });

const PAYLOADS: Record<ShopAction, fc.Arbitrary<unknown>> = {
  listProducts: fc.record({ shopId, keyword: text }),
  getProduct: fc.record({ productId: near(fc.constantFrom('larou', 'other-honey', 'nope')) }),
  createShop: fc.record({ name: text, ownerName: text }),
  myShops: near(fc.constant({})),
  getSettings: fc.record({ shopId }),
  updateSettings: fc.record({ shopId, settings: near(settings) }),
  listMembers: fc.record({ shopId }),
  createInvite: fc.record({ shopId, role: near(fc.constantFrom('staff', 'streamer', 'owner')), ttlHours: near(fc.integer({ min: -2, max: 200 })) }),
  revokeInvite: fc.record({ shopId, code }),
  acceptInvite: fc.record({ code, name: text }),
  removeMember: fc.record({ shopId, openid: near(fc.constantFrom(...Object.values(PEOPLE), 'not-a-member')) }),
};

const caller = fc.constantFrom<string | undefined>(...Object.values(PEOPLE), 'test-random-user', undefined);

describe('shop function under random input', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
    const now = Date.now();
    addRoleFixtures(emu, now);
    const invite = { shopId: DEMO_SHOP_ID, role: 'staff', createdBy: PEOPLE.owner, createdAt: now, revokedAt: null, usedBy: null, usedAt: null };
    emu.db.insert('invites', { ...invite, _id: OPEN_CODE, expiresAt: now + 3_600_000 });
    emu.db.insert('invites', { ...invite, _id: EXPIRED_CODE, expiresAt: now - 1 });
  });
  afterAll(() => emu.close());

  it.each(Object.keys(PAYLOADS) as ShopAction[])('%s answers only ok or an error its contract names, never INTERNAL', async (action) => {
    await fc.assert(
      fc.asyncProperty(PAYLOADS[action], caller, async (payload, openid) => {
        expectContractReply(shopContract, action, await emu.reply('shop', { action, payload }, openid));
      }),
      { numRuns: RUNS_PER_ACTION },
    );
    expect(emu.logs.filter((line) => line.includes('unexpected error') || line.includes('broke the contract'))).toEqual([]);
  });

  it('answers calls nested too deep, too large or right at the limits with a typed refusal or reply, changes nothing it refuses, and serves on', async () => {
    const snapshot = () => ({ shops: emu.db.find('shops'), members: emu.db.find('members'), invites: emu.db.find('invites') });
    await fc.assert(
      fc.asyncProperty(oversizedCalls(PAYLOADS), caller, async (call, openid) => {
        const before = snapshot();
        if (expectTypedAnswer(shopContract, call, await callRaw(emu, bodyOf('shop', call), openid))) expect(snapshot()).toEqual(before);
      }),
      { numRuns: OVERSIZED_RUNS },
    );
    expect((await emu.reply('shop', { action: 'getProduct', payload: { productId: 'larou' } })).ok).toBe(true);
  }, 120_000);
});
