// A campaign as buyers meet it in the browser: 王阿姨 opens the campaign page, sees the tiers and
// how far the next one is, joins with 2 斤, gives the name the list shows at checkout, and pays by
// transfer; once 老张 confirms the money she has 跟团号 1 on her order and her entry, marked as
// hers, on the list (masked); she renames it; a poster's code opens the same page signed out.
import type { Browser, Page } from 'playwright-core';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, screenshots } from '../support/browser';
import { larouCampaign } from '../support/campaigns';

const OWNER = 'demo-owner-laozhang';
const WANG = 'demo-buyer-wangayi';
const SHOP = 'demo-shop';

describe('a buyer joins a campaign', () => {
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;
  let campaignId = '';
  let orderId = '';

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 1600 }, deviceScaleFactor: 1 });
    const created = await emu.reply('campaigns', { action: 'create', payload: { shopId: SHOP, campaign: larouCampaign() } }, OWNER);
    campaignId = created.data.campaign.id;
    await emu.reply('campaigns', { action: 'publish', payload: { campaignId, startNow: true } }, OWNER);
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const { shown, openAs, textOf, waitForText } = demoPage(() => page, () => emu.url);
  const shot = screenshots(() => page, 'campaign-buyer');

  it('shows the tiers with the progress to the next one, the counters and the countdown', async () => {
    await openAs(WANG, `/packages/group/campaign/index?campaignId=${campaignId}`);
    expect(await textOf('.campaign-title')).toBe('腊肉接龙');
    expect(await textOf('.tier-progress-text')).toBe('再卖 50 斤降到 ¥45.00/斤');
    expect(await textOf('.campaign-counters')).toBe('还没有人跟团，快来第一个');
    expect(await textOf('.campaign-countdown')).toMatch(/^还剩 23 小时 5\d 分$/);
    await shot('open');
  });

  it('joins with 2 斤 and places the order with the name the list shows', async () => {
    await shown('.campaign-qty-plus').first().click();
    await shown('.campaign-qty-plus').first().click();
    expect(await textOf('.campaign-estimate')).toBe('¥100.00');
    await shown('.campaign-join').click();
    await waitForText('.checkout-campaign', '跟团：腊肉接龙');
    expect(await shown('.kind-local').count()).toBe(0);
    await shown('.nickname-input input').fill('王阿姨');
    await waitForText('.group-name-hint', '王*姨');
    await shown('.kind-pickup').click();
    await shown('.checkout-pickup input').nth(0).fill('王秀英');
    await shown('.checkout-pickup input').nth(1).fill('13800001111');
    await waitForText('.checkout-total', '¥100.00');
    await shot('checkout');
    await shown('.place-order').click();
    expect(await textOf('.order-seq')).toBe('付款后排上跟团号');
    orderId = /orderId=([^&]+)/.exec(page.url())?.[1] ?? '';
    expect(orderId).not.toBe('');
  });

  it('gives 跟团号 1 once the transfer is confirmed, on the order and on the list as hers', async () => {
    expect((await emu.reply('orders', { action: 'markTransferred', payload: { orderId } }, WANG)).ok).toBe(true);
    expect((await emu.reply('orders', { action: 'confirmTransfer', payload: { orderId } }, OWNER)).ok).toBe(true);
    await openAs(WANG, `/packages/buyer/order/index?orderId=${orderId}`);
    await waitForText('.order-seq', '跟团号 1');
    await openAs(WANG, `/packages/group/campaign/index?campaignId=${campaignId}`);
    await waitForText('.campaign-entry-mine', '王*姨');
    expect(await textOf('.campaign-entry-mine')).toContain('酉阳柴火烟熏腊肉（五花）×2斤');
    expect(await textOf('.campaign-counters')).toBe('已有 1 人跟团，共 2 斤');
    expect(await textOf('.campaign-mine')).toContain('跟团号 1');
    await shot('joined');
  });

  it('renames the entry from the campaign page', async () => {
    await shown('.campaign-rename-open').click();
    await shown('.campaign-rename .nickname-input input').fill('秀英阿姨');
    await shown('.campaign-rename-save').click();
    await waitForText('.campaign-entry-mine', '秀*姨');
  });

  it('opens the campaign from a poster code, signed out, without the entry marked', async () => {
    const code = await emu.reply('share', { action: 'posterCode', payload: { shopId: SHOP, target: { kind: 'campaign', campaignId } } }, WANG);
    await openAs(null, `/packages/group/campaign/index?scene=${code.data.code}`);
    expect(await textOf('.campaign-counters')).toBe('已有 1 人跟团，共 2 斤');
    await shown('.campaign-entry').first().waitFor();
    expect(await shown('.campaign-entry-mine').count()).toBe(0);
  });
});
