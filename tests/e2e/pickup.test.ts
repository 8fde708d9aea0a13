// Pickup hand-over in the browser: 小李's paid pickup order shows her 取货码 large with its QR on
// her order page; 老张 types the code on 自提核销, sees who took what, and her order reads 已完成.
import type { Browser, Page } from 'playwright-core';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, screenshots } from '../support/browser';

const OWNER = 'demo-owner-laozhang';
const LI = 'demo-buyer-xiaoli';
const SHOP = 'demo-shop';

describe('a buyer collects her pickup order with its code', () => {
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;
  let orderId = '';

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 1400 }, deviceScaleFactor: 1 });
    // 小李's order for pickup at the town shop, paid by transfer and confirmed by 老张.
    const orders = (action: string, payload: unknown, openid: string) => emu.reply('orders', { action, payload, requestId: `e2e-pickup-${action}` }, openid);
    const placed = await orders('place', { shopId: SHOP, lines: [{ productId: 'larou', skuId: 'wuhua', quantity: 2 }], fulfilment: { kind: 'pickup', pointId: 'town', contact: { name: '小李', phone: '13900139000' } }, payment: 'offline' }, LI);
    orderId = placed.data.order.id;
    await orders('markTransferred', { orderId }, LI);
    expect((await orders('confirmTransfer', { orderId }, OWNER)).data.order.state).toBe('paid');
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const { shown, openAs, textOf, waitForText } = demoPage(() => page, () => emu.url);
  const shot = screenshots(() => page, 'pickup');

  let code = '';

  it('shows the buyer her six-digit pickup code, large, with its QR', async () => {
    await openAs(LI, `/packages/buyer/order/index?orderId=${orderId}`);
    const digits = await textOf('.pickup-code-digits');
    expect(digits).toMatch(/^\d{3} \d{3}$/);
    code = digits.replace(' ', '');
    expect(await shown('.pickup-qr-row').count()).toBeGreaterThanOrEqual(21);
    await shot('buyer-code');
  });

  it('lets the vendor type the code, and the order reads 已完成 for its buyer', async () => {
    await openAs(OWNER, `/packages/seller/pickup/index?shopId=${SHOP}`);
    await waitForText('.pickup-point', '小李');
    await shown('.pickup-code-input input').fill(code);
    await shown('.pickup-redeem-button').click();
    await waitForText('.pickup-done-title', '小李');
    await shot('vendor-done');

    await openAs(LI, `/packages/buyer/order/index?orderId=${orderId}`);
    await waitForText('.order-head', '已完成');
    expect(await shown('.pickup-code-digits').count()).toBe(0);
  });
});
