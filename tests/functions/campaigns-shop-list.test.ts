// The shop home page's 正在跟团 list through the real emulator: a shop's published campaigns that
// are open or yet to open, closing soonest first and bounded; never a draft, an ended campaign or
// another shop's; anyone may read it, and a bad shop id is a typed refusal that changes nothing.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { insertCampaign, larouCampaign } from '../support/campaigns';
import { expectContractReply } from '../support/replies';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { campaignsContract, SHOP_CAMPAIGNS_MAX, type CampaignCard } from '@core/contracts';
import { deadlineText } from '@core/campaign-text';

const HOUR = 60 * 60 * 1000;

describe('campaigns function: a shop’s open and coming campaigns', () => {
  let emu: TestEmulator;
  const call = (action: string, payload: unknown, openid?: string) => emu.reply('campaigns', { action, payload }, openid);
  const snapshot = () => ({ campaigns: emu.db.find('campaigns'), orders: emu.db.find('orders') });
  /** The list for the demo shop, read without a login (as a buyer opening a shared link). */
  async function listed(shopId = DEMO_SHOP_ID): Promise<CampaignCard[]> {
    const reply = await call('shopCampaigns', { shopId });
    expectContractReply(campaignsContract, 'shopCampaigns', reply);
    expect(reply.ok).toBe(true);
    return reply.data.campaigns;
  }
  const ids = async (shopId?: string) => (await listed(shopId)).map((card) => card.id);

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
  });
  afterAll(() => emu.close());

  it('lists an opened campaign with its photo, 截团 time, entries and lowest price, and a scheduled one with its start', async () => {
    const created = await call('create', { shopId: DEMO_SHOP_ID, campaign: larouCampaign({ title: '冬至腊肉团' }) }, PEOPLE.owner);
    const open = created.data.campaign.id as string;
    expect(await call('publish', { campaignId: open, startNow: true }, PEOPLE.owner)).toMatchObject({ ok: true });
    const now = Date.now();
    const scheduled = insertCampaign(emu, 'scheduled', { title: '香肠预告', startAt: now + 2 * HOUR, endAt: now + 30 * HOUR, images: [], entries: 0 });
    await emu.db.handle({ action: 'database.modifyDocument', collectionName: 'campaigns', query: JSON.stringify({ _id: open }), data: JSON.stringify({ entries: 3 }) });

    const cards = await listed();
    const card = cards.find((each) => each.id === open);
    const stored = emu.db.find('campaigns', { _id: open })[0] as { endAt: number };
    expect(card).toMatchObject({ title: '冬至腊肉团', state: 'open', entries: 3, lowestPriceLi: 45_000, unit: '斤', from: true, endAt: stored.endAt });
    expect(card?.timeText).toBe(`${deadlineText(stored.endAt, Date.now())} 截团`);
    expect(card?.image).toContain('larou');
    // A campaign without photos shows its first product's.
    const coming = cards.find((each) => each.id === scheduled);
    expect(coming).toMatchObject({ state: 'scheduled', title: '香肠预告', entries: 0, startAt: now + 2 * HOUR });
    expect(coming?.timeText).toBe(`${deadlineText(now + 2 * HOUR, Date.now())} 开团`);
    expect(coming?.image).not.toBe('');
    // Soonest 截团 first.
    expect(cards.map((each) => each.endAt)).toEqual([...cards.map((each) => each.endAt)].sort((a, b) => a - b));
  });

  it('never shows a draft, an ended campaign or another shop’s, and drops one when it is ended early', async () => {
    const draft = insertCampaign(emu, 'draft');
    const ended = insertCampaign(emu, 'ended');
    const foreign = insertCampaign(emu, 'open', { shopId: OTHER_SHOP_ID, title: '别家的蜂蜜团' });
    const open = insertCampaign(emu, 'open');
    const before = await ids();
    expect(before).toContain(open);
    expect(before).not.toContain(draft);
    expect(before).not.toContain(ended);
    expect(before).not.toContain(foreign);
    // The other shop's own list has its campaign and none of this shop's.
    expect(await ids(OTHER_SHOP_ID)).toEqual([foreign]);

    expect(await call('endNow', { campaignId: open }, PEOPLE.owner)).toMatchObject({ ok: true, data: { campaign: { state: 'ended' } } });
    expect(await ids()).not.toContain(open);
    // Taken back to draft before it opens, a scheduled one leaves too.
    const scheduled = insertCampaign(emu, 'scheduled');
    expect(await ids()).toContain(scheduled);
    expect(await call('unpublish', { campaignId: scheduled }, PEOPLE.owner)).toMatchObject({ ok: true });
    expect(await ids()).not.toContain(scheduled);
  });

  it('answers anyone, signed in or not, the same list', async () => {
    const anonymous = await ids();
    for (const who of [PEOPLE.stranger, PEOPLE.owner, PEOPLE.otherOwner]) {
      const reply = await call('shopCampaigns', { shopId: DEMO_SHOP_ID }, who);
      expect(reply.ok).toBe(true);
      expect(reply.data.campaigns.map((card: CampaignCard) => card.id)).toEqual(anonymous);
    }
  });

  it.each([
    { why: 'a shop that does not exist', shopId: 'no-such-shop', code: 'SHOP_NOT_FOUND' },
    { why: 'an empty shop id', shopId: '  ', code: 'VALIDATION_FAILED' },
    { why: 'a shop id that is not text', shopId: { $ne: null }, code: 'VALIDATION_FAILED' },
    { why: 'an overlong shop id', shopId: 'x'.repeat(65), code: 'VALIDATION_FAILED' },
  ])('refuses $why with $code and changes nothing', async ({ shopId, code }) => {
    const before = snapshot();
    const reply = await call('shopCampaigns', { shopId }, PEOPLE.stranger);
    expectContractReply(campaignsContract, 'shopCampaigns', reply);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    expect(reply.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(snapshot()).toEqual(before);
  });

  it(`lists at most ${SHOP_CAMPAIGNS_MAX}, the soonest 截团 first`, async () => {
    const now = Date.now();
    // Closing within the hour, sooner than any campaign the tests above left open.
    const many = Array.from({ length: SHOP_CAMPAIGNS_MAX + 3 }, (_, index) => insertCampaign(emu, 'open', { endAt: now + (10 + index) * 60_000 }));
    const cards = await listed();
    expect(cards).toHaveLength(SHOP_CAMPAIGNS_MAX);
    expect(cards.map((card) => card.id)).toEqual(many.slice(0, SHOP_CAMPAIGNS_MAX));
  });
});
