// The built weapp's 拼团 page (packages/group/pintuan), rendered by miniprogram-simulate against
// the real emulator: 小李 started a 2人拼 of the 腊肉 and paid; 王阿姨 opens the group and sees his
// masked name as 团长, an empty seat, 还差 1 人 with the countdown, and 参团 at the group price,
// which opens checkout in this group.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { bootMiniProgram, waitFor, type MiniProgram, text } from './harness';

const DIST = path.resolve(__dirname, '../../dist/weapp');
const OWNER = 'demo-owner-laozhang';
const LI = 'demo-buyer-xiaoli';
const WANG = 'demo-buyer-wangayi';
const SHOP = 'demo-shop';
const DAY = 24 * 3600 * 1000;


describe('the built weapp 拼团 page', () => {
  let emu: TestEmulator;
  let mp: MiniProgram;
  let groupId = '';
  let offerId = '';

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST} is missing: run \`npm run build:weapp\` first`);
    emu = await startTestEmulator();
    const { data } = await emu.reply('shop', { action: 'getSettings', payload: { shopId: SHOP } }, OWNER);
    const settings = { ...data.settings, payment: { ...data.settings.payment, wechatPay: { enabled: true, subMchId: '1900000109' } } };
    await emu.reply('shop', { action: 'updateSettings', payload: { shopId: SHOP, settings } }, OWNER);
    const offer = { size: 2, skus: [{ skuId: 'wuhua', priceLi: 49_900, leaderPriceLi: null }], openHours: 24, limitPerBuyer: 1, startAt: Date.now() - 60_000, endAt: Date.now() + 7 * DAY };
    const set = await emu.reply('groupbuy', { action: 'setOffer', payload: { productId: 'larou', offer } }, OWNER);
    offerId = set.data.offer.id;
    // 小李 starts the group and pays.
    const address = { name: '李小红', phone: '13900139000', province: '重庆', city: '重庆市', district: '酉阳县', detail: '桃花源街道 8 号' };
    const placed = await emu.reply(
      'orders',
      { action: 'place', requestId: 'weapp-group-li', payload: { shopId: SHOP, lines: [{ productId: 'larou', skuId: 'wuhua', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'wechat', group: { offerId } } },
      LI,
    );
    expect(placed.ok).toBe(true);
    const started = await emu.reply('orders', { action: 'pay', payload: { orderId: placed.data.order.id } }, LI);
    await emu.pay.pay(started.data.outTradeNo);
    const seen = await emu.reply('orders', { action: 'getOrder', payload: { orderId: placed.data.order.id } }, LI);
    expect(seen.data.order.group).toMatchObject({ status: 'open', seat: 'paid' });
    groupId = seen.data.order.group.groupId;
    mp = bootMiniProgram(DIST, (name, payload) => emu.call(name, payload, WANG));
  });
  afterAll(() => emu?.close());

  it('shows the 团长, the empty seat, 还差 1 人 with the countdown, and 参团 opens checkout in this group', async () => {
    const page = mp.openPage('packages/group/pintuan/index', { groupId });
    await waitFor(() => page.all('pintuan-missing')[0], () => `the group state; the page shows: ${text(page.dom)}`, 10_000);
    expect(text(page.all('pintuan-missing')[0])).toBe('还差 1 人');
    expect(text(page.all('pintuan-countdown')[0])).toMatch(/^2[34]:\d\d:\d\d 后结束$/);
    expect(text(page.all('pintuan-product-name')[0])).toBe('酉阳柴火烟熏腊肉');
    expect(text(page.all('pintuan-price')[0])).toBe('2人拼 ¥49.90/斤');
    expect(page.all('pintuan-member')).toHaveLength(2);
    // 小李 as 团长 (his receiver's name, masked), then the seat still free.
    expect(page.all('pintuan-member-name').map(text)).toEqual(['李*红', '等你来']);
    expect(text(page.all('pintuan-leader')[0])).toBe('团长');
    expect(text(page.all('pintuan-join')[0])).toBe('参团 ¥49.90');

    page.tap(page.all('pintuan-join')[0]);
    const url = new URL(await waitFor(() => mp.navigations.at(-1), 'a navigateTo'), 'https://servicewechat.com');
    expect(url.pathname).toBe('/packages/buyer/checkout/index');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ shopId: SHOP, from: 'buynow', groupOfferId: offerId, groupId });
    page.unload();
  });
});
