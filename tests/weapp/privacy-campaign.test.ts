// Smoke test of the privacy gate on the built weapp's campaign page (packages/group/campaign): a
// buyer who has not agreed to the shop's 隐私保护指引 taps 复制接龙文案. The page renders the gate's
// sheet, so WeChat's clipboard runs only once she agrees there; before, the page called
// setClipboardData itself and WeChat refused it with an English error that was swallowed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { larouCampaign } from '../support/campaigns';
import { bootMiniProgram, waitFor, type MiniProgram, text } from './harness';

const DIST = path.resolve(__dirname, '../../dist/weapp');
const OWNER = 'demo-owner-laozhang';
const BUYER = 'demo-buyer-wangayi';

type Json = Record<string, any>;

describe('the built weapp campaign page asks for privacy agreement before copying', () => {
  let emu: TestEmulator;
  let mp: MiniProgram;
  let campaignId = '';
  const clipboard: string[] = [];
  const toasts: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST} is missing: run \`npm run build:weapp\` first`);
    emu = await startTestEmulator();
    mp = bootMiniProgram(
      DIST,
      (name, data) => emu.call(name, data, BUYER),
      {
        setClipboardData: ({ data }: Json) => (clipboard.push(data), { errMsg: 'setClipboardData:ok' }),
        showToast: (options: Json) => (toasts.push(options.title), void Promise.resolve().then(() => options.success?.({ errMsg: 'showToast:ok' }))),
      },
      { privacy: { agreed: false } },
    );
    const created = await emu.reply('campaigns', { action: 'create', payload: { shopId: 'demo-shop', campaign: larouCampaign() } }, OWNER);
    campaignId = created.data.campaign.id;
    await emu.reply('campaigns', { action: 'publish', payload: { campaignId, startNow: true } }, OWNER);
  });
  afterAll(() => emu?.close());

  it('shows the sheet instead of copying; 同意并继续 copies the 接龙文案', async () => {
    const page = mp.openPage('packages/group/campaign/index', { campaignId });
    const copy = await waitFor(() => page.all('campaign-copy-text')[0], () => `复制接龙文案; the page shows: ${text(page.dom)}`, 10_000);
    page.tap(copy);
    const sheet = await waitFor(() => page.all('privacy-sheet')[0], () => `the privacy sheet; the page shows: ${text(page.dom)}`);
    expect(text(sheet)).toContain('要复制文字，需要你先同意本店的隐私保护指引。');
    expect(mp.privacy.ran).toEqual([]);

    page.tap(page.all('privacy-agree')[0]);
    await waitFor(() => clipboard.length === 1, () => `the text copied; the page shows: ${text(page.dom)}`);
    expect(clipboard[0]).toContain('腊肉接龙');
    expect(mp.privacy.ran).toEqual(['setClipboardData']);
    await waitFor(() => toasts.includes('已复制，去群里粘贴'), () => `the toast; toasts: ${toasts.join(', ')}`);
    expect(page.all('privacy-sheet')).toEqual([]);
    page.unload();
  });
});
