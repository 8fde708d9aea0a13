// Sharing a campaign: share codes, cards and poster codes name the campaign's page, and its visits
// are attributed by sharer and by group like a product's, for the vendor's figures.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { larouCampaign } from '../support/campaigns';

const GROUP_SCENE = 1044; // opened from a card in a group chat

describe('sharing a campaign', () => {
  let emu: TestEmulator;
  let open: string;
  let draft: string;
  const share = (action: string, payload: unknown, openid?: string) => emu.reply('share', { action, payload }, openid);
  const campaigns = (action: string, payload: unknown) => emu.reply('campaigns', { action, payload }, PEOPLE.owner);

  /** A group share as WeChat hands it over: a ticket for the group, then a CloudID from wx.getShareInfo for each viewer. */
  async function shareInto(groupName: string) {
    const ticket = await (await fetch(`${emu.url}/api/share-ticket`, { method: 'POST', body: JSON.stringify({ groupName }) })).json();
    const cloudIdFor = async (viewer: string): Promise<string> =>
      (await (await fetch(`${emu.url}/api/share-info`, { method: 'POST', headers: { 'x-cactus-openid': viewer }, body: JSON.stringify({ shareTicket: ticket.shareTicket }) })).json()).cloudID;
    return { openGId: ticket.openGId as string, cloudIdFor };
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    draft = (await campaigns('create', { shopId: DEMO_SHOP_ID, campaign: larouCampaign({ title: '还没开的团' }) })).data.campaign.id;
    open = (await campaigns('create', { shopId: DEMO_SHOP_ID, campaign: larouCampaign({ title: '冬至腊肉团' }) })).data.campaign.id;
    expect((await campaigns('publish', { campaignId: open, startNow: true })).ok).toBe(true);
  });
  afterAll(() => emu.close());

  it('gives each sharer one code for the campaign, whose card opens the campaign page and resolves back to it', async () => {
    const target = { kind: 'campaign', campaignId: open };
    const first = await share('createRef', { shopId: DEMO_SHOP_ID, target }, PEOPLE.staff);
    const again = await share('createRef', { shopId: DEMO_SHOP_ID, target }, PEOPLE.staff);
    expect(first.ok).toBe(true);
    expect(again.data.code).toBe(first.data.code);
    expect(first.data.path).toBe(`/packages/group/campaign/index?campaignId=${open}&ref=${first.data.code}`);
    expect((await share('resolve', { code: first.data.code })).data).toEqual({ shopId: DEMO_SHOP_ID, target, path: first.data.path });
    // Another target of the same sharer gets its own code.
    const shopCode = await share('createRef', { shopId: DEMO_SHOP_ID, target: { kind: 'shop' } }, PEOPLE.staff);
    expect(shopCode.data.code).not.toBe(first.data.code);
  });

  it('refuses a draft, a campaign that does not exist, and a campaign named under another shop', async () => {
    const before = emu.db.find('shareRefs').length;
    for (const [shopId, campaignId] of [
      [DEMO_SHOP_ID, draft],
      [DEMO_SHOP_ID, 'no-such-campaign'],
      [OTHER_SHOP_ID, open],
    ]) {
      const reply = await share('createRef', { shopId, target: { kind: 'campaign', campaignId } }, PEOPLE.stranger);
      expect(reply).toMatchObject({ ok: false, error: { code: 'CAMPAIGN_NOT_FOUND' } });
      expect(await share('recordVisit', { shopId, target: { kind: 'campaign', campaignId }, scene: 1001 })).toMatchObject({ ok: false, error: { code: 'CAMPAIGN_NOT_FOUND' } });
    }
    expect(emu.db.find('shareRefs').length).toBe(before);
    expect(emu.db.find('visits').length).toBe(0);
  });

  it('attributes the campaign’s visits to the sharer and the group, and the vendor sees them under the campaign’s title', async () => {
    const target = { kind: 'campaign', campaignId: open };
    const { data: ref } = await share('createRef', { shopId: DEMO_SHOP_ID, target }, PEOPLE.stranger);
    const group = await shareInto('龙潭镇团购群');
    for (const visitor of ['cv1', 'cv2', 'cv3']) {
      expect(await share('recordVisit', { shopId: DEMO_SHOP_ID, target, ref: ref.code, scene: GROUP_SCENE, groupCloudId: await group.cloudIdFor(visitor) }, visitor)).toEqual({ ok: true, data: {} });
    }
    await share('recordVisit', { shopId: DEMO_SHOP_ID, target: { kind: 'product', productId: 'larou' }, scene: 1001 });
    const stats = await share('stats', { shopId: DEMO_SHOP_ID }, PEOPLE.owner);
    expect(stats.data.total).toBe(4);
    expect(stats.data.byCampaign).toEqual([{ key: open, label: '冬至腊肉团', visits: 3 }]);
    expect(stats.data.byProduct).toEqual([{ key: 'larou', label: '酉阳柴火烟熏腊肉', visits: 1 }]);
    expect(stats.data.bySharer).toEqual([{ key: PEOPLE.stranger, label: `顾客 ${PEOPLE.stranger.slice(-4)}`, visits: 3 }]);
    expect(stats.data.byGroup).toEqual([{ key: group.openGId, label: '', visits: 3 }]);
  });
});
