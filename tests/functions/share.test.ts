import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';

const LAROU = { kind: 'product', productId: 'larou' } as const;
const GROUP_SCENE = 1044; // opened from a card in a group chat

describe('share function', () => {
  let emu: TestEmulator;
  const share = (action: string, payload: unknown, openid?: string) => emu.reply('share', { action, payload }, openid);

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
  });
  afterAll(() => emu.close());

  it('gives a sharer one short code per target, carried in the card path as ref', async () => {
    const first = await share('createRef', { shopId: DEMO_SHOP_ID, target: LAROU }, PEOPLE.owner);
    const again = await share('createRef', { shopId: DEMO_SHOP_ID, target: LAROU }, PEOPLE.owner);
    expect(first.ok).toBe(true);
    expect(first.data.code).toMatch(/^[2-9a-z]{10}$/);
    expect(again.data.code).toBe(first.data.code);
    expect(first.data.path).toBe(`/pages/product/index?productId=larou&ref=${first.data.code}`);
    const resolved = await share('resolve', { code: first.data.code });
    expect(resolved.data).toEqual({ shopId: DEMO_SHOP_ID, target: LAROU, path: first.data.path });
  });

  it('lets a buyer share too, but never a product of another shop under this shop', async () => {
    expect((await share('createRef', { shopId: DEMO_SHOP_ID, target: { kind: 'shop' } }, PEOPLE.stranger)).ok).toBe(true);
    const wrong = await share('createRef', { shopId: DEMO_SHOP_ID, target: { kind: 'product', productId: 'other-honey' } }, PEOPLE.stranger);
    expect(wrong.error.code).toBe('PRODUCT_NOT_FOUND');
    expect((await share('createRef', { shopId: DEMO_SHOP_ID, target: LAROU })).error.code).toBe('UNAUTHENTICATED');
  });

  /** A group share as WeChat hands it over: a ticket for the group, then a CloudID from wx.getShareInfo for each viewer. */
  async function shareInto(groupName: string) {
    const ticket = await (await fetch(`${emu.url}/api/share-ticket`, { method: 'POST', body: JSON.stringify({ groupName }) })).json();
    const cloudIdFor = async (viewer: string): Promise<string> =>
      (await (await fetch(`${emu.url}/api/share-info`, { method: 'POST', headers: { 'x-cactus-openid': viewer }, body: JSON.stringify({ shareTicket: ticket.shareTicket }) })).json()).cloudID;
    return { openGId: ticket.openGId as string, cloudIdFor };
  }

  it('attributes a visit to the sharer and the group, and the vendor sees it under the names they know', async () => {
    const { data: ref } = await share('createRef', { shopId: DEMO_SHOP_ID, target: LAROU }, PEOPLE.streamer);
    const group = await shareInto('呼中同乡群');
    for (const visitor of ['v1', 'v2']) {
      const visit = await share('recordVisit', { shopId: DEMO_SHOP_ID, target: LAROU, ref: ref.code, scene: GROUP_SCENE, groupCloudId: await group.cloudIdFor(visitor) }, visitor);
      expect(visit).toEqual({ ok: true, data: {} });
    }
    await share('recordVisit', { shopId: DEMO_SHOP_ID, target: { kind: 'shop' }, scene: 1001 });
    expect((await share('nameGroup', { shopId: DEMO_SHOP_ID, openGId: group.openGId, name: '呼中同乡群' }, PEOPLE.owner)).ok).toBe(true);

    const stats = await share('stats', { shopId: DEMO_SHOP_ID }, PEOPLE.owner);
    expect(stats.data.total).toBe(3);
    expect(stats.data.byProduct).toEqual([{ key: 'larou', label: '酉阳柴火烟熏腊肉', visits: 2 }]);
    expect(stats.data.bySharer).toEqual([{ key: PEOPLE.streamer, label: '阿凤', visits: 2 }]);
    expect(stats.data.byGroup).toEqual([{ key: group.openGId, label: '呼中同乡群', visits: 2 }]);
    const stored = emu.db.find('visits', { ref: ref.code });
    expect(stored.map((visit) => visit.visitorOpenId).sort()).toEqual(['v1', 'v2']);
  });

  it('counts a group only for the viewer its CloudID was issued to, and a made-up CloudID as no group', async () => {
    const group = await shareInto('龙潭老乡群');
    const viewer = 'viewer-from-group';
    const cloudId = await group.cloudIdFor(viewer);
    const payload = { shopId: DEMO_SHOP_ID, target: { kind: 'shop' }, scene: GROUP_SCENE };
    for (const [groupCloudId, openid] of [[cloudId, viewer], ['cid_made_up', viewer], [cloudId, 'someone-else'], [cloudId, undefined]] as const) {
      expect(await share('recordVisit', { ...payload, groupCloudId }, openid)).toEqual({ ok: true, data: {} });
    }
    const visits = emu.db.find('visits', { shopId: DEMO_SHOP_ID, scene: GROUP_SCENE, target: { kind: 'shop' } });
    expect(visits.map((visit) => [visit.visitorOpenId, visit.openGId])).toEqual([
      [viewer, group.openGId],
      [viewer, null],
      ['someone-else', null],
      [null, null],
    ]);
    expect(emu.db.find('groups', { openGId: group.openGId })).toHaveLength(1);
  });

  it('counts group data a caller made up as no group, in the payload or beside it, signed in or not', async () => {
    const forged = { cloudID: 'cid-1', data: { openGId: 'G-forged', watermark: { appid: 'wx-cactus-local', timestamp: 1 } } };
    const payload = { shopId: DEMO_SHOP_ID, target: { kind: 'shop' }, scene: GROUP_SCENE };
    for (const openid of ['forger', undefined]) {
      expect(await emu.reply('share', { action: 'recordVisit', payload: { ...payload, group: forged } }, openid)).toEqual({ ok: true, data: {} });
      expect(await emu.reply('share', { action: 'recordVisit', payload, group: forged }, openid)).toEqual({ ok: true, data: {} });
    }
    expect(emu.db.find('visits', { openGId: 'G-forged' })).toEqual([]);
    expect(emu.db.find('groups', { openGId: 'G-forged' })).toEqual([]);
    const stats = await share('stats', { shopId: DEMO_SHOP_ID }, PEOPLE.owner);
    expect(stats.data.byGroup.map((row: { key: string }) => row.key)).not.toContain('G-forged');
  });

  it('ignores a share code from another shop when attributing a visit', async () => {
    const { data: foreign } = await share('createRef', { shopId: OTHER_SHOP_ID, target: { kind: 'shop' } }, PEOPLE.otherOwner);
    await share('recordVisit', { shopId: DEMO_SHOP_ID, target: { kind: 'shop' }, ref: foreign.code, scene: 1007 }, 'v3');
    const [visit] = emu.db.find('visits', { visitorOpenId: 'v3' });
    expect(visit).toMatchObject({ ref: null, sharerOpenId: null, shopId: DEMO_SHOP_ID });
  });

  it('shows a shop’s figures only to its owner and staff', async () => {
    for (const [who, code] of [
      [PEOPLE.staff, undefined],
      [PEOPLE.streamer, 'FORBIDDEN'],
      [PEOPLE.stranger, 'NOT_A_MEMBER'],
      [PEOPLE.otherOwner, 'NOT_A_MEMBER'],
    ] as const) {
      const reply = await share('stats', { shopId: DEMO_SHOP_ID }, who);
      expect(reply.ok ? undefined : reply.error.code).toBe(code);
    }
    const before = emu.db.find('groups');
    expect((await share('nameGroup', { shopId: DEMO_SHOP_ID, openGId: 'G-hometown', name: '乱改' }, PEOPLE.otherOwner)).error.code).toBe('NOT_A_MEMBER');
    expect(emu.db.find('groups')).toEqual(before);
  });

  it('makes a poster code: a real PNG whose scene is a code that opens the product', async () => {
    const reply = await share('posterCode', { shopId: DEMO_SHOP_ID, target: LAROU }, PEOPLE.owner);
    expect(reply.data.png).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    const resolved = await share('resolve', { code: reply.data.code });
    expect(resolved.data.target).toEqual(LAROU);
  });

  it('writes the group text for the chosen goods with the shop link, for members only', async () => {
    const reply = await share('groupText', { shopId: DEMO_SHOP_ID, productIds: ['lalian', 'larou'] }, PEOPLE.staff);
    const lines = reply.data.text.split('\n');
    expect(lines[0]).toBe('【老张山货铺】好货上新');
    expect(lines[1]).toBe('1. 义乌尼龙拉链 ¥0.07/条起，1000条起 ¥0.065/条，100条起卖，现货 2天内发货');
    expect(lines[2]).toMatch(/^2\. 酉阳柴火烟熏腊肉 ¥52\.00\/斤起/);
    expect(lines.at(-1)).toMatch(/^小程序路径：\/pages\/index\/index\?shopId=demo-shop&ref=[2-9a-z]{10}$/);
    expect((await share('groupText', { shopId: DEMO_SHOP_ID, productIds: ['larou'] }, PEOPLE.stranger)).error.code).toBe('NOT_A_MEMBER');
    expect((await share('groupText', { shopId: DEMO_SHOP_ID, productIds: ['other-honey'] }, PEOPLE.owner)).error.code).toBe('PRODUCT_NOT_FOUND');
  });

  it('rejects malformed visits and codes with field paths and records nothing', async () => {
    const before = emu.db.find('visits').length;
    const bad = await share('recordVisit', { shopId: DEMO_SHOP_ID, target: { kind: 'product' }, scene: 12 });
    expect(bad.error.code).toBe('VALIDATION_FAILED');
    expect(bad.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['scene', 'target.productId']);
    expect((await share('resolve', { code: 'x'.repeat(33) })).error.code).toBe('VALIDATION_FAILED');
    expect((await share('resolve', { code: 'nosuchcode' })).error.code).toBe('SHARE_CODE_NOT_FOUND');
    expect(emu.db.find('visits').length).toBe(before);
  });
});
