// A buyer in Chromium on the H5 build served by the emulator, with the seeded demo shop.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, SCREENSHOT_DIR } from '../support/browser';
import { insertCampaign } from '../support/campaigns';

describe('storefront in the browser', () => {
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  });
  afterEach(() => page.close());

  /** Taro's H5 router keeps earlier pages in the DOM, hidden: look only at what is shown. */
  const { shown } = demoPage(() => page, () => emu.url);

  it('shows the demo shop with its goods and prices, and opens a product', async () => {
    await page.goto(`${emu.url}/#/pages/index/index?shopId=demo-shop`);
    await expectText(shown('.shop-name'), '老张山货铺');
    await shown('.product-card').first().waitFor();
    expect(await shown('.product-card').count()).toBe(9);

    const zipper = shown('.product-card').filter({ hasText: '义乌尼龙拉链' });
    expect(await zipper.locator('.product-price').textContent()).toBe('¥0.07');
    expect(await zipper.locator('.product-unit').textContent()).toBe('/条');
    const larou = shown('.product-card').filter({ hasText: '酉阳柴火烟熏腊肉' });
    expect(await larou.locator('.product-price').textContent()).toBe('¥52.00');
    expect(await shown('.product-card').filter({ hasText: '彭水黑老虎鲜果' }).locator('.sold-out-badge').count()).toBe(1);
    await waitForImages(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'home.png') });

    await larou.click();
    await expectText(shown('.product-title'), '酉阳柴火烟熏腊肉');
    expect(page.url()).toContain('/pages/product/index?productId=larou');
    const skus = shown('.sku-item');
    expect(await skus.count()).toBe(2);
    expect(await skus.filter({ hasText: '五花' }).locator('.sku-price').textContent()).toContain('¥58.00');
    expect(await skus.filter({ hasText: '后腿' }).locator('.sku-price').textContent()).toContain('¥52.00');
    await page.waitForTimeout(400); // Taro's page slide must settle before a screenshot
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'product.png') });

    await page.goBack();
    await expectText(shown('.shop-name'), '老张山货铺');
  });

  it('shows the shop’s open campaign under 正在跟团 with its count, 截团 time and lowest price, and opens it', async () => {
    const campaignId = insertCampaign(emu, 'open', { title: '冬至腊肉接龙', entries: 3 });
    await page.goto(`${emu.url}/#/pages/index/index?shopId=demo-shop`);
    const row = shown('.campaign-row').filter({ hasText: '冬至腊肉接龙' });
    await row.waitFor({ timeout: 10_000 });
    expect(await shown('.campaign-strip-title').textContent()).toBe('正在跟团');
    expect(await row.locator('.campaign-row-line').first().textContent()).toBe('已有 3 人跟团');
    expect(await row.locator('.campaign-row-time').textContent()).toMatch(/^(今天|明天) \d\d:\d\d 截团$/);
    expect(await row.locator('.product-price').textContent()).toBe('¥45.00');
    await waitForImages(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'home-campaigns.png') });

    await row.click();
    await expectText(shown('.campaign-title'), '冬至腊肉接龙');
    expect(page.url()).toContain(`/packages/group/campaign/index?campaignId=${campaignId}`);
  });

  it('tells the buyer in plain Chinese when a shop does not exist, with a way to retry', async () => {
    await page.goto(`${emu.url}/#/pages/index/index?shopId=gone-shop`);
    await expectText(shown('.state-error-message'), '这家小店不存在或已关闭');
    expect(await shown('.retry-button').count()).toBe(1);
  });

  it('sends the demo identity the visitor picked with every call', async () => {
    const seen: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/call')) seen.push(request.headers()['x-cactus-openid']);
    });
    await page.goto(`${emu.url}/#/pages/index/index?shopId=demo-shop`);
    await shown('.product-card').first().waitFor();
    await shown('.identity-chip').click();
    // Picking an identity reloads the page with it.
    await Promise.all([page.waitForEvent('load'), shown('.identity-option').filter({ hasText: '小李' }).click()]);
    await shown('.product-card').first().waitFor();
    expect(seen.at(-1)).toBe('demo-buyer-xiaoli');
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.first().waitFor({ timeout: 10_000 });
  expect((await locator.first().textContent())?.trim()).toBe(text);
}

async function waitForImages(page: Page): Promise<void> {
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
}
