// The whole selling journey with two people in one browser: a new vendor opens a shop, lists
// zippers with a photo and a bulk price, and shares them; a buyer opens the shared link and
// sees the bulk unit price; the vendor sees the visit attributed to the share.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, SCREENSHOT_DIR } from '../support/browser';

const VENDOR = 'demo-buyer-xiaoli'; // a buyer today, a vendor after this test
const BUYER = 'demo-buyer-wangayi';

describe('a new vendor sells to a buyer through a shared link', () => {
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;
  const photo = join(tmpdir(), `cactus-zipper-${process.pid}.png`);

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    browser = await launchBrowser();
    writeFileSync(photo, await QRCode.toBuffer('a photo of zippers', { width: 240 }));
    page = await browser.newPage({ viewport: { width: 390, height: 1400 }, deviceScaleFactor: 1 });
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const { shown, openAs, textOf } = demoPage(() => page, () => emu.url);



  let shopId = '';
  let productId = '';
  let sharedPath = '';

  it('opens a shop for someone who had none', async () => {
    await openAs(VENDOR, '/pages/index/index?shopId=demo-shop');
    expect(await textOf('.vendor-entry-text')).toBe('我也要开店');
    await shown('.vendor-entry').click();
    await shown('.shop-name-input input').fill('小李拉链铺');
    await shown('.owner-name-input input').fill('小李');
    await shown('.create-shop-button').click();
    expect(await textOf('.quick-welcome')).toContain('小店开好了');
    const { data } = await emu.reply('shop', { action: 'myShops', payload: {} }, VENDOR);
    expect(data.shops).toEqual([expect.objectContaining({ role: 'owner', shop: expect.objectContaining({ name: '小李拉链铺' }) })]);
    shopId = data.shops[0].shop.id;
  });

  it('lists zippers with a photo, 100条起 in steps of 100, and ¥0.065 from 1,000', async () => {
    await openAs(VENDOR, `/packages/seller/editor/index?shopId=${shopId}`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown('.image-add').click()]);
    await chooser.setFiles(photo);
    await shown('.image-thumb').waitFor();
    await shown('.editor-name input').fill('尼龙拉链 3号');
    await shown('.unit-choice').filter({ hasText: '条' }).click();
    await shown('.sku-price-input input').fill('0.07');
    await shown('.sku-stock-input input').fill('50000');
    await shown('.sku-min-input input').fill('100');
    await shown('.sku-step-input input').fill('100');
    await shown('.add-tier').click();
    await shown('.tier-min-input input').fill('1000');
    await shown('.tier-price-input input').fill('0.065');
    await shown('.publish-product').click();

    const row = await eventually(async () => {
      const reply = await emu.reply('goods', { action: 'listShopProducts', payload: { shopId } }, VENDOR);
      return reply.data.products.find((product: { status: string }) => product.status === 'on_sale');
    });
    expect(row).toMatchObject({ name: '尼龙拉链 3号', unit: '条', fromPriceLi: 70, totalStock: 50_000 });
    productId = row.id;
    const { data } = await emu.reply('goods', { action: 'getForEdit', payload: { productId } }, VENDOR);
    expect(data.product.images[0]).toMatch(/^cloud:\/\//);
    expect(data.product.skus[0]).toMatchObject({ priceLi: 70, minQty: 100, stepQty: 100, tiers: [{ minQty: 1000, priceLi: 65 }] });
  });

  it('writes the group text and a poster, and makes a share link for the product', async () => {
    await openAs(VENDOR, `/packages/seller/share/index?shopId=${shopId}`);
    await shown('.share-pick').filter({ hasText: '尼龙拉链 3号' }).click();
    await shown('.make-group-text').click();
    const text = await textOf('.group-text');
    expect(text).toContain('【小李拉链铺】好货上新');
    expect(text).toContain('1. 尼龙拉链 3号 ¥0.07/条，1000条起 ¥0.065/条，100条起卖');
    expect(text).toMatch(/小程序路径：\/pages\/index\/index\?shopId=.+&ref=[2-9a-z]{10}/);

    await shown('.make-poster').click();
    expect(await shown('.poster-image img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    await shown('.make-link').click();
    sharedPath = await textOf('.share-link-path');
    expect(sharedPath).toMatch(new RegExp(`^/pages/product/index\\?productId=${productId}&ref=[2-9a-z]{10}$`));
  });

  it('shows the buyer who opens the link the bulk unit price at 1,000', async () => {
    await openAs(BUYER, `${sharedPath}&scene=1044`);
    expect(await textOf('.product-title')).toBe('尼龙拉链 3号');
    expect(await textOf('.unit-price')).toContain('¥0.07');
    await shown('.qty-input input').fill('1000');
    await shown('.qty-input input').blur();
    await expect(eventually(async () => (await textOf('.unit-price')).includes('¥0.065'), true)).resolves.toBe(true);
    expect(await textOf('.line-total')).toContain('¥65.00');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-buyer.png') });
  });

  it('shows the vendor that visit, credited to their share, on the stats page', async () => {
    await openAs(VENDOR, `/packages/seller/stats/index?shopId=${shopId}`);
    expect(await textOf('.stats-total')).toBe('1');
    const byProduct = shown('.stats-section-product .stats-row');
    expect(await byProduct.locator('.stats-label').textContent()).toBe('尼龙拉链 3号');
    expect(await byProduct.locator('.stats-visits').textContent()).toBe('1');
    const bySharer = shown('.stats-section-sharer .stats-row');
    expect(await bySharer.locator('.stats-label').textContent()).toBe('小李');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-stats.png') });
  });
});

/** Polls until `read` gives something truthy (or `wanted`), for ~5 s. */
async function eventually<T>(read: () => Promise<T>, wanted?: T): Promise<T> {
  let value = await read();
  for (let i = 0; i < 50 && (wanted === undefined ? !value : value !== wanted); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
