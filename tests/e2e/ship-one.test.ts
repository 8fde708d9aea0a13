// Shipping one order from its page in the browser: 老张 taps 发货 on 王阿姨's paid express order,
// picks the carrier from the list (no typing), is asked for the number when he leaves it out, types
// it, and she sees 已发货 with 快递 韵达 and the number. The browser has no camera scan: no 扫一扫.
import type { Browser, Page } from 'playwright-core';
import { CARRIERS } from '@core/shipping-record';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, screenshots } from '../support/browser';

const OWNER = 'demo-owner-laozhang';
const WANG = 'demo-buyer-wangayi';
const SHOP = 'demo-shop';

describe('a vendor ships one order with a carrier from the list', () => {
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;
  let orderId = '';

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 1400 }, deviceScaleFactor: 1 });
    const orders = (action: string, payload: unknown, openid: string) => emu.reply('orders', { action, payload, requestId: `e2e-ship-one-${action}` }, openid);
    const address = { name: '王阿姨', phone: '13800138000', province: '重庆市', city: '重庆市', district: '酉阳县', detail: '桃花源街道 1 号' };
    const placed = await orders('place', { shopId: SHOP, lines: [{ productId: 'larou', skuId: 'wuhua', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'offline' }, WANG);
    orderId = placed.data.order.id;
    await orders('markTransferred', { orderId }, WANG);
    expect((await orders('confirmTransfer', { orderId }, OWNER)).data.order.state).toBe('paid');
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const { shown, openAs, textOf, waitForText } = demoPage(() => page, () => emu.url);
  const shot = screenshots(() => page, 'ship-one');

  it('offers the carriers as a list, asks for the number when it is missing, and ships with both', async () => {
    await openAs(OWNER, `/packages/seller/order/index?shopId=${SHOP}&orderId=${orderId}`);
    await shown('.order-action-ship').click();
    const options = shown('.action-form-ship .action-option');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual(CARRIERS.map((carrier) => carrier.names[0]));
    expect(await shown('.action-scan').count()).toBe(0);
    await options.filter({ hasText: '韵达' }).click();
    await waitForText('.action-option.is-on', '韵达');
    await shown('.action-form-ship .action-form-confirm').click();
    await waitForText('.action-form-error', '快递单号');
    await shown('.action-input-number input').fill('YD3100000099');
    await shot('form');
    await shown('.action-form-ship .action-form-confirm').click();
    await waitForText('.vendor-order-state .state-badge', '已发货');
    expect(emu.db.find('orders', { _id: orderId })[0]).toMatchObject({ state: 'shipped', fulfilment: { tracking: { carrier: '韵达', number: 'YD3100000099' } } });

    await openAs(WANG, `/packages/buyer/order/index?orderId=${orderId}`);
    await waitForText('.order-head', '已发货');
    expect(await textOf('.fulfilment-tracking')).toBe('快递 韵达 YD3100000099');
  });
});
