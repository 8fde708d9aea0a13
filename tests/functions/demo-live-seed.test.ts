// What `npm start` offers for trying live selling: the demo shop's Channels account and a show
// tonight that 阿凤 runs, with 林下参 at a live price under its usual one.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { DEMO_LIVE_SHOW_ID, DEMO_SHOP_ID } from '../../emulator/seed/demo';

const OWNER = 'demo-owner-laozhang';
const AFENG = 'demo-streamer-afeng';

describe('the demo live show npm start seeds', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ demoCampaign: true });
  });
  afterAll(() => emu.close());

  it('has the shop’s 视频号 and a show at 20:00 Shanghai time that 阿凤 may run, 林下参 below its price, 2 per buyer, 20 at that price', async () => {
    const settings = await emu.reply('live', { action: 'liveSettings', payload: { shopId: DEMO_SHOP_ID } }, OWNER);
    expect(settings.data.settings).toEqual({ finderUserName: 'sphDemoLaozhang', autoEndMinutes: 240 });

    const listed = await emu.reply('live', { action: 'listShows', payload: { shopId: DEMO_SHOP_ID } }, AFENG);
    expect(listed.data.shows).toEqual([expect.objectContaining({ id: DEMO_LIVE_SHOW_ID, title: '长白山林下参专场', state: 'scheduled', items: 3, mine: true })]);

    const { data } = await emu.reply('live', { action: 'vendorShow', payload: { showId: DEMO_LIVE_SHOW_ID } }, AFENG);
    expect(data.show).toMatchObject({ canRun: true, canEdit: false, streamers: [{ openid: AFENG, name: '阿凤' }] });
    expect(new Date(data.show.startAt + 8 * 3_600_000).toISOString().slice(11, 16)).toBe('20:00');
    const [ginseng, ...others] = data.show.items;
    expect(ginseng).toMatchObject({ productId: 'linxiashen', limitPerBuyer: 2, stockCap: 20, left: 20 });
    expect(ginseng.livePriceLi).toBeLessThan(ginseng.priceLi);
    expect(others.map((item: { productId: string }) => item.productId)).toEqual(['lingzhi', 'zhenmo']);
  });
});
