// The live studio in Chromium on the H5 build: 阿凤 (streamer) finds 直播 first on 我的小店, opens
// the demo show's console, goes on air, pins 林下参 and unpins it; 老张 sees the show's figures
// and links, the short link's refusal in plain words. The buyer's side is tests/e2e/live*.
import type { Browser, Page } from 'playwright-core';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, screenshots } from '../support/browser';
import { DEMO_LIVE_SHOW_ID } from '../../emulator/seed/demo';

const OWNER = 'demo-owner-laozhang';
const AFENG = 'demo-streamer-afeng';

describe('the live studio in the browser', () => {
  jest.setTimeout(90_000);
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true, demoCampaign: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 1400 }, deviceScaleFactor: 1 });
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const { shown, openAs, textOf, waitForText } = demoPage(() => page, () => emu.url);
  const shot = screenshots(() => page, 'studio');
  const ginseng = `.console-item-i1`;

  it('lets 阿凤 go on air from 我的小店 and pin 林下参, one item at a time', async () => {
    await openAs(AFENG, '/packages/seller/index/index');
    await shown('.action-live.is-wide').click();
    await waitForText('.live-group-scheduled .live-show-entry', '长白山林下参专场');
    expect(await shown('.live-new-show').count()).toBe(0);
    await shown(`.live-show-${DEMO_LIVE_SHOW_ID} .live-show-console`).click();
    await waitForText(`${ginseng} .console-left`, '剩 20 支');
    expect(await shown('.console-edit').count()).toBe(0);
    await shown('.console-start').filter({ hasText: '开播' }).click();
    await waitForText('.console-end', '下播');

    await shown(`${ginseng} .console-pin`).filter({ hasText: '讲解' }).click();
    await waitForText(`${ginseng}.is-pinned .console-pinned-flag`, '讲解中');
    await shown('.console-item-i2 .console-pin').click();
    await waitForText('.console-item-i2.is-pinned .console-pin', '取消讲解');
    expect(await shown(`${ginseng}.is-pinned`).count()).toBe(0);
    await shot('console');
    await shown('.console-item-i2 .console-pin').filter({ hasText: '取消讲解' }).click();
    await page.locator('.console-item.is-pinned >> visible=true').waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await textOf('.console-item-i2 .console-pin')).toBe('讲解');

    await shown(`${ginseng} .console-restock-10`).click();
    await waitForText(`${ginseng} .console-left`, '剩 30 支');
  });

  it('lets 老张 schedule a show from 直播 with 林下参 at a live price, the editor pointing at a missing price', async () => {
    await openAs(OWNER, '/packages/seller/index/index');
    await shown('.action-live').first().click();
    await waitForText('.live-settings-summary', 'sphDemoLaozhang');
    await shown('.live-new-show').click();
    await shown('.studio-title-input input').fill('周末榛蘑专场');
    await shown('.live-streamer').filter({ hasText: '阿凤' }).click();
    await shown('.live-pick-product').click();
    await shown('.live-product-option').filter({ hasText: '长白山林下参' }).click();
    await shown('.studio-item-sku').filter({ hasText: '15年' }).click();
    await shown('.studio-item-price input').fill('');
    await shown('.studio-item-cap input').fill('5');
    await shown('.live-save').click();
    await waitForText('.field-studio-item-price .field-error', '请填写直播价');
    await shot('editor');
    await shown('.studio-item-price input').fill('299');
    await shown('.live-save').click();
    await waitForText('.live-links-show .live-links-path', 'showId=');
    const { data } = await emu.reply('live', { action: 'listShows', payload: { shopId: 'demo-shop' } }, OWNER);
    const made = data.shows.find((row: { title: string }) => row.title === '周末榛蘑专场');
    const { data: opened } = await emu.reply('live', { action: 'vendorShow', payload: { showId: made.id } }, OWNER);
    expect(opened.show.items).toEqual([expect.objectContaining({ productId: 'linxiashen', skuId: '15y', livePriceLi: 299_000, stockCap: 5, limitPerBuyer: null })]);
    expect(opened.show.streamers).toEqual([{ openid: AFENG, name: '阿凤' }]);
  });

  it('shows 老张 the figures and the links of the show', async () => {
    await openAs(OWNER, `/packages/studio/dashboard/index?showId=${DEMO_LIVE_SHOW_ID}`);
    await waitForText('.dashboard-items .dashboard-row', '长白山林下参');
    expect(await textOf('.dashboard-orders .dashboard-total-value')).toBe('0');
    await waitForText('.live-links-show .live-links-path', DEMO_LIVE_SHOW_ID);
    await shown('.live-links-show .live-short-link').first().waitFor();
    await shot('dashboard');
  });
});
