// A show's links through the real emulator and gateway: the path with the caller's own share code
// (the one share.createRef gives for the same target), the card title and 群发文案 before and during
// the show, the short link from shortlink.generate, an individual account's refusal said plainly,
// and who may have the links at all (every refusal mints no code).
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, addStreamers, OTHER_STREAMER, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { startOfShanghaiDay } from '@core/dates';
import { sharePath } from '@core/share';

const HOUR = 3_600_000;
const FINDER = 'sphTestLinks';
/** A streamer of the shop who is not assigned to the show. */

describe('a live show’s links', () => {
  let emu: TestEmulator;
  let seq = 0;
  let showId: string;
  let itemId: string;
  let otherItemId: string;
  /** 20:00 tomorrow in Shanghai: the announcement says 明晚8点. */
  let startAt: number;

  const call = (fn: string, action: string, payload: unknown, openid?: string) => emu.reply(fn, { action, payload, requestId: `ll-${++seq}` }, openid);
  const links = (payload: { showId: string; itemId?: string }, openid: string = PEOPLE.owner) => call('live', 'links', payload, openid);

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    addStreamers(emu);
    const shen = insertProduct(emu, 100, { name: '长白山林下参', unit: '支', skus: [{ id: 'a', spec: '', priceLi: 128_000, stock: 100, tiers: [], minQty: 1, stepQty: 1 }] });
    const honey = insertProduct(emu, 100, { name: '椴树蜜', unit: '瓶' });
    expect((await call('live', 'saveLiveSettings', { shopId: DEMO_SHOP_ID, settings: { finderUserName: FINDER, autoEndMinutes: 240 } }, PEOPLE.owner)).ok).toBe(true);
    startAt = startOfShanghaiDay(Date.now()) + 24 * HOUR + 20 * HOUR;
    const created = await call(
      'live',
      'createShow',
      {
        shopId: DEMO_SHOP_ID,
        show: {
          title: '长白山林下参专场',
          startAt,
          streamerOpenIds: [PEOPLE.streamer],
          items: [
            { productId: shen, skuId: 'a', livePriceLi: 98_000, limitPerBuyer: 2, stockCap: null },
            { productId: honey, skuId: 'a', livePriceLi: 8_000, limitPerBuyer: null, stockCap: null },
          ],
        },
      },
      PEOPLE.owner,
    );
    expect(created.ok).toBe(true);
    showId = created.data.show.id;
    [itemId, otherItemId] = created.data.show.items.map((item: { id: string }) => item.id);
  }, 60_000);
  afterAll(() => emu.close());
  afterEach(() => {
    emu.openApi.accountSubject = 'organization';
  });

  it('gives the owner an item’s path with their share code, the card title and the announcement before the show, and a short link to that path', async () => {
    const reply = await links({ showId, itemId });
    expect(reply.ok).toBe(true);
    const { path, code, cardTitle, announceText, shortLink } = reply.data;
    expect(path).toBe(sharePath(DEMO_SHOP_ID, { kind: 'live', showId, itemId }, code));
    // The same code share.createRef hands the same person for the same target: visits add up.
    const ref = await call('share', 'createRef', { shopId: DEMO_SHOP_ID, target: { kind: 'live', showId, itemId } }, PEOPLE.owner);
    expect(ref.data).toEqual({ code, path });
    expect(cardTitle).toBe('明晚8点直播：长白山林下参，直播价¥98.00');
    expect(announceText).toBe(['明晚8点直播，点卡片预约', '【长白山林下参专场】', '1. 长白山林下参 直播价¥98.00/支（原价¥128.00），每人限购2支', `小程序路径：${path}`].join('\n'));
    expect(shortLink).toEqual({ ok: true, link: expect.stringMatching(/^#小程序:\/\/仙人掌小店\/.+\/\w{15}$/) });
    const generated = emu.openApi.shortLinks().at(-1);
    expect(generated).toMatchObject({ pageUrl: path.slice(1), pageTitle: cardTitle, isPermanent: false, link: shortLink.link, fromOpenId: PEOPLE.owner });
  });

  it('names every item of the show in the show’s links, and gives each person and each target its own code', async () => {
    const show = await links({ showId }, PEOPLE.staff);
    expect(show.data.cardTitle).toBe('明晚8点直播：长白山林下参专场');
    expect(show.data.announceText.split('\n').filter((line: string) => /^\d\. /.test(line))).toHaveLength(2);
    expect(show.data.path).toBe(sharePath(DEMO_SHOP_ID, { kind: 'live', showId }, show.data.code));
    const ownerShow = await links({ showId });
    const ownerItem = await links({ showId, itemId: otherItemId });
    expect(new Set([show.data.code, ownerShow.data.code, ownerItem.data.code]).size).toBe(3);
    expect((await links({ showId })).data.code).toBe(ownerShow.data.code);
  });

  it('says 正在直播 with the live price once the show is on air, for the show’s own streamer too', async () => {
    expect((await call('live', 'startShow', { showId }, PEOPLE.streamer)).ok).toBe(true);
    const { data } = await links({ showId, itemId }, PEOPLE.streamer);
    expect(data.cardTitle).toBe('正在直播：长白山林下参，直播价¥98.00');
    expect(data.liveText).toBe(['正在直播：长白山林下参专场', '1. 长白山林下参 直播价¥98.00/支（原价¥128.00），每人限购2支', '点卡片下单', `小程序路径：${data.path}`].join('\n'));
  });

  it('answers an individual account’s short-link refusal plainly beside the other links, not as an error', async () => {
    emu.openApi.accountSubject = 'individual';
    const reply = await links({ showId, itemId });
    expect(reply.ok).toBe(true);
    expect(reply.data.shortLink).toEqual({ ok: false, message: '个人主体的小程序不能生成短链，请用小程序码或卡片分享' });
    expect(reply.data.path).toContain(`ref=${reply.data.code}`);
  });

  it.each([
    ['a buyer', PEOPLE.stranger, 'NOT_A_MEMBER'],
    ['another shop’s owner', PEOPLE.otherOwner, 'NOT_A_MEMBER'],
    ['a streamer not assigned to the show', OTHER_STREAMER, 'LIVE_NOT_ASSIGNED'],
  ])('refuses %s, minting no code', async (_who, openid, code) => {
    const refs = emu.db.find('shareRefs').length;
    expect(await links({ showId, itemId }, openid)).toMatchObject({ ok: false, error: { code } });
    expect(emu.db.find('shareRefs').length).toBe(refs);
  });

  it('refuses an item that is not the show’s and a show that does not exist', async () => {
    expect(await links({ showId, itemId: 'i99' })).toMatchObject({ ok: false, error: { code: 'LIVE_ITEM_NOT_FOUND' } });
    expect(await links({ showId: 'no-such-show' })).toMatchObject({ ok: false, error: { code: 'LIVE_SHOW_NOT_FOUND' } });
  });
});
