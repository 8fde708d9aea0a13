// Buyer pages' price box and single-page mode, and the vendor console, in Chromium on the H5
// build served by the emulator with the seeded demo shop.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, SCREENSHOT_DIR } from '../support/browser';

const OWNER = 'demo-owner-laozhang';
const BUYER = 'demo-buyer-wangayi';

describe('buyer price box and vendor console in the browser', () => {
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;
  const photo = join(tmpdir(), `cactus-photo-${process.pid}.png`);

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    browser = await launchBrowser();
    writeFileSync(photo, await QRCode.toBuffer('a photo of eggs', { width: 200 }));
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 1400 }, deviceScaleFactor: 1 });
  });
  afterEach(() => page.close());

  /** Taro's H5 router keeps earlier pages in the DOM, hidden: look only at what is shown. */
  const { shown, openAs, textOf } = demoPage(() => page, () => emu.url);



  it('prices the zipper at the quantity chosen: minimum, steps, snapping and bulk tiers', async () => {
    await openAs(BUYER, '/pages/product/index?productId=lalian');
    const qty = shown('.qty-input input');
    await qty.waitFor();
    expect(await qty.inputValue()).toBe('100');
    expect(await shown('.qty-minus').getAttribute('class')).toContain('is-disabled');
    expect(await textOf('.unit-price')).toBe('单价 ¥0.07/条');
    expect(await textOf('.line-total')).toBe('合计 ¥7.00');

    await shown('.qty-plus').click();
    expect(await eventually(() => qty.inputValue(), '200')).toBe('200');
    expect(await shown('.qty-minus').getAttribute('class')).not.toContain('is-disabled');

    await qty.fill('1234');
    await qty.blur();
    expect(await eventually(() => qty.inputValue(), '1300')).toBe('1300');
    expect(await textOf('.unit-price')).toBe('单价 ¥0.065/条');
    expect(await textOf('.line-total')).toBe('合计 ¥84.50');
    expect(await textOf('.tier-row.is-current')).toContain('1000条起');

    await shown('.sku-option').filter({ hasText: '5号' }).click();
    expect(await eventually(() => qty.inputValue(), '100')).toBe('100');
    expect(await textOf('.unit-price')).toBe('单价 ¥0.095/条');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'product-price-box.png') });
  });

  it('records one visit per open with the share code and scene, and hides navigation in single-page mode', async () => {
    const { data: ref } = await emu.reply('share', { action: 'createRef', payload: { shopId: 'demo-shop', target: { kind: 'product', productId: 'larou' } } }, OWNER);
    await openAs(null, `/pages/product/index?productId=larou&ref=${ref.code}&scene=1154`);
    expect(await textOf('.single-page-hint')).toBe('点击底部“前往小程序”查看更多');
    expect(await textOf('.product-title')).toBe('酉阳柴火烟熏腊肉');
    expect(await eventually(async () => emu.db.find('visits', { ref: ref.code }).length, 1)).toBe(1);
    expect(emu.db.find('visits', { ref: ref.code })[0]).toMatchObject({ scene: 1154, sharerOpenId: OWNER });

    await openAs(null, '/pages/index/index?shopId=demo-shop&scene=1154');
    await shown('.product-card').first().waitFor();
    expect(await shown('.vendor-entry').count()).toBe(0);
    await shown('.product-card').first().click();
    await page.waitForTimeout(400);
    expect(page.url()).toContain('/pages/index/index');
  });

  it('lets the owner list a product in one screen from 我的小店 and buyers see it in the shop', async () => {
    await openAs(OWNER, '/pages/index/index?shopId=demo-shop');
    expect(await textOf('.vendor-entry-text')).toBe('我的小店');
    await shown('.vendor-entry').click();
    await shown('.action-quick').first().click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown('.image-add').click()]);
    await chooser.setFiles(photo);
    await shown('.image-thumb').waitFor();
    await shown('.quick-name input').fill('土鸡蛋');
    await shown('.unit-choice').filter({ hasText: '盒' }).click();
    await shown('.quick-price input').fill('1.5');
    await shown('.quick-stock input').fill('300');
    await shown('.quick-publish').click();
    expect(await textOf('.quick-done-title')).toBe('“土鸡蛋”已上架');

    const { data } = await emu.reply('shop', { action: 'listProducts', payload: { shopId: 'demo-shop', keyword: '土鸡蛋' } });
    expect(data.products).toEqual([expect.objectContaining({ name: '土鸡蛋', unit: '盒', fromPriceLi: 1500 })]);
  });

  it('shows a settings amount that is not yuan next to its field, then saves', async () => {
    await openAs(OWNER, '/packages/seller/settings/index?shopId=demo-shop');
    await shown('.express-fee input').fill('12.345');
    await shown('.save-settings').click();
    expect(await textOf('.field-express-fee .field-error')).toBe('请填写金额，比如 10 或 9.9');
    await shown('.express-fee input').fill('12.5');
    await shown('.save-settings').click();
    expect(await textOf('.settings-message')).toBe('已保存');
    const { data } = await emu.reply('shop', { action: 'getSettings', payload: { shopId: 'demo-shop' } }, OWNER);
    expect(data.settings.fulfilment.express.feeFen).toBe(1250);
  });

  it('invites a staff member whose code opens the join page and makes them staff', async () => {
    await openAs(OWNER, '/packages/seller/members/index?shopId=demo-shop');
    await shown('.invite-staff').click();
    const code = await textOf('.invite-code');
    expect(await textOf('.invite-path')).toBe(`/packages/seller/join/index?code=${code}`);

    await openAs(BUYER, `/packages/seller/join/index?code=${code}`);
    await shown('.join-name input').fill('王阿姨');
    await shown('.join-button').click();
    await shown('.my-shop').first().waitFor();
    expect(await textOf('.my-shop-role')).toContain('我是店员');
  });

  it('edits a product: a price with too many decimals is shown at its field, rejected words plainly, then it publishes', async () => {
    await openAs(OWNER, '/packages/seller/goods/index?shopId=demo-shop');
    await shown('.goods-row').filter({ hasText: '酉阳柴火烟熏腊肉' }).locator('.edit-product').click();
    const price = shown('.sku-price-input input').first();
    await price.waitFor();
    expect(await price.inputValue()).toBe('58');
    await price.fill('58.0001');
    await shown('.publish-product').click();
    expect(await textOf('.field-sku-price .field-error')).toContain('最多 3 位小数');

    await price.fill('58.5');
    await shown('.editor-description textarea').fill('包中奖汇款');
    await shown('.publish-product').click();
    expect(await textOf('.editor-problem')).toContain('不能发布');

    await shown('.editor-description textarea').fill('自家熏的腊肉');
    await shown('.publish-product').click();
    expect(await eventually(async () => (await emu.reply('goods', { action: 'getForEdit', payload: { productId: 'larou' } }, OWNER)).data.product.skus[0].priceLi, 58_500)).toBe(58_500);
  });

  it('copies a group text for the chosen goods and draws a poster', async () => {
    await openAs(OWNER, '/packages/seller/share/index?shopId=demo-shop');
    await shown('.share-pick').filter({ hasText: '酉阳柴火烟熏腊肉' }).click();
    await shown('.make-group-text').click();
    expect(await textOf('.group-text')).toContain('酉阳柴火烟熏腊肉 ¥52.00/斤起');
    await shown('.make-poster').click();
    await shown('.poster-image').waitFor();
    expect(await shown('.poster-image img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'vendor-poster.png') });
  });
});

/** The value once it equals `wanted`, or the last one seen after ~5 s (then the assertion shows it). */
async function eventually<T>(read: () => Promise<T>, wanted: T): Promise<T> {
  let value = await read();
  for (let i = 0; i < 50 && value !== wanted; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
