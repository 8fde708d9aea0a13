// The customer book in the browser: 王阿姨 bought twice (one partly refunded); 老张 finds her in
// 熟客本 with her total to the fen, tags her 老乡 and finds her by the tag, and her second order
// carries the 老客 mark on his order list.
import type { Browser, Page } from 'playwright-core';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, screenshots } from '../support/browser';

const OWNER = 'demo-owner-laozhang';
const WANG = 'demo-buyer-wangayi';
const SHOP = 'demo-shop';

describe('the vendor knows a returning buyer from the customer book', () => {
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 1400 }, deviceScaleFactor: 1 });
    const orders = (action: string, payload: unknown, openid: string, n: number) => emu.reply('orders', { action, payload, requestId: `e2e-customers-${action}-${n}` }, openid);
    // Two paid pickup orders of 2 斤 五花 (¥58.00 each): ¥116.00 twice, ¥10.00 of the first refunded.
    for (const n of [1, 2]) {
      const placed = await orders('place', { shopId: SHOP, lines: [{ productId: 'larou', skuId: 'wuhua', quantity: 2 }], fulfilment: { kind: 'pickup', pointId: 'town', contact: { name: '王阿姨', phone: '13800138000' } }, payment: 'offline' }, WANG, n);
      const orderId = placed.data.order.id;
      await orders('markTransferred', { orderId }, WANG, n);
      expect((await orders('confirmTransfer', { orderId }, OWNER, n)).data.order.state).toBe('paid');
      if (n === 1) expect((await orders('refund', { orderId, amountFen: 1_000, reason: '少称了一点' }, OWNER, n)).ok).toBe(true);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const { shown, openAs, textOf, waitForText } = demoPage(() => page, () => emu.url);
  const shot = screenshots(() => page, 'customers');

  it('shows 王阿姨 with her orders and what she spent, less the refund, to the fen', async () => {
    await openAs(OWNER, `/packages/seller/customers/index?shopId=${SHOP}`);
    await waitForText('.customer-row', '王阿姨');
    const row = await textOf('.customer-row');
    expect(row).toContain('买过 2 次');
    expect(row).toContain('222.00');
    expect(row).toContain('已退 ¥10.00');
    await shot('book');
  });

  it('lets the vendor tag her and find her by the tag', async () => {
    await shown('.customer-row').first().click();
    await waitForText('.customer-detail', '13800138000');
    await shown('.customer-tags-input input').fill('老乡');
    await shown('.customer-save').click();
    await page.waitForTimeout(300);
    await shown('.customer-back').click();
    await waitForText('.customer-tag', '老乡');
    await shown('.customers-search-input input').fill('老乡');
    await shown('.customers-search-button').click();
    await waitForText('.customer-row', '王阿姨');
    expect(await shown('.customer-row').count()).toBe(1);
    await shown('.customers-search-input input').fill('没有这个人');
    await shown('.customers-search-button').click();
    await waitForText('.state-empty', '没有找到');
    await shot('search');
  });

  it('marks her second order 老客 on the vendor’s order list, and only that one', async () => {
    await openAs(OWNER, `/packages/seller/orders/index?shopId=${SHOP}`);
    await waitForText('.order-returning', '老客');
    expect(await shown('.order-returning').count()).toBe(1);
  });
});
