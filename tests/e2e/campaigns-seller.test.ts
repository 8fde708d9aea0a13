// The vendor's 团购接龙 console in Chromium on the H5 build: opening a campaign from 我的小店,
// its orders by 跟团号 with the ones that do not count struck through, the 接龙文案, 截团 now and
// the 待退差价 of transfer orders marked as paid back. Buyers join through the orders function.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, SCREENSHOT_DIR } from '../support/browser';

const OWNER = 'demo-owner-laozhang';
const WANG = 'demo-buyer-wangayi';
const LI = 'demo-buyer-xiaoli';
const SHOP = 'demo-shop';

describe('a vendor runs a group-buy campaign in the browser', () => {
  jest.setTimeout(90_000);
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;
  let campaignId = '';

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 1600 }, deviceScaleFactor: 1 });
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const { shown, openAs, textOf, waitForText } = demoPage(() => page, () => emu.url);
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `campaign-seller-${name}.png`) });
  const confirmModal = async (button: string) => {
    await shown('.taro-modal__content').waitFor({ timeout: 10_000 });
    await page.locator('.taro-model__btn', { hasText: button }).click();
  };

  let placements = 0;
  /** A buyer joins with `quantity` 斤 of 五花 for pickup, paying by transfer; `paid`: marked and confirmed. */
  async function joinCampaign(openid: string, name: string, quantity: number, paid: boolean): Promise<string> {
    const placed = await emu.reply(
      'orders',
      {
        action: 'place',
        requestId: `place-${openid}-${(placements += 1)}`,
        payload: {
          shopId: SHOP,
          campaignId,
          lines: [{ productId: 'larou', skuId: 'wuhua', quantity }],
          fulfilment: { kind: 'pickup', pointId: 'town', contact: { name, phone: '13800138000' } },
          payment: 'offline',
        },
      },
      openid,
    );
    expect(placed.error ?? null).toBeNull();
    const orderId: string = placed.data.order.id;
    if (paid) {
      expect((await emu.reply('orders', { action: 'markTransferred', requestId: `mark-${orderId}`, payload: { orderId, note: '已转' } }, openid)).ok).toBe(true);
      expect((await emu.reply('orders', { action: 'confirmTransfer', requestId: `confirm-${orderId}`, payload: { orderId } }, OWNER)).ok).toBe(true);
    }
    return orderId;
  }

  it('opens a campaign from 我的小店 with one spec, a 阶梯价 and a pickup point', async () => {
    await openAs(OWNER, '/packages/seller/index/index');
    await shown('.action-campaigns').first().click();
    await shown('.campaign-new').click();
    await shown('.campaign-title input').fill('腊肉年货团');
    await shown('.campaign-pick-product').click();
    await shown('.campaign-product-option').filter({ hasText: '酉阳柴火烟熏腊肉' }).click();
    await shown('.campaign-item-sku').filter({ hasText: '后腿' }).click();
    await shown('.campaign-item-price input').fill('50');
    await shown('.campaign-add-tier').click();
    await shown('.tier-row-0 .tier-min-input input').fill('3');
    await shown('.tier-row-0 .tier-price-input input').fill('45');
    expect(await textOf('.campaign-item-preview')).toBe('¥50.00/斤，满3斤 ¥45.00/斤');
    await shown('.campaign-point').filter({ hasText: '镇上老张腊味店' }).click();
    await shown('.campaign-end-quick-1').click();
    await shot('editor');
    await shown('.campaign-publish').click();

    await waitForText('.campaign-badge', '跟团中');
    expect(await textOf('.campaign-head-title')).toBe('腊肉年货团');
    const [stored] = emu.db.find('campaigns', { shopId: SHOP });
    campaignId = String(stored._id);
    expect(stored).toMatchObject({
      status: 'published',
      items: [expect.objectContaining({ productId: 'larou', skuIds: ['wuhua'], priceLi: 50_000, tiers: [{ minQty: 3, priceLi: 45_000 }] })],
      fulfilment: { express: false, local: false, pickupPointIds: ['town'] },
    });
  });

  it('lists orders by 跟团号 with full names, strikes through the unpaid one, and copies the 接龙文案 with masked names', async () => {
    await joinCampaign(WANG, '王秀英', 2, true);
    await joinCampaign(LI, '李小红', 1, true);
    await joinCampaign(LI, '李小红', 1, false);

    await openAs(OWNER, `/packages/seller/campaign/index?shopId=${SHOP}&campaignId=${campaignId}`);
    await waitForText('.campaign-head-entries', '2 人跟团');
    await waitForText('.campaign-orders-counts', '算数 2 单 · 不算 1 单');
    expect(await shown('.campaign-order.is-counted').count()).toBe(2);
    expect(await shown('.campaign-order.is-not-counted').count()).toBe(1);
    const first = shown('.campaign-order.is-counted').first();
    expect(await first.locator('.campaign-order-seq').textContent()).toBe('1号');
    expect(await first.locator('.campaign-order-name').textContent()).toBe('王秀英');

    // The 发到群里 card carries the owner's share code for the campaign.
    expect(emu.db.find('shareRefs', { sharerOpenId: OWNER, 'target.kind': 'campaign' })).toEqual([expect.objectContaining({ target: { kind: 'campaign', campaignId } })]);

    await shown('.campaign-filter-not-counted').click();
    await waitForText('.campaign-order', '李小红');
    expect(await shown('.campaign-order').count()).toBe(1);

    await shown('.campaign-copy-text').click();
    const text = await textOf('.campaign-text-preview');
    expect(text).toContain('接龙（2 人）');
    expect(text).toContain('王*英');
    expect(text).not.toContain('王秀英');
    await shot('detail');
  });

  it('ends the campaign after a confirm and marks a transfer order’s 待退差价 as paid back', async () => {
    await shown('.campaign-end-now').click();
    await confirmModal('截团');
    await waitForText('.campaign-badge', '已截团');
    await waitForText('.settlement-item', '¥45.00/斤');
    expect(await shown('.difference-row').count()).toBe(2);
    await shot('settlement');

    const wang = shown('.difference-row').filter({ hasText: '王秀英' });
    expect(await wang.locator('.difference-note').textContent()).toBe('差价 ¥10.00 待你退给买家');
    await wang.locator('.difference-mark-refunded').click();
    await confirmModal('已经退了');
    await page.waitForFunction(() => document.querySelectorAll('.difference-row').length === 1);
    const [order] = emu.db.find('orders', { 'campaign.campaignId': campaignId, 'campaign.seq': 1 }) as { campaign: { difference: unknown } }[];
    expect(order.campaign.difference).toMatchObject({ differenceFen: 1000, refundedFen: 1000, status: 'done' });
  });
});
