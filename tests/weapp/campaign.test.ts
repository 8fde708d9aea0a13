// The built weapp's campaign page (packages/group) and checkout from it, rendered by
// miniprogram-simulate against the real emulator: a buyer sees the tiers, the progress to the
// next one and the counters, picks a quantity, joins, and the checkout asks once for the name
// the 接龙 list shows; the order placed there is the campaign's.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { larouCampaign } from '../support/campaigns';
import { bootMiniProgram, waitFor, type MiniProgram, type OpenedPage, text } from './harness';

const DIST = path.resolve(__dirname, '../../dist/weapp');
const OWNER = 'demo-owner-laozhang';
const BUYER = 'demo-buyer-wangayi';


describe('the built weapp campaign page', () => {
  let emu: TestEmulator;
  let mp: MiniProgram;
  let campaignId = '';

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST} is missing: run \`npm run build:weapp\` first`);
    emu = await startTestEmulator();
    mp = bootMiniProgram(DIST, (name, data) => emu.call(name, data, BUYER));
    const created = await emu.reply('campaigns', { action: 'create', payload: { shopId: 'demo-shop', campaign: larouCampaign() } }, OWNER);
    campaignId = created.data.campaign.id;
    await emu.reply('campaigns', { action: 'publish', payload: { campaignId, startNow: true } }, OWNER);
  });
  afterAll(() => emu?.close());

  let page: OpenedPage;

  it('shows the tiers, how far the next tier is, the counters and the 截团 countdown', async () => {
    page = mp.openPage('packages/group/campaign/index', { campaignId });
    await waitFor(() => page.all('tier-progress')[0], () => `the tier progress; the page shows: ${text(page.dom)}`, 10_000);
    expect(text(page.all('campaign-title')[0])).toBe('腊肉接龙');
    expect(text(page.all('tier-progress-text')[0])).toBe('再卖 50 斤降到 ¥45.00/斤');
    expect(text(page.all('campaign-counters')[0])).toBe('还没有人跟团，快来第一个');
    expect(text(page.all('campaign-countdown')[0])).toMatch(/^还剩 23 小时 5\d 分$/);
    expect(page.all('campaign-entry')).toHaveLength(0);
  });

  it('joins with the picked quantity: checkout with the campaign, asking for the list name', async () => {
    // The stepper shows once the page knows the buyer may order, which may be a render after the tiers.
    page.tap(await waitFor(() => page.all('campaign-qty-plus')[0], () => `the stepper; the page shows: ${text(page.dom)}`));
    await waitFor(() => text(page.all('campaign-qty')[0]) === '1', 'quantity 1');
    page.tap(page.all('campaign-qty-plus')[0]);
    await waitFor(() => text(page.all('campaign-qty')[0]) === '2', () => `quantity 2; shows ${text(page.all('campaign-qty')[0])}`);
    page.tap(page.all('campaign-join')[0]);
    const url = new URL(await waitFor(() => mp.navigations.at(-1), 'a navigateTo'), 'https://servicewechat.com');
    expect(url.pathname).toBe('/packages/buyer/checkout/index');
    expect(url.searchParams.get('campaignId')).toBe(campaignId);
    expect(url.searchParams.get('from')).toBe('buynow');

    const checkout = mp.openPage('packages/buyer/checkout/index', Object.fromEntries(url.searchParams));
    await waitFor(() => checkout.all('nickname-input')[0], () => `the nickname input; the page shows: ${text(checkout.dom)}`, 10_000);
    expect(text(checkout.all('checkout-campaign')[0])).toContain('跟团：腊肉接龙');
    // The campaign offers express and one pickup point, not local delivery.
    expect(checkout.all('kind-local')).toHaveLength(0);
    await waitFor(() => text(checkout.all('checkout-total')[0]) === '¥110.00', () => `the campaign price total; shows ${text(checkout.all('checkout-total')[0])}`, 10_000);
    checkout.unload();
    page.unload();
  });
});
