// Who may do what with campaigns, and what bad input is refused: vendors' actions belong to the
// campaign's own shop (owner and staff; streamers, strangers and other shops' people get nothing),
// buyers' reads are open to anyone and never show a phone or a full name; every refusal leaves
// campaigns and orders exactly as they were.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { accessRows, addRoleFixtures, codeOf, openidOf, OTHER_SHOP_ID, OWNER_AND_STAFF, PEOPLE, type AccessCase, type Caller, type Outcome } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { dueDifference, insertCampaign, insertCampaignOrder, larouCampaign } from '../support/campaigns';
import type { CampaignInput } from '@core/contracts';

const CHINESE = /[\u4e00-\u9fa5]/;
const ANYONE: Record<Caller, Outcome> = { owner: 'ok', staff: 'ok', streamer: 'ok', stranger: 'ok', otherOwner: 'ok', nobody: 'ok' };
const SIGNED_IN: Record<Caller, Outcome> = { ...ANYONE, nobody: 'UNAUTHENTICATED' };
const READS = new Set(['vendorCampaign', 'listCampaigns', 'campaignOrders', 'settlement', 'getCampaign', 'listEntries', 'myEntry', 'shareText']);

describe('campaigns function: access and input', () => {
  let emu: TestEmulator;
  const call = (action: string, payload: unknown, openid?: string) => emu.reply('campaigns', { action, payload }, openid);
  const snapshot = () => ({ campaigns: emu.db.find('campaigns'), orders: emu.db.find('orders') });

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
  });
  afterAll(() => emu.close());

  /** An ended, settled campaign with one transfer order owing its 待退差价. */
  function dueOrder(): string {
    const closedAt = Date.now() - 60 * 60 * 1000;
    const id = insertCampaign(emu, 'ended', { settlement: { closedAt, frozenAt: closedAt, items: [{ itemId: 'i1', countedQty: 2, priceLi: 45_000, minQty: 50 }], status: 'settled', settledAt: closedAt } });
    return insertCampaignOrder(emu, id, { buyer: 'access-buyer', seq: 1, difference: dueDifference(closedAt) });
  }
  const edit = (fields: Partial<CampaignInput> = {}) => larouCampaign({ text: '改过的介绍', ...fields });

  describe('who may do what', () => {
    const cases: AccessCase[] = [
      { action: 'create', allowed: OWNER_AND_STAFF, payload: () => ({ shopId: DEMO_SHOP_ID, campaign: larouCampaign() }) },
      { action: 'update', allowed: OWNER_AND_STAFF, payload: () => ({ campaignId: insertCampaign(emu), campaign: edit() }) },
      { action: 'publish', allowed: OWNER_AND_STAFF, payload: () => ({ campaignId: insertCampaign(emu), startNow: true }) },
      { action: 'unpublish', allowed: OWNER_AND_STAFF, payload: () => ({ campaignId: insertCampaign(emu, 'scheduled') }) },
      { action: 'endNow', allowed: OWNER_AND_STAFF, payload: () => ({ campaignId: insertCampaign(emu, 'open') }) },
      { action: 'copy', allowed: OWNER_AND_STAFF, payload: () => ({ campaignId: insertCampaign(emu, 'ended') }) },
      { action: 'vendorCampaign', allowed: OWNER_AND_STAFF, payload: () => ({ campaignId: insertCampaign(emu) }) },
      { action: 'listCampaigns', allowed: OWNER_AND_STAFF, payload: () => ({ shopId: DEMO_SHOP_ID }) },
      { action: 'campaignOrders', allowed: OWNER_AND_STAFF, payload: () => ({ campaignId: insertCampaign(emu, 'open') }) },
      { action: 'settlement', allowed: OWNER_AND_STAFF, payload: () => ({ campaignId: insertCampaign(emu, 'ended') }) },
      { action: 'markDifferenceRefunded', allowed: OWNER_AND_STAFF, payload: () => ({ orderId: dueOrder() }) },
      { action: 'getCampaign', allowed: ANYONE, payload: () => ({ campaignId: insertCampaign(emu, 'open') }) },
      { action: 'listEntries', allowed: ANYONE, payload: () => ({ campaignId: insertCampaign(emu, 'open') }) },
      { action: 'shareText', allowed: ANYONE, payload: () => ({ campaignId: insertCampaign(emu, 'open') }) },
      { action: 'myEntry', allowed: SIGNED_IN, payload: () => ({ campaignId: insertCampaign(emu, 'open') }) },
      { action: 'renameEntry', allowed: SIGNED_IN, payload: () => ({ campaignId: insertCampaign(emu, 'open'), name: '小王' }) },
    ];

    it.each(accessRows(cases))('$action by $caller answers $outcome, and a refusal changes nothing', async ({ action, caller, outcome, payload }) => {
      const input = payload();
      const before = snapshot();
      const reply = await call(action, input, openidOf(caller));
      expect(codeOf(reply)).toBe(outcome);
      if (outcome !== 'ok') {
        expect(reply.error.message).toMatch(CHINESE);
        expect(snapshot()).toEqual(before);
      } else if (!READS.has(action) && action !== 'renameEntry') {
        expect(snapshot()).not.toEqual(before);
      }
    });

    it('shows the owner of another shop none of this shop’s campaigns, and lets them change none through their own shop', async () => {
      const open = insertCampaign(emu, 'open');
      const before = snapshot();
      const them = PEOPLE.otherOwner;
      for (const action of ['update', 'publish', 'unpublish', 'endNow', 'copy', 'vendorCampaign', 'campaignOrders', 'settlement']) {
        expect(codeOf(await call(action, { campaignId: open, campaign: edit(), startNow: true }, them))).toBe('NOT_A_MEMBER');
      }
      expect(codeOf(await call('listCampaigns', { shopId: DEMO_SHOP_ID }, them))).toBe('NOT_A_MEMBER');
      // Through their own shop, the demo shop's goods and pickup points do not exist.
      const foreign = await call('create', { shopId: OTHER_SHOP_ID, campaign: larouCampaign({ fulfilment: { express: true, local: false, pickupPointIds: [] } }) }, them);
      expect(codeOf(foreign)).toBe('PRODUCT_NOT_FOUND');
      expect(snapshot()).toEqual(before);
      // And their own list holds none of this shop's campaigns.
      expect((await call('listCampaigns', { shopId: OTHER_SHOP_ID }, them)).data.campaigns).toEqual([]);
    });

    it('hides drafts and unknown campaigns from buyers as not found', async () => {
      const draft = insertCampaign(emu);
      for (const action of ['getCampaign', 'listEntries', 'shareText', 'myEntry']) {
        for (const campaignId of [draft, 'no-such-campaign']) expect(codeOf(await call(action, { campaignId }, PEOPLE.stranger))).toBe('CAMPAIGN_NOT_FOUND');
      }
      const before = snapshot();
      expect(codeOf(await call('renameEntry', { campaignId: draft, name: '小王' }, PEOPLE.stranger))).toBe('CAMPAIGN_NOT_FOUND');
      expect(snapshot()).toEqual(before);
    });
  });

  describe('bad input changes nothing', () => {
    const item = larouCampaign().items[0];
    const now = Date.now();
    const bad: { why: string; action: 'create' | 'update'; campaign: () => unknown; code: string }[] = [
      { why: 'an empty title', action: 'create', campaign: () => larouCampaign({ title: '  ' }), code: 'VALIDATION_FAILED' },
      { why: 'ten photos', action: 'create', campaign: () => larouCampaign({ images: Array(10).fill('/media/seed/larou.svg') }), code: 'VALIDATION_FAILED' },
      { why: 'a free campaign price', action: 'create', campaign: () => larouCampaign({ items: [{ ...item, priceLi: 0 }] }), code: 'VALIDATION_FAILED' },
      { why: 'a tier from 1', action: 'create', campaign: () => larouCampaign({ items: [{ ...item, tiers: [{ minQty: 1, priceLi: 40_000 }] }] }), code: 'VALIDATION_FAILED' },
      { why: 'tiers not rising', action: 'create', campaign: () => larouCampaign({ items: [{ ...item, tiers: [{ minQty: 50, priceLi: 45_000 }, { minQty: 40, priceLi: 40_000 }] }] }), code: 'CAMPAIGN_TIERS_INVALID' },
      { why: 'a tier the cap never reaches', action: 'create', campaign: () => larouCampaign({ items: [{ ...item, stockCap: 30 }] }), code: 'CAMPAIGN_TIERS_INVALID' },
      { why: 'a per-buyer limit of 0', action: 'create', campaign: () => larouCampaign({ items: [{ ...item, limitPerBuyer: 0 }] }), code: 'VALIDATION_FAILED' },
      { why: '截团 before the start', action: 'create', campaign: () => larouCampaign({ startAt: now, endAt: now - 1 }), code: 'CAMPAIGN_TIME_INVALID' },
      { why: 'a pickup point the shop does not have', action: 'create', campaign: () => larouCampaign({ fulfilment: { express: false, local: false, pickupPointIds: ['nowhere'] } }), code: 'CAMPAIGN_FULFILMENT_INVALID' },
      { why: 'local delivery the shop does not offer', action: 'create', campaign: () => larouCampaign({ fulfilment: { express: false, local: true, pickupPointIds: [] } }), code: 'CAMPAIGN_FULFILMENT_INVALID' },
      { why: 'a product of another shop', action: 'update', campaign: () => larouCampaign({ items: [{ ...item, productId: 'other-honey', skuIds: ['a'], stockCap: null }] }), code: 'PRODUCT_NOT_FOUND' },
      { why: 'a cap above stock', action: 'update', campaign: () => larouCampaign({ items: [{ ...item, stockCap: 100_000 }] }), code: 'CAMPAIGN_CAP_ABOVE_STOCK' },
    ];

    it.each(bad)('refuses $why with $code', async ({ action, campaign, code }) => {
      const payload = action === 'create' ? { shopId: DEMO_SHOP_ID, campaign: campaign() } : { campaignId: insertCampaign(emu), campaign: campaign() };
      const before = snapshot();
      const reply = await call(action, payload, PEOPLE.owner);
      expect(codeOf(reply)).toBe(code);
      expect(reply.error.message).toMatch(CHINESE);
      expect(snapshot()).toEqual(before);
    });

    it('does not open a campaign with nothing in it or no way to get the goods, nor one whose 截团 has passed', async () => {
      const empty = insertCampaign(emu, 'draft', { items: [] });
      const nowhere = insertCampaign(emu, 'draft', { fulfilment: { express: false, local: false, pickupPointIds: [] } });
      const late = insertCampaign(emu, 'draft', { startAt: now - 2 * 60 * 60 * 1000, endAt: now - 60 * 60 * 1000 });
      const before = snapshot();
      expect(codeOf(await call('publish', { campaignId: empty, startNow: true }, PEOPLE.owner))).toBe('CAMPAIGN_INCOMPLETE');
      expect(codeOf(await call('publish', { campaignId: nowhere, startNow: true }, PEOPLE.owner))).toBe('CAMPAIGN_INCOMPLETE');
      expect(codeOf(await call('publish', { campaignId: late }, PEOPLE.owner))).toBe('CAMPAIGN_END_PASSED');
      // Neither ends a campaign that has not opened, nor takes back one that has.
      expect(codeOf(await call('endNow', { campaignId: insertCampaign(emu, 'scheduled') }, PEOPLE.owner))).toBe('CAMPAIGN_STATE_CONFLICT');
      expect(codeOf(await call('unpublish', { campaignId: insertCampaign(emu, 'open') }, PEOPLE.owner))).toBe('CAMPAIGN_STATE_CONFLICT');
      const after = snapshot();
      expect(after.campaigns.filter((doc) => [empty, nowhere, late].includes(doc._id as string))).toEqual(before.campaigns.filter((doc) => [empty, nowhere, late].includes(doc._id as string)));
    });
  });
});
