// The built weapp's live page (packages/live) rendered by miniprogram-simulate against the real
// emulator, with WeChat's Channels APIs answered by the test as the WeChat client would: when the
// shop's Channels account is live the page shows 进入直播间 and a tap opens the live room; before
// a show with a reservable notice it shows 预约直播 and a tap books it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { bootMiniProgram, waitFor, type MiniProgram, answer, text } from './harness';

const DIST = path.resolve(__dirname, '../../dist/weapp');
const OWNER = 'demo-owner-laozhang';
const BUYER = 'demo-buyer-wangayi';
const FINDER = 'sphDemoShop01';

type Json = Record<string, any>;



const HOUR = 3_600_000;

describe('the built weapp live page with the Channels APIs', () => {
  let emu: TestEmulator;
  let mp: MiniProgram;
  // What WeChat's Channels APIs answer in the current case, and what the page asked of them.
  let liveInfo: Json = { status: 1 };
  let noticeInfo: Json | null = null;
  const opened: Json[] = [];
  const reserved: Json[] = [];

  async function createShow(startAt: number): Promise<string> {
    const show = {
      title: '长白山林下参专场',
      startAt,
      streamerOpenIds: [],
      items: [
        { productId: 'linxiashen', skuId: '8y', livePriceLi: 98_000, limitPerBuyer: 2, stockCap: 20 },
        { productId: 'lingzhi', skuId: '250g', livePriceLi: 99_000, limitPerBuyer: null, stockCap: null },
      ],
    };
    const created = await emu.reply('live', { action: 'createShow', payload: { shopId: 'demo-shop', show } }, OWNER);
    if (!created.ok) throw new Error(`show not created: ${JSON.stringify(created.error)}`);
    return created.data.show.id;
  }

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST} is missing: run \`npm run build:weapp\` first`);
    emu = await startTestEmulator();
    const saved = await emu.reply('live', { action: 'saveLiveSettings', payload: { shopId: 'demo-shop', settings: { finderUserName: FINDER, autoEndMinutes: 240 } } }, OWNER);
    if (!saved.ok) throw new Error(`live settings not saved: ${JSON.stringify(saved.error)}`);
    mp = bootMiniProgram(DIST, (name, data) => emu.call(name, data, BUYER), {
      getChannelsLiveInfo: (options: Json) =>
        answer(options, options.finderUserName === FINDER ? Promise.resolve({ errMsg: 'getChannelsLiveInfo:ok', feedId: 'feed-1', nonceId: 'nonce-1', description: '', headUrl: '', nickname: '林下参阿凤', otherInfos: [], ...liveInfo }) : Promise.reject({ errMsg: 'getChannelsLiveInfo:fail finder not found' })),
      openChannelsLive: (options: Json) => {
        const { success: _s, fail: _f, complete: _c, ...params } = options;
        opened.push(params);
        return answer(options, Promise.resolve({ errMsg: 'openChannelsLive:ok' }));
      },
      getChannelsLiveNoticeInfo: (options: Json) =>
        answer(options, noticeInfo ? Promise.resolve({ errMsg: 'getChannelsLiveNoticeInfo:ok', ...noticeInfo }) : Promise.reject({ errMsg: 'getChannelsLiveNoticeInfo:fail no notice' })),
      reserveChannelsLive: (options: Json) => {
        const { success: _s, fail: _f, complete: _c, ...params } = options;
        reserved.push(params);
        // 6: the viewer had not booked and booked it in WeChat's sheet.
        return answer(options, Promise.resolve({ errMsg: 'reserveChannelsLive:ok', state: 6 }));
      },
    });
  });
  afterAll(() => emu?.close());

  it('shows 进入直播间 while the Channels account is live, and a tap opens the live room with its feed', async () => {
    const showId = await createShow(Date.now());
    await emu.reply('live', { action: 'startShow', payload: { showId } }, OWNER);
    const shown = await emu.reply('live', { action: 'vendorShow', payload: { showId } }, OWNER);
    const itemId = shown.data.show.items[0].id;
    await emu.reply('live', { action: 'setItemOn', payload: { showId, itemId, on: true } }, OWNER);
    await emu.reply('live', { action: 'pin', payload: { showId, itemId } }, OWNER);
    liveInfo = { status: 2 };

    const page = mp.openPage('packages/live/show/index', { showId });
    const enter = await waitFor(() => page.all('live-banner-enter')[0], () => `the 进入直播间 banner; the page shows: ${text(page.dom)}`, 10_000);
    expect(text(enter)).toBe('进入直播间');
    expect(text(page.all('live-state')[0])).toBe('直播中');
    // The pinned item on top at its live price.
    expect(text(page.all('live-pinned-name')[0])).toBe('长白山林下参');
    expect(text(page.all('live-pinned')[0])).toContain('¥98.00');
    expect(text(page.all('live-pinned')[0])).toContain('限购 2 支');
    expect(text(page.all('live-pinned-buy')[0])).toBe('立即抢购');

    page.tap(enter);
    await waitFor(() => opened.length > 0, 'a call of wx.openChannelsLive');
    expect(opened[0]).toMatchObject({ finderUserName: FINDER, feedId: 'feed-1', nonceId: 'nonce-1' });
    page.unload();
  });

  it('follows the streamer pinning another item, and 立即抢购 goes to checkout as buy-now with the show', async () => {
    liveInfo = { status: 2 };
    const showId = await createShow(Date.now());
    await emu.reply('live', { action: 'startShow', payload: { showId } }, OWNER);
    const [first, second] = (await emu.reply('live', { action: 'vendorShow', payload: { showId } }, OWNER)).data.show.items;
    for (const item of [first, second]) await emu.reply('live', { action: 'setItemOn', payload: { showId, itemId: item.id, on: true } }, OWNER);
    await emu.reply('live', { action: 'pin', payload: { showId, itemId: first.id } }, OWNER);

    const page = mp.openPage('packages/live/show/index', { showId });
    await waitFor(() => text(page.all('live-pinned-name')[0]) === '长白山林下参', () => `林下参 pinned; the page shows: ${text(page.dom)}`, 10_000);
    await emu.reply('live', { action: 'pin', payload: { showId, itemId: second.id } }, OWNER);
    // The page polls the pulse every second: the new pin shows within 2 s.
    await waitFor(() => text(page.all('live-pinned-name')[0]) === '林下赤灵芝', () => `灵芝 pinned; the card shows: ${text(page.all('live-pinned')[0])}`, 2_000);
    expect(text(page.all('live-pinned')[0])).toContain('¥99.00');
    expect(page.all('live-item-name').map(text)).toEqual(['长白山林下参']);

    const seen = mp.navigations.length;
    page.tap(page.all('live-pinned-buy')[0]);
    const url = new URL(await waitFor(() => mp.navigations[seen], 'a navigateTo'), 'https://servicewechat.com');
    expect(url.pathname).toBe('/packages/buyer/checkout/index');
    expect(url.searchParams.get('from')).toBe('buynow');
    expect(url.searchParams.get('liveShowId')).toBe(showId);
    page.unload();
  });

  it('before the show, with a reservable notice, shows the start time and 预约直播, and a tap books it', async () => {
    liveInfo = { status: 1, feedId: '', nonceId: '' };
    const startAt = Date.now() + 26 * HOUR;
    noticeInfo = { noticeId: 'notice-7', status: 0, startTime: String(Math.floor(startAt / 1000)), reservable: true, headUrl: '', nickname: '林下参阿凤', otherInfos: [] };
    const showId = await createShow(startAt);

    const page = mp.openPage('packages/live/show/index', { showId });
    const reserve = await waitFor(() => page.all('live-reserve')[0], () => `预约直播; the page shows: ${text(page.dom)}`, 10_000);
    expect(text(reserve)).toBe('预约直播');
    expect(text(page.all('live-state')[0])).toBe('预告');
    expect(text(page.all('live-start')[0])).toMatch(/开播$/);
    expect(page.all('live-banner-enter')).toHaveLength(0);

    page.tap(reserve);
    await waitFor(() => reserved.length > 0, 'a call of wx.reserveChannelsLive');
    expect(reserved[0]).toMatchObject({ noticeId: 'notice-7' });
    await waitFor(() => text(page.all('live-reserved')[0]).startsWith('已预约'), () => `已预约; the page shows: ${text(page.dom)}`);
    expect(page.all('live-reserve')).toHaveLength(0);
    page.unload();
  });
});
