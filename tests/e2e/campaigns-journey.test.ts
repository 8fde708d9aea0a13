// A 接龙 from start to finish in Chromium on the H5 build, each person on their own phone (browser
// context): 老张 opens a campaign with 阶梯价 in the editor; three buyers open it from his 发到群里
// card, join, name themselves for the list and pay with WeChat Pay; each gets the next 跟团号 and
// sees 1, 2, 3 on the list, masked, with their own entry marked, while the price falls tier by
// tier; 老张 ends it (截团); every buyer's order shows the difference refunded to the fen, and his
// 接龙文案 numbers the list.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestEmulator, switchOnWechatPay, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, SCREENSHOT_DIR, type DemoPage } from '../support/browser';

const OWNER = 'demo-owner-laozhang';
const SHOP = 'demo-shop';

/**
 * 腊肉（五花） at ¥30.00/斤, ¥27.50 from 3 斤 in the group, ¥24.995 from 5 斤. The buyers take 2, 2
 * and 1 斤: the first two pay ¥30.00 × 2 = ¥60.00 (0 and 2 斤 counted before them), the third
 * ¥27.50 × 1 (4 斤 before); 5 斤 in all fixes ¥24.995. Each line is repriced half-up to the fen:
 * 2 × ¥24.995 = ¥49.99 (difference ¥10.01), 1 × ¥24.995 = ¥24.995 → ¥25.00 (difference ¥2.50).
 */
const BUYERS = [
  { openid: 'demo-buyer-wangayi', name: '王阿姨', masked: '王*姨', contact: '王秀英', quantity: 2, paid: '¥60.00', refunded: '已退差价 ¥10.01' },
  { openid: 'demo-buyer-xiaoli', name: '小李', masked: '小*', contact: '李小红', quantity: 2, paid: '¥60.00', refunded: '已退差价 ¥10.01' },
  { openid: 'demo-streamer-afeng', name: '阿凤', masked: '阿*', contact: '刘凤英', quantity: 1, paid: '¥27.50', refunded: '已退差价 ¥2.50' },
] as const;

/** One person's phone: their own storage (the name remembered for lists), signed in as them. */
interface Phone extends DemoPage {
  context: BrowserContext;
  page: Page;
  orderId: string;
}

async function eventually<T>(read: () => T | Promise<T>): Promise<T> {
  let value = await read();
  for (let i = 0; i < 50 && !value; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

describe('a 接龙 with 阶梯价: opened by the vendor, joined by three buyers from the card, settled at 截团', () => {
  jest.setTimeout(60_000);
  let emu: TestEmulator;
  let browser: Browser;
  const phones: Phone[] = [];
  let vendor: Phone;
  let campaignId = '';
  let cardPath = '';
  let refCode = '';

  async function phone(): Promise<Phone> {
    const context = await browser.newContext({ viewport: { width: 390, height: 1600 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    return { context, page, orderId: '', ...demoPage(() => page, () => emu.url) };
  }
  const shot = async (who: Phone, name: string) => {
    // Taro's H5 router slides a new page in from the right: let it settle.
    await who.page.waitForTimeout(400);
    await who.page.screenshot({ path: join(SCREENSHOT_DIR, `campaign-journey-${name}.png`), fullPage: true });
  };
  const confirmModal = async (who: Phone, button: string) => {
    await who.shown('.taro-modal__content').waitFor({ timeout: 10_000 });
    await who.page.locator('.taro-model__btn', { hasText: button }).click();
  };

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    // The shop takes WeChat Pay, so 截团 refunds the differences by itself.
    await switchOnWechatPay(emu, { shopId: SHOP, owner: OWNER });
    browser = await launchBrowser();
    vendor = await phone();
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  it('opens the campaign in the editor with two price tiers, pickup at the shop, 截团 tomorrow night', async () => {
    const { shown, openAs, textOf, waitForText } = vendor;
    await openAs(OWNER, '/packages/seller/index/index');
    await shown('.action-campaigns').first().click();
    await shown('.campaign-new').click();
    await shown('.campaign-title input').fill('腊肉拼团，买得越多越便宜');
    await shown('.campaign-text textarea').fill('五花腊肉，满3斤、满5斤全团降价，截团后多退少不补。');
    await shown('.campaign-pick-product').click();
    await shown('.campaign-product-option').filter({ hasText: '酉阳柴火烟熏腊肉' }).click();
    await shown('.campaign-item-sku').filter({ hasText: '后腿' }).click();
    await shown('.campaign-item-price input').fill('30');
    await shown('.campaign-add-tier').click();
    await shown('.tier-row-0 .tier-min-input input').fill('3');
    await shown('.tier-row-0 .tier-price-input input').fill('27.5');
    await shown('.campaign-add-tier').click();
    await shown('.tier-row-1 .tier-min-input input').fill('5');
    await shown('.tier-row-1 .tier-price-input input').fill('24.995');
    expect(await textOf('.campaign-item-preview')).toBe('¥30.00/斤，满3斤 ¥27.50/斤，满5斤 ¥24.995/斤');
    await shown('.campaign-item-limit input').fill('5');
    await shown('.campaign-point').filter({ hasText: '镇上老张腊味店' }).click();
    await shown('.campaign-end-quick-1').click();
    await shown('.campaign-publish').click();

    await waitForText('.campaign-badge', '跟团中');
    const [stored] = emu.db.find('campaigns', { shopId: SHOP });
    campaignId = String(stored._id);
    expect(stored).toMatchObject({
      status: 'published',
      items: [expect.objectContaining({ productId: 'larou', skuIds: ['wuhua'], priceLi: 30_000, tiers: [{ minQty: 3, priceLi: 27_500 }, { minQty: 5, priceLi: 24_995 }], limitPerBuyer: 5 })],
      fulfilment: { express: false, local: false, pickupPointIds: ['town'] },
    });
  });

  it('gives the 发到群里 card a link to the campaign with 老张’s share code', async () => {
    // The detail page makes the code the card carries as soon as it opens (the card itself is WeChat's).
    const ref = await eventually(() => emu.db.find('shareRefs', { sharerOpenId: OWNER, 'target.kind': 'campaign' })[0]);
    expect(ref).toMatchObject({ target: { kind: 'campaign', campaignId } });
    refCode = String(ref._id);
    const resolved = await emu.reply('share', { action: 'resolve', payload: { code: refCode } }, BUYERS[0].openid);
    cardPath = resolved.data.path;
    expect(cardPath).toBe(`/packages/group/campaign/index?campaignId=${campaignId}&ref=${refCode}`);
  });

  /** Where the tiers stand before each buyer joins: 0, 2 and 4 斤 counted. */
  const TIERS_BEFORE = [
    { current: '起步价¥30.00', progress: '再卖 3 斤降到 ¥27.50/斤', counters: '还没有人跟团，快来第一个', estimate: '¥60.00' },
    { current: '起步价¥30.00', progress: '再卖 1 斤降到 ¥27.50/斤', counters: '已有 1 人跟团，共 2 斤', estimate: '¥60.00' },
    { current: '满3斤¥27.50', progress: '再卖 1 斤降到 ¥24.995/斤', counters: '已有 2 人跟团，共 4 斤', estimate: '¥27.50' },
  ];

  BUYERS.forEach((buyer, index) => {
    const seq = index + 1;
    it(`${buyer.name} opens the card, joins with ${buyer.quantity} 斤, pays with WeChat Pay and gets 跟团号 ${seq}`, async () => {
      const me = await phone();
      phones.push(me);
      const { shown, openAs, textOf, waitForText, page } = me;
      // Opened from the card in a group chat (scene 1008).
      await openAs(buyer.openid, `${cardPath}&scene=1008`);
      const before = TIERS_BEFORE[index];
      expect(await textOf('.campaign-title')).toBe('腊肉拼团，买得越多越便宜');
      expect(await textOf('.campaign-counters')).toBe(before.counters);
      expect(await textOf('.tier-step.is-current')).toBe(before.current);
      expect(await textOf('.tier-progress-text')).toBe(before.progress);

      // Two quick taps on + in one go (no render between them) add two steps.
      await shown('.campaign-qty-plus')
        .first()
        .evaluate((plus: HTMLElement, times: number) => {
          for (let i = 0; i < times; i++) plus.click();
        }, buyer.quantity);
      await waitForText('.campaign-qty', String(buyer.quantity));
      expect(await textOf('.campaign-estimate')).toBe(before.estimate);
      await shown('.campaign-join').click();

      await waitForText('.checkout-campaign', '跟团：腊肉拼团，买得越多越便宜');
      await shown('.nickname-input input').fill(buyer.name);
      await waitForText('.group-name-hint', buyer.masked);
      await shown('.checkout-pickup input').nth(0).fill(buyer.contact);
      await shown('.checkout-pickup input').nth(1).fill(`1380013800${seq}`);
      await shown('.payment-wechat').click();
      await waitForText('.checkout-total', buyer.paid);
      await shown('.place-order').click();

      // The sandbox's pay sheet opens on the order at once.
      await shown('.taro-modal__content').waitFor({ timeout: 10_000 });
      expect(await textOf('.taro-modal__text')).toContain(buyer.paid);
      await page.locator('.taro-model__btn', { hasText: '确认支付' }).click();
      await waitForText('.order-seq', `跟团号 ${seq}`);
      me.orderId = /orderId=([^&]+)/.exec(page.url())?.[1] ?? '';
      expect(emu.db.find('orders', { _id: me.orderId })[0]).toMatchObject({
        state: 'paid',
        totalFen: Number(buyer.paid.slice(1)) * 100,
        source: { ref: refCode, scene: 1008 },
        campaign: expect.objectContaining({ campaignId, seq, displayName: buyer.name }),
      });

      // 看接龙: her entry is on top, masked and marked as hers.
      await shown('.order-campaign').click();
      await waitForText('.campaign-entry-mine', buyer.masked);
      const mine = shown('.campaign-entry-mine');
      expect(await mine.count()).toBe(1);
      expect(await mine.locator('.campaign-entry-seq').textContent()).toBe(String(seq));
      expect(await shown('.campaign-entry .campaign-entry-seq').allTextContents()).toEqual(Array.from({ length: seq }, (_, i) => String(seq - i)));
      if (seq === 3) await shot(me, 'buyer-joined');
    });
  });

  it('shows every buyer the list 1, 2, 3 with masked names, their own entry marked, at the lowest tier', async () => {
    for (const [index, me] of phones.entries()) {
      await me.openAs(BUYERS[index].openid, `/packages/group/campaign/index?campaignId=${campaignId}`);
      expect(await me.textOf('.campaign-counters')).toBe('已有 3 人跟团，共 5 斤');
      expect(await me.textOf('.tier-step.is-current')).toBe('满5斤¥24.995');
      expect(await me.textOf('.tier-progress-text')).toBe('已到最低价 ¥24.995/斤');
      const entries = me.shown('.campaign-entry');
      await me.waitForText('.campaign-entry', BUYERS[0].masked);
      expect(await entries.locator('.campaign-entry-seq').allTextContents()).toEqual(['3', '2', '1']);
      expect(await entries.locator('.campaign-entry-name').allTextContents()).toEqual([BUYERS[2].masked, BUYERS[1].masked, BUYERS[0].masked]);
      const mine = me.shown('.campaign-entry-mine');
      expect(await mine.count()).toBe(1);
      expect(await mine.locator('.campaign-entry-seq').textContent()).toBe(String(index + 1));
      // Nobody else's full name (list name or pickup contact) reaches this buyer's page.
      const body = (await me.page.locator('body').textContent()) ?? '';
      for (const other of BUYERS.filter((_, i) => i !== index)) {
        expect(body).not.toContain(other.contact);
        expect(body).not.toContain(other.name);
      }
    }
  });

  it('ends the campaign on 老张’s detail page, and the WeChat Pay differences go back by themselves', async () => {
    const { shown, openAs, textOf, waitForText } = vendor;
    await openAs(OWNER, `/packages/seller/campaign/index?shopId=${SHOP}&campaignId=${campaignId}`);
    await waitForText('.campaign-head-entries', '3 人跟团');
    await shown('.campaign-end-now').click();
    await confirmModal(vendor, '截团');
    await waitForText('.campaign-badge', '已截团');
    expect(await textOf('.settlement-final-price')).toBe('¥24.995/斤');
    await waitForText('.settlement-refundedFen .settlement-value', '¥22.52');
    expect(await textOf('.settlement-differenceFen .settlement-value')).toBe('¥22.52');
    // Nothing is left for 老张 to pay back by hand; all three rows show the refunds done.
    await shown('.settlement-all').click();
    await waitForText('.difference-row', '3号');
    const rows = shown('.difference-row');
    expect(await rows.count()).toBe(3);
    for (const [index, buyer] of BUYERS.entries()) {
      expect(await rows.filter({ hasText: `${index + 1}号 ` }).locator('.difference-note').textContent()).toBe(buyer.refunded);
    }
    await shot(vendor, 'settled');
  });

  it('shows each buyer the refunded difference on their order', async () => {
    for (const [index, me] of phones.entries()) {
      await me.openAs(BUYERS[index].openid, `/packages/buyer/order/index?orderId=${me.orderId}`);
      expect(await me.textOf('.order-difference')).toBe(BUYERS[index].refunded);
      expect(await me.textOf('.order-seq')).toBe(`跟团号 ${index + 1}`);
    }
    await shot(phones[0], 'buyer-refunded');
  });

  it('copies a 接龙文案 that numbers the list with masked names', async () => {
    const { shown, textOf } = vendor;
    await shown('.campaign-copy-text').click();
    const text = await textOf('.campaign-text-preview');
    expect(text).toContain('接龙（3 人）：');
    const list = text.split('\n').filter((line) => /^\d+\. .+×\d+斤$/.test(line) && !line.includes('¥'));
    expect(list).toEqual(BUYERS.map((buyer, index) => `${index + 1}. ${buyer.masked} 酉阳柴火烟熏腊肉（五花）×${buyer.quantity}斤`));
    for (const buyer of BUYERS) {
      expect(text).not.toContain(buyer.contact);
      expect(text).not.toContain(buyer.name);
    }
  });
});
