// The 发货 page in the browser: 老张 sees his paid orders to ship, opens the 备货单, downloads the
// 发货单 (the test reads the file), fills two tracking numbers in it and imports it; both orders
// ship with their numbers, and 王阿姨 sees 已发货 on her order.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, screenshots } from '../support/browser';

const OWNER = 'demo-owner-laozhang';
const BUYERS = ['demo-buyer-wangayi', 'demo-buyer-xiaoli'];
const SHOP = 'demo-shop';
const address = { name: '王阿姨', phone: '13800138000', province: '重庆市', city: '重庆市', district: '酉阳县', detail: '桃花源街道 1 号' };

describe('a vendor ships by exporting the 发货单 and importing it filled in', () => {
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;
  const orderIds: string[] = [];

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 1400 }, deviceScaleFactor: 1, acceptDownloads: true });
    // Two paid express orders, by transfer, confirmed by 老张.
    for (const [i, buyer] of BUYERS.entries()) {
      const orders = (action: string, payload: unknown, openid: string) => emu.reply('orders', { action, payload, requestId: `e2e-ship-${action}-${i}` }, openid);
      const placed = await orders('place', { shopId: SHOP, lines: [{ productId: 'larou', skuId: 'wuhua', quantity: i + 1 }], fulfilment: { kind: 'express', address: { ...address, name: i ? '小李' : '王阿姨' } }, payment: 'offline' }, buyer);
      const orderId = placed.data.order.id as string;
      await orders('markTransferred', { orderId }, buyer);
      expect((await orders('confirmTransfer', { orderId }, OWNER)).data.order.state).toBe('paid');
      orderIds.push(orderId);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const { shown, openAs, waitForText } = demoPage(() => page, () => emu.url);
  const shot = screenshots(() => page, 'shipping');
  let sheet: Buffer;

  it('shows the orders to ship with counts and the 备货单', async () => {
    await openAs(OWNER, `/packages/seller/shipping/index?shopId=${SHOP}`);
    await waitForText('.shipping-total', '待发货 2 单');
    await shown('.shipping-day-today').click();
    await waitForText('.shipping-total', '待发货 2 单');
    await shown('.shipping-prep').click();
    await waitForText('.shipping-prep-list', '五花');
    await waitForText('.shipping-prep-list', '3 斤');
    await shot('prep');
  });

  it('downloads the 发货单 with a row per order line', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), shown('.shipping-export').click()]);
    const path = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const rows = workbook.worksheets[0];
    expect(rows.actualRowCount).toBe(3);
    expect(rows.getRow(1).getCell(2).value).toBe('订单号');
    // The vendor fills 快递公司 and 快递单号 for both orders.
    for (const n of [2, 3]) {
      rows.getRow(n).getCell(14).value = '中通';
      rows.getRow(n).getCell(15).value = `ZT77000000${n}`;
    }
    sheet = Buffer.from(await workbook.xlsx.writeBuffer());
  });

  it('imports the filled sheet: both orders ship and the buyer sees 已发货', async () => {
    await openAs(OWNER, `/packages/seller/shipping/index?shopId=${SHOP}`);
    await waitForText('.shipping-total', '待发货 2 单');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown('.shipping-import').click()]);
    await chooser.setFiles({ name: '发货单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: sheet });
    await waitForText('.shipping-imported', '发货了 2 单');
    await waitForText('.shipping-total', '待发货 0 单');
    await shot('imported');

    await openAs(BUYERS[0], `/packages/buyer/order/index?orderId=${orderIds[0]}`);
    await waitForText('.order-head', '已发货');
  });
});
