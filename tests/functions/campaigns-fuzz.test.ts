// Random payloads and callers for every action of the campaigns function: each reply is ok or an
// error its contract names, never a crash, and a refused call changes no campaign and no order.
// Then calls at and past the platform's size and depth limits. A separate emulator, since whatever
// the owner is randomly allowed to do (open, end, copy) really happens.
import fc from 'fast-check';
import { near, orAnything } from '../support/fuzz';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { expectContractReply } from '../support/replies';
import { OVERSIZED_RUNS, bodyOf, callRaw, expectTypedAnswer, oversizedCalls } from '../support/oversized';
import { dueDifference, insertCampaign, insertCampaignOrder } from '../support/campaigns';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { campaignsContract, type ActionName } from '@core/contracts';

type CampaignsAction = ActionName<typeof campaignsContract>;
const RUNS_PER_ACTION = 40;
const HOUR = 60 * 60 * 1000;

// Campaigns in every state, made before the runs (ids are known up front); orders of one of them.
const IDS = { draft: 'fuzz-draft', scheduled: 'fuzz-scheduled', open: 'fuzz-open', ended: 'fuzz-ended' } as const;
const ORDER_IDS: string[] = [];

// Mostly values near real ones, so calls reach the handlers; now and then anything at all.
const shopId = near(fc.constantFrom(DEMO_SHOP_ID, DEMO_SHOP_ID, OTHER_SHOP_ID, 'no-such-shop'));
const campaignId = near(fc.constantFrom(...Object.values(IDS), 'nope'));
const orderId = near(fc.oneof(fc.constantFrom('nope'), fc.nat().map((n) => ORDER_IDS[n % Math.max(1, ORDER_IDS.length)] ?? 'nope')));
const price = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 100_000 }) }, { weight: 1, arbitrary: fc.constant(0) });
const when = fc.integer({ min: -48, max: 72 }).map((hours) => Date.now() + hours * HOUR);
const words = fc.oneof(fc.constantFrom('腊肉接龙', '刷 单', '冬至团', ''), fc.string({ maxLength: 50 }));
const item = fc.record({
  productId: fc.constantFrom('larou', 'lachang', 'other-honey', 'nope'),
  skuIds: fc.array(fc.constantFrom('wuhua', 'houtui', 'mala', 'a', 'nope'), { minLength: 1, maxLength: 2 }),
  priceLi: price,
  tiers: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.record({ minQty: fc.integer({ min: 2, max: 120 }), priceLi: price }), { maxLength: 2 }) }),
  limitPerBuyer: fc.option(fc.integer({ min: 0, max: 20 })),
  stockCap: fc.option(fc.integer({ min: 0, max: 300 })),
});
const campaign = near(
  fc.record({
    title: words,
    text: words,
    images: fc.array(fc.constantFrom('/media/seed/larou.svg', 'cloud://env.bucket/c.png'), { maxLength: 3 }),
    startAt: when,
    endAt: when,
    items: fc.array(item, { maxLength: 3 }),
    fulfilment: fc.record({ express: fc.boolean(), local: fc.boolean(), pickupPointIds: fc.array(fc.constantFrom('town', 'nowhere'), { maxLength: 2 }) }),
  }),
);
const state = fc.constantFrom('draft', 'scheduled', 'open', 'ended');
const orderState = fc.constantFrom('to_pay', 'paid', 'cancelled', 'refunding');
const page = { cursor: near(fc.constantFrom('0', '1', '20', 'x')), limit: near(fc.integer({ min: 1, max: 60 })) };
const name = near(fc.oneof(fc.constantFrom('王阿姨', '👨‍👩‍👧小李', ' '), fc.string({ maxLength: 30 })));

const PAYLOADS: Record<CampaignsAction, fc.Arbitrary<unknown>> = {
  create: orAnything(fc.record({ shopId, campaign })),
  update: orAnything(fc.record({ campaignId, campaign, expectedUpdatedAt: near(when) }, { requiredKeys: ['campaignId', 'campaign'] })),
  publish: orAnything(fc.record({ campaignId, startNow: near(fc.boolean()) }, { requiredKeys: ['campaignId'] })),
  unpublish: orAnything(fc.record({ campaignId })),
  endNow: orAnything(fc.record({ campaignId })),
  copy: orAnything(fc.record({ campaignId })),
  vendorCampaign: orAnything(fc.record({ campaignId })),
  listCampaigns: orAnything(fc.record({ shopId, state: near(state), ...page }, { requiredKeys: ['shopId'] })),
  campaignOrders: orAnything(fc.record({ campaignId, pointId: near(fc.constantFrom('town', 'nowhere')), state: near(orderState), counts: near(fc.boolean()), ...page }, { requiredKeys: ['campaignId'] })),
  settlement: orAnything(fc.record({ campaignId, status: near(fc.constantFrom('none', 'waiting', 'due', 'processing', 'done')), ...page }, { requiredKeys: ['campaignId'] })),
  markDifferenceRefunded: orAnything(fc.record({ orderId, note: near(fc.string({ maxLength: 120 })) }, { requiredKeys: ['orderId'] })),
  getCampaign: orAnything(fc.record({ campaignId })),
  listEntries: orAnything(fc.record({ campaignId, before: near(fc.integer({ min: 0, max: 10 })), limit: page.limit }, { requiredKeys: ['campaignId'] })),
  myEntry: orAnything(fc.record({ campaignId })),
  renameEntry: orAnything(fc.record({ campaignId, name, avatar: near(fc.constantFrom('', 'cloud://env.bucket/a.png')) }, { requiredKeys: ['campaignId', 'name'] })),
  shareText: orAnything(fc.record({ campaignId })),
  shopCampaigns: orAnything(fc.record({ shopId })),
};

// The people allowed to run campaigns, and the buyers with orders, come up more often.
const caller = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<string | undefined>(PEOPLE.owner, PEOPLE.staff, 'fuzz-buyer') },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>(...Object.values(PEOPLE), 'test-random-user', undefined) },
);

describe('campaigns function under random input', () => {
  let emu: TestEmulator;
  const snapshot = () => ({ campaigns: emu.db.find('campaigns'), orders: emu.db.find('orders') });

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    for (const [each, id] of Object.entries(IDS)) insertCampaign(emu, each as keyof typeof IDS, { _id: id });
    const closedAt = Date.now() - HOUR;
    ORDER_IDS.push(
      insertCampaignOrder(emu, IDS.open, { buyer: 'fuzz-buyer', seq: 1 }),
      insertCampaignOrder(emu, IDS.open, { buyer: 'fuzz-buyer', seq: null, state: 'to_pay', pickup: true }),
      insertCampaignOrder(emu, IDS.ended, { buyer: 'fuzz-buyer', seq: 1, difference: dueDifference(closedAt) }),
    );
  });
  afterAll(() => emu.close());

  it.each(Object.keys(PAYLOADS) as CampaignsAction[])('%s answers only ok or an error its contract names, never INTERNAL, and a refusal changes nothing', async (action) => {
    await fc.assert(
      fc.asyncProperty(PAYLOADS[action], caller, async (payload, openid) => {
        const before = snapshot();
        const reply = await emu.reply('campaigns', { action, payload }, openid);
        expectContractReply(campaignsContract, action, reply);
        if (!reply.ok) expect(snapshot()).toEqual(before);
      }),
      { numRuns: RUNS_PER_ACTION },
    );
    // Nothing got past the handler as a crash of the function itself.
    expect(emu.logs.filter((line) => line.includes('function campaigns'))).toEqual([]);
  });

  it('answers calls nested too deep, too large or right at the limits with a typed refusal or reply, changes nothing it refuses, and serves on', async () => {
    await fc.assert(
      fc.asyncProperty(oversizedCalls(PAYLOADS), caller, async (call, openid) => {
        const before = snapshot();
        if (expectTypedAnswer(campaignsContract, call, await callRaw(emu, bodyOf('campaigns', call), openid))) expect(snapshot()).toEqual(before);
      }),
      { numRuns: OVERSIZED_RUNS },
    );
    expect((await emu.reply('campaigns', { action: 'getCampaign', payload: { campaignId: IDS.open } })).ok).toBe(true);
  }, 120_000);
});
