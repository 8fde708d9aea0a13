// After a sale, in Chromium on the H5 build: the demo 接龙 (the seed's demo-campaign) closes with
// three orders in it, two by express and 小李's own for pickup at the town shop; 老张 opens the 发货
// page for the campaign, reads the 备货单, downloads the 发货单 (the test reads the file with
// exceljs), fills two tracking numbers in it and imports it; both buyers see 已发货 with their
// number on their order page; 小李 shows her 取货码 and 老张 types it on 自提核销, completing her
// pickup; and the 熟客本 shows 王阿姨, who had bought before, as a returning buyer with her total.
// The orders are placed and paid through the real functions, as buyers' phones would.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { formatFen } from '@core/money';
import { SHEET_COLUMNS } from '@core/shipping-workspace';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, screenshots } from '../support/browser';

const OWNER = 'demo-owner-laozhang';
const WANG = 'demo-buyer-wangayi';
const LI = 'demo-buyer-xiaoli';
const SHOP = 'demo-shop';
const CAMPAIGN = 'demo-campaign';
const ADDRESS = { province: '重庆市', city: '重庆市', district: '酉阳县', detail: '桃花源街道 1 号' };
const TRACKING: Record<string, string> = { 王阿姨: 'ZT8800000001', 小李: 'ZT8800000002' };

describe('from a closed 接龙 to parcels, a pickup and a returning buyer', () => {
  jest.setTimeout(60_000);
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;
  let n = 0;
  const orders = async (action: string, payload: unknown, openid: string) => emu.reply('orders', { action, payload, requestId: `e2e-journey-${action}-${++n}` }, openid) as Promise<{ ok: boolean; data: { order: { id: string; state: string; totalFen: number } } }>;
  /** A paid order: placed by the buyer, transfer marked, confirmed by 老张. */
  const paidOrder = async (buyer: string, payload: Record<string, unknown>) => {
    const placed = await orders('place', { shopId: SHOP, payment: 'offline', ...payload }, buyer);
    expect(placed.ok).toBe(true);
    const orderId = placed.data.order.id;
    await orders('markTransferred', { orderId }, buyer);
    const confirmed = await orders('confirmTransfer', { orderId }, OWNER);
    expect(confirmed.data.order.state).toBe('paid');
    return confirmed.data.order;
  };
  const ids: { wang: string; liExpress: string; liPickup: string } = { wang: '', liExpress: '', liPickup: '' };
  let wangTotalFen = 0;

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true, demoCampaign: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 1400 }, deviceScaleFactor: 1, acceptDownloads: true });

    // The demo 接龙 is pickup only; 老张 opens it to express too (an open campaign's fulfilment may change).
    const [campaign] = emu.db.find('campaigns', { _id: CAMPAIGN }) as unknown as {
      title: string; text: string; images: string[]; startAt: number; endAt: number;
      items: { productId: string; skuIds: string[]; priceLi: number; tiers: { minQty: number; priceLi: number }[]; limitPerBuyer: number | null; stockCap: number | null }[];
      fulfilment: { pickupPointIds: string[] };
    }[];
    const input = {
      title: campaign.title,
      text: campaign.text,
      images: campaign.images,
      startAt: campaign.startAt,
      endAt: campaign.endAt,
      items: campaign.items.map(({ productId, skuIds, priceLi, tiers, limitPerBuyer, stockCap }) => ({ productId, skuIds, priceLi, tiers, limitPerBuyer, stockCap })),
      fulfilment: { express: true, local: false, pickupPointIds: campaign.fulfilment.pickupPointIds },
    };
    const updated = await emu.reply('campaigns', { action: 'update', payload: { campaignId: CAMPAIGN, campaign: input } }, OWNER);
    expect(updated).toMatchObject({ ok: true });

    // 王阿姨 bought from the shop before the 接龙: she is a returning buyer when she joins it.
    const earlier = await paidOrder(WANG, { lines: [{ productId: 'larou', skuId: 'wuhua', quantity: 2 }], fulfilment: { kind: 'pickup', pointId: 'town', contact: { name: '王阿姨', phone: '13800138000' } } });
    const campaignLine = (skuId: string, quantity: number) => ({ lines: [{ productId: 'larou', skuId, quantity }], campaignId: CAMPAIGN });
    const wang = await paidOrder(WANG, { ...campaignLine('wuhua', 3), fulfilment: { kind: 'express', address: { name: '王阿姨', phone: '13800138000', ...ADDRESS } } });
    const liExpress = await paidOrder(LI, { ...campaignLine('houtui', 2), fulfilment: { kind: 'express', address: { name: '小李', phone: '13900139000', ...ADDRESS } } });
    const liPickup = await paidOrder(LI, { ...campaignLine('wuhua', 1), fulfilment: { kind: 'pickup', pointId: 'town', contact: { name: '小李', phone: '13900139000' } } });
    Object.assign(ids, { wang: wang.id, liExpress: liExpress.id, liPickup: liPickup.id });
    wangTotalFen = earlier.totalFen + wang.totalFen;

    // 截团.
    const ended = await emu.reply('campaigns', { action: 'endNow', payload: { campaignId: CAMPAIGN } }, OWNER);
    expect(ended).toMatchObject({ ok: true, data: { campaign: { state: 'ended' } } });
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const { shown, openAs, textOf, waitForText } = demoPage(() => page, () => emu.url);
  const shot = screenshots(() => page, 'fulfilment-journey');
  let sheet: Buffer;

  it('shows 老张 the closed campaign’s orders to hand over and its 备货单', async () => {
    await openAs(OWNER, `/packages/seller/shipping/index?shopId=${SHOP}&campaignId=${CAMPAIGN}`);
    await waitForText('.shipping-total', '待发货 3 单');
    await shown('.shipping-prep').click();
    await waitForText('.shipping-prep-list', '备货单 · 3 单');
    // 3 + 1 斤 五花 and 2 斤 后腿; the town shop gets 小李's 1 斤.
    await waitForText('.shipping-prep-list', '4 斤');
    await waitForText('.shipping-prep-list', '镇上老张腊味店（1 单）');
    await shot('prep');
  });

  it('downloads the 发货单, one row per order line, and 老张 fills two tracking numbers in it', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), shown('.shipping-export').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const rows = workbook.worksheets[0];
    expect((rows.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([...SHEET_COLUMNS]);
    expect(rows.actualRowCount).toBe(4);
    const column = (header: (typeof SHEET_COLUMNS)[number]) => SHEET_COLUMNS.indexOf(header) + 1;
    const filled: string[] = [];
    for (const r of [2, 3, 4]) {
      const row = rows.getRow(r);
      if (row.getCell(column('自提点')).value) continue;
      const receiver = String(row.getCell(column('收货人')).value);
      row.getCell(column('快递公司')).value = '中通';
      row.getCell(column('快递单号')).value = TRACKING[receiver];
      filled.push(receiver);
    }
    expect(filled.sort()).toEqual(['小李', '王阿姨']);
    sheet = Buffer.from(await workbook.xlsx.writeBuffer());
  });

  it('imports the filled sheet: the two parcels ship and the pickup order waits', async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown('.shipping-import').click()]);
    await chooser.setFiles({ name: '发货单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: sheet });
    await waitForText('.shipping-imported', '发货了 2 单');
    await waitForText('.shipping-total', '待发货 1 单');
    expect(await shown('.shipping-problem').count()).toBe(0);
    await shot('imported');
  });

  it('shows each buyer 已发货 with the tracking number on their order page', async () => {
    for (const [buyer, orderId, name] of [[WANG, ids.wang, '王阿姨'], [LI, ids.liExpress, '小李']] as const) {
      await openAs(buyer, `/packages/buyer/order/index?orderId=${orderId}`);
      await waitForText('.order-head', '已发货');
      await waitForText('.fulfilment-tracking', TRACKING[name]);
      expect(await textOf('.fulfilment-tracking')).toBe(`快递 中通 ${TRACKING[name]}`);
    }
    await shot('buyer-shipped');
  });

  it('lets 小李 collect her pickup order with her code', async () => {
    await openAs(LI, `/packages/buyer/order/index?orderId=${ids.liPickup}`);
    const code = (await textOf('.pickup-code-digits')).replace(' ', '');
    expect(code).toMatch(/^\d{6}$/);
    await openAs(OWNER, `/packages/seller/pickup/index?shopId=${SHOP}`);
    await waitForText('.pickup-point', '小李');
    await shown('.pickup-code-input input').fill(code);
    await shown('.pickup-redeem-button').click();
    await waitForText('.pickup-done-title', '小李');
    await shot('picked-up');
    await openAs(LI, `/packages/buyer/order/index?orderId=${ids.liPickup}`);
    await waitForText('.order-head', '已完成');
  });

  it('shows 王阿姨 in the 熟客本 as a returning buyer with what she spent in all', async () => {
    await openAs(OWNER, `/packages/seller/customers/index?shopId=${SHOP}`);
    await waitForText('.customer-row', '王阿姨');
    const row = await shown('.customer-row').filter({ hasText: '王阿姨' }).first().textContent();
    expect(row).toContain(`买过 2 次 · 共 ${formatFen(wangTotalFen)}`);
    await shot('customers');
    // Her 接龙 order carries the 老客 mark on 老张's order list.
    await openAs(OWNER, `/packages/seller/orders/index?shopId=${SHOP}`);
    await shown('.state-tab-all').click();
    await waitForText('.order-returning', '老客');
  });
});
