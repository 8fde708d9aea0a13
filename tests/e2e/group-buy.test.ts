// N-person 拼团 in Chromium on the H5 build, each person on their own phone (browser context):
// 老张 sets a 2人拼 offer on the 腊肉 in the product editor; 小李 sees both prices on the product
// page, starts a group (发起拼团) and pays with WeChat Pay on the sandbox's pay sheet; his order
// reads 拼团中 · 还差 1 人. 王阿姨 opens the group from 小李's share card, joins (参团) and pays: the
// group succeeds and both orders read 待发货 · 拼团成功; 老张 sees one succeeded group with both
// members. Then a 3-person group on the 渣海椒 with one paid member runs out of time: the orders
// timer fails it, and her order reads 拼团失败·已退款 with the full refund in the pay sandbox.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestEmulator, switchOnWechatPay, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, SCREENSHOT_DIR, type DemoPage } from '../support/browser';

const OWNER = 'demo-owner-laozhang';
const WANG = 'demo-buyer-wangayi';
const LI = 'demo-buyer-xiaoli';
const SHOP = 'demo-shop';
const DAY = 24 * 3600 * 1000;

/** One person's phone: their own storage, signed in as them. */
interface Phone extends DemoPage {
  context: BrowserContext;
  page: Page;
}

interface PaySandboxList {
  orders: { outTradeNo: string; totalFee: number; subOpenid?: string }[];
  refunds: { outTradeNo: string; refundFee: number; totalFee: number }[];
}

async function eventually<T>(read: () => T | Promise<T>): Promise<T> {
  let value = await read();
  for (let i = 0; i < 50 && !value; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

describe('拼团: a 2-person group fills from the share card and ships; a 3-person group runs out of time and refunds itself', () => {
  jest.setTimeout(60_000);
  let emu: TestEmulator;
  let browser: Browser;
  let vendor: Phone;
  let li: Phone;
  let wang: Phone;
  let groupId = '';
  let liOrderId = '';
  let wangOrderId = '';

  async function phone(): Promise<Phone> {
    const context = await browser.newContext({ viewport: { width: 390, height: 1600 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    return { context, page, ...demoPage(() => page, () => emu.url) };
  }
  const shot = async (who: Phone, name: string) => {
    // Taro's H5 router slides a new page in from the right: let it settle.
    await who.page.waitForTimeout(400);
    await who.page.screenshot({ path: join(SCREENSHOT_DIR, `group-buy-${name}.png`), fullPage: true });
  };
  /** Types a delivery address at checkout (a buyer's first order). */
  const typeAddress = async ({ shown, waitForText }: Phone, name: string, phoneNo: string) => {
    await shown('.new-address').click();
    await shown('.address-name input').fill(name);
    await shown('.address-phone input').fill(phoneNo);
    await shown('.address-province input').fill('重庆');
    await shown('.address-city input').fill('重庆市');
    await shown('.address-district input').fill('酉阳县');
    await shown('.address-detail input').fill('桃花源街道 8 号');
    await shown('.address-save').click();
    await waitForText('.saved-address.is-selected', name);
  };
  /** 提交订单 with WeChat Pay, then 确认支付 on the sandbox's pay sheet that opens with the order. */
  const placeAndPay = async (who: Phone, total: string) => {
    await who.waitForText('.checkout-total', total);
    // 拼团 takes WeChat Pay only: it is the one way offered.
    expect(await who.shown('.payment-offline').count()).toBe(0);
    await who.shown('.place-order').click();
    await who.shown('.taro-modal__content').waitFor({ timeout: 10_000 });
    expect(await who.textOf('.taro-modal__text')).toContain(total);
    await who.page.locator('.taro-model__btn', { hasText: '确认支付' }).click();
  };
  const orderIdOf = (who: Phone) => new URL(who.page.url().replace('/#/', '/'), emu.url).searchParams.get('orderId') ?? '';
  const paySandbox = async (): Promise<PaySandboxList> => (await fetch(`${emu.url}/api/pay/orders`)).json() as Promise<PaySandboxList>;

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    // The shop takes WeChat Pay: 拼团 needs it, so a failed group's money goes back by itself.
    await switchOnWechatPay(emu, { shopId: SHOP, owner: OWNER });
    browser = await launchBrowser();
    vendor = await phone();
    li = await phone();
    wang = await phone();
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  it('lets 老张 set a 2人拼 offer on the 腊肉’s 五花 in the product editor', async () => {
    const { shown, openAs, waitForText } = vendor;
    await openAs(OWNER, `/packages/seller/editor/index?shopId=${SHOP}&productId=larou`);
    await shown('.editor-group-offer .group-size-input input').fill('2');
    await shown('.group-sku-wuhua .group-price-input input').fill('49.9');
    await shown('.group-hours-input input').fill('24');
    await shown('.group-offer-save').click();
    await waitForText('.group-offer-status', '正在拼团：2人拼');
    await shot(vendor, 'editor');
    const [offer] = emu.db.find('groupOffers', { productId: 'larou' });
    // Only the 五花 is offered: the 后腿 was left without a 拼团价.
    expect(offer).toMatchObject({ shopId: SHOP, size: 2, openHours: 24, skus: [expect.objectContaining({ skuId: 'wuhua', priceLi: 49_900 })] });
  });

  it('shows 小李 both prices on the product page; he starts a group and pays with WeChat Pay', async () => {
    const { shown, openAs, textOf, waitForText, page } = li;
    await openAs(LI, '/pages/product/index?productId=larou');
    expect(await textOf('.group-offer-prices')).toBe('单独购买 ¥58.00 · 2人拼 ¥49.90');
    expect(await shown('.group-open').count()).toBe(0);
    await shot(li, 'product');
    await shown('.group-start').click();
    await waitForText('.checkout-group-title', '发起拼团');
    await typeAddress(li, '李小红', '13900139000');
    await placeAndPay(li, '¥59.90');

    // Paid, the group opens and waits for one more.
    await waitForText('.order-group-status', '拼团中 · 还差 1 人');
    expect(await textOf('.order-group-countdown')).toMatch(/^2[34]:\d\d:\d\d 后结束/);
    liOrderId = orderIdOf(li);
    await shot(li, 'order-waiting');
    const { data } = await emu.reply('orders', { action: 'getOrder', payload: { orderId: liOrderId } }, LI);
    expect(data.order).toMatchObject({ state: 'paid', group: { leader: true, seat: 'paid', status: 'open', size: 2, missing: 1 } });
    groupId = data.order.group.groupId;
    // Shipping waits for the group.
    const ship = await emu.reply('orders', { action: 'ship', payload: { orderId: liOrderId, tracking: null } }, OWNER);
    expect(ship).toMatchObject({ ok: false, error: { code: 'GROUP_NOT_SUCCEEDED' } });

    // 邀请好友参团 opens the group's page, which makes his share card.
    await shown('.order-group-share').click();
    await waitForText('.pintuan-missing', '还差 1 人');
    expect(await shown('.pintuan-share').count()).toBe(1);
    expect(page.url()).toContain(`groupId=${groupId}`);
  });

  it('lets 王阿姨 join from 小李’s share card and pay: the group succeeds and both orders read 待发货', async () => {
    // The card carries 小李's share code for this group and opens the group's page.
    const ref = await eventually(() => emu.db.find('shareRefs', { sharerOpenId: LI, 'target.kind': 'group', 'target.groupId': groupId })[0]);
    const card = await emu.reply('groupbuy', { action: 'getGroup', payload: { groupId } }, LI);
    expect(card.data.shareTitle).toBe('还差1人，¥49.90拼酉阳柴火烟熏腊肉');
    const { shown, openAs, textOf, waitForText } = wang;
    await openAs(WANG, `/packages/group/pintuan/index?groupId=${groupId}&ref=${String(ref._id)}&scene=1008`);
    await waitForText('.pintuan-missing', '还差 1 人');
    expect(await shown('.pintuan-member:not(.is-seat)').count()).toBe(1);
    expect(await textOf('.pintuan-member.is-leader .pintuan-member-name')).toBe('李*红');
    expect(await textOf('.pintuan-countdown')).toMatch(/^2[34]:\d\d:\d\d 后结束$/);
    await shot(wang, 'group');
    await shown('.pintuan-join').click();
    await waitForText('.checkout-group-title', '参团');
    await typeAddress(wang, '王秀英', '13800138000');
    await placeAndPay(wang, '¥59.90');

    await waitForText('.order-group-status', '拼团成功');
    await waitForText('.order-state-card .state-badge', '待发货');
    wangOrderId = orderIdOf(wang);
    await shot(wang, 'order-succeeded');
    expect(emu.db.find('orders', { _id: wangOrderId })[0]).toMatchObject({ source: { ref: String(ref._id), scene: 1008 } });
    // Her visit counts for the group, under 小李's share.
    expect(emu.db.find('visits', { 'target.kind': 'group', 'target.groupId': groupId, visitorOpenId: WANG })).toEqual([expect.objectContaining({ sharerOpenId: LI, scene: 1008 })]);

    await li.openAs(LI, `/packages/buyer/order/index?orderId=${liOrderId}`);
    await li.waitForText('.order-group-status', '拼团成功');
    await li.waitForText('.order-state-card .state-badge', '待发货');
  });

  it('shows 老张 one succeeded group with both members and what they paid', async () => {
    const { shown, openAs, textOf, waitForText } = vendor;
    await openAs(OWNER, `/packages/seller/editor/index?shopId=${SHOP}&productId=larou`);
    await shown('.group-offer-groups').click();
    await waitForText('.offer-groups-tab-succeeded', '已成团 1');
    await shown('.offer-groups-tab-succeeded').click();
    await shown('.offer-group.is-succeeded').first().waitFor();
    expect(await shown('.offer-group').count()).toBe(1);
    expect(await textOf('.offer-group-line')).toMatch(/^2 人成团/);
    expect(await textOf('.offer-group-amounts')).toBe('收款 ¥119.80');
    expect(await shown('.group-member-row.is-paid').count()).toBe(2);
    expect(await textOf('.group-member-row')).toContain('李小红（团长）');
    await shot(vendor, 'groups');
  });

  it('refunds the one member of a 3-person group that ran out of time, by itself: 拼团失败·已退款', async () => {
    // A 3人拼 on the 渣海椒 (¥18.80 alone, ¥15.00 in a group), open for an hour.
    const offer = { size: 3, skus: [{ skuId: '500g', priceLi: 15_000, leaderPriceLi: null }], openHours: 1, limitPerBuyer: 1, startAt: Date.now() - 60_000, endAt: Date.now() + 7 * DAY };
    expect((await emu.reply('groupbuy', { action: 'setOffer', payload: { productId: 'zhahaijiao', offer } }, OWNER)).ok).toBe(true);
    const { shown, openAs, textOf, waitForText } = wang;
    await openAs(WANG, '/pages/product/index?productId=zhahaijiao');
    expect(await textOf('.group-offer-prices')).toBe('单独购买 ¥18.80 · 3人拼 ¥15.00');
    await shown('.group-start').click();
    await waitForText('.checkout-group-title', '发起拼团');
    // Her address is remembered; ¥15.00 plus ¥10.00 express.
    await placeAndPay(wang, '¥25.00');
    await waitForText('.order-group-status', '拼团中 · 还差 2 人');
    const orderId = orderIdOf(wang);
    const { data } = await emu.reply('orders', { action: 'getOrder', payload: { orderId } }, WANG);
    const expiring = data.order.group.groupId as string;

    // The hour is up: the deadline moves into the past and the every-minute orders timer runs.
    const moved = await emu.db.handle({ action: 'database.modifyDocument', collectionName: 'groupBuys', query: JSON.stringify({ _id: expiring }), data: JSON.stringify({ deadlineAt: Date.now() - 61_000 }) });
    expect(moved).toMatchObject({ data: { updated: 1 } });
    await emu.timers.tick(Date.now() + 61_000);

    await openAs(WANG, `/packages/buyer/order/index?orderId=${orderId}`);
    await waitForText('.order-group-status', '拼团失败·已退款');
    await shot(wang, 'order-failed');
    const failed = await emu.reply('orders', { action: 'getOrder', payload: { orderId } }, WANG);
    expect(failed.data.order).toMatchObject({ group: { status: 'failed' }, payment: { paidFen: 2500, refundedFen: 2500 } });

    // The refund went through WeChat Pay (the sandbox), in full, once.
    const sandbox = await paySandbox();
    const paid = sandbox.orders.filter((order) => order.subOpenid === WANG && order.totalFee === 2500);
    expect(paid).toHaveLength(1);
    expect(sandbox.refunds.filter((refund) => refund.outTradeNo === paid[0].outTradeNo)).toEqual([expect.objectContaining({ refundFee: 2500, totalFee: 2500 })]);

    // The group page says so too, and no one can join it any more.
    await openAs(WANG, `/packages/group/pintuan/index?groupId=${expiring}`);
    await waitForText('.pintuan-missing', '拼团失败');
    expect(await shown('.pintuan-join').count()).toBe(0);
  });
});
