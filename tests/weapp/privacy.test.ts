// Smoke test of the privacy gate in the built weapp: a buyer who has not agreed to the shop's
// 隐私保护指引 taps 从微信选择地址 at checkout. The harness's wx applies WeChat's privacy rules
// (privacy-platform.ts), so chooseAddress runs only once she agrees through the sheet's
// agreePrivacyAuthorization button; refusing shows the Chinese message and changes nothing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { bootMiniProgram, waitFor, type MiniProgram, text } from './harness';
import { privacyPlatform } from './privacy-platform';

const DIST = path.resolve(__dirname, '../../dist/weapp');
const BUYER = 'demo-buyer-wangayi';
const WECHAT_ADDRESS = {
  errMsg: 'chooseAddress:ok',
  userName: '王阿姨',
  telNumber: '13812345678',
  postalCode: '409800',
  provinceName: '重庆市',
  cityName: '重庆市',
  countyName: '酉阳土家族苗族自治县',
  detailInfo: '桃花源街道民族路 12 号',
  nationalCode: '500242',
};

describe('the platform stand-ins fail as WeChat does', () => {
  const chooseAddress = () => Promise.resolve(WECHAT_ADDRESS);
  const call = (platform: ReturnType<typeof privacyPlatform>) => (platform.wx.chooseAddress({}) as Promise<unknown>).catch((err: { errMsg: string }) => err.errMsg);

  it('chooseAddress undeclared in app.json fails with WeChat’s requiredPrivateInfos message', async () => {
    await expect(call(privacyPlatform({}, { chooseAddress }))).resolves.toBe('chooseAddress:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json');
  });

  it('an item the console does not declare fails; not agreed and refused fails with "privacy permission is not authorized"', async () => {
    const app = { requiredPrivateInfos: ['chooseAddress'] };
    await expect(call(privacyPlatform(app, { chooseAddress }, { declaredItems: [] }))).resolves.toBe('chooseAddress:fail api scope is not declared in the privacy agreement');
    const platform = privacyPlatform(app, { chooseAddress }, { agreed: false });
    expect(await new Promise((resolve) => platform.wx.getPrivacySetting({ success: resolve }))).toMatchObject({ needAuthorization: true });
    platform.wx.onNeedPrivacyAuthorization(((resolve: (r: object) => void) => resolve({ event: 'disagree' })) as never);
    await expect(call(platform)).resolves.toBe('chooseAddress:fail privacy permission is not authorized');
    // resolve({event: 'agree'}) counts only after the named agree button was tapped.
    platform.wx.onNeedPrivacyAuthorization(((resolve: (r: object) => void) => resolve({ event: 'agree', buttonId: 'agree-btn' })) as never);
    await expect(call(platform)).resolves.toBe('chooseAddress:fail privacy permission is not authorized');
    platform.tapAgreeButton('agree-btn');
    await expect(call(platform)).resolves.toEqual(WECHAT_ADDRESS);
    expect(platform.asks).toEqual(['chooseAddress', 'chooseAddress']);
  });

  it('a refused album permission fails with "auth deny" without asking again, until 设置 (openSetting) switches it on', async () => {
    const saved: string[] = [];
    const platform = privacyPlatform({}, { saveImageToPhotosAlbum: (params) => (saved.push(params?.filePath), { errMsg: 'saveImageToPhotosAlbum:ok' }) }, { authSetting: { 'scope.writePhotosAlbum': false } });
    const save = () => (platform.wx.saveImageToPhotosAlbum({ filePath: 'wxfile://tmp/a.png' }) as Promise<unknown>).catch((err: { errMsg: string }) => err.errMsg);
    await expect(save()).resolves.toBe('saveImageToPhotosAlbum:fail auth deny');
    const settings = () => new Promise((resolve) => platform.wx.openSetting({ success: resolve }));
    await expect(settings()).resolves.toMatchObject({ authSetting: { 'scope.writePhotosAlbum': false } });
    await expect(save()).resolves.toBe('saveImageToPhotosAlbum:fail auth deny');
    platform.inSettings = (authSetting) => void (authSetting['scope.writePhotosAlbum'] = true);
    await expect(settings()).resolves.toMatchObject({ authSetting: { 'scope.writePhotosAlbum': true } });
    await expect(save()).resolves.toEqual({ errMsg: 'saveImageToPhotosAlbum:ok' });
    expect(saved).toEqual(['wxfile://tmp/a.png']);
    expect(platform.settingsOpened).toBe(2);
    // Never asked before: WeChat's own popup, allowed, and remembered.
    const fresh = privacyPlatform({}, { saveImageToPhotosAlbum: () => ({ errMsg: 'saveImageToPhotosAlbum:ok' }) });
    await (fresh.wx.saveImageToPhotosAlbum({ filePath: 'x' }) as Promise<unknown>);
    expect(fresh.authSetting).toEqual({ 'scope.writePhotosAlbum': true });
  });
});

describe('the built weapp asks for privacy agreement before WeChat’s address book', () => {
  let emu: TestEmulator;
  let mp: MiniProgram;

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST} is missing: run \`npm run build:weapp\` first`);
    expect(JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')).requiredPrivateInfos).toContain('chooseAddress');
    emu = await startTestEmulator();
    mp = bootMiniProgram(DIST, async (name, data) => emu.call(name, data, BUYER), { chooseAddress: () => Promise.resolve(WECHAT_ADDRESS) }, { privacy: { agreed: false } });
  });
  afterAll(() => emu?.close());

  it('shows the sheet instead of the address book; 不同意 says so in Chinese and changes nothing; 同意并继续 picks the address', async () => {
    const product = mp.openPage('pages/product/index', { productId: 'larou' });
    const buy = await waitFor(() => product.all('buy-now')[0], () => `立即购买; the page shows: ${text(product.dom)}`, 10_000);
    const seen = mp.navigations.length;
    product.tap(buy);
    const url = await waitFor(() => mp.navigations[seen], 'the checkout');
    const target = new URL(url, 'https://servicewechat.com');
    const page = mp.openPage(target.pathname.slice(1), Object.fromEntries(target.searchParams));
    const pick = await waitFor(() => page.all('new-address')[0], () => `从微信选择地址; the page shows: ${text(page.dom)}`, 10_000);
    const addressesBefore = emu.db.find('addresses', {}).length;

    page.tap(pick);
    const sheet = await waitFor(() => page.all('privacy-sheet')[0], () => `the privacy sheet; the page shows: ${text(page.dom)}`);
    expect(text(sheet)).toContain('要从微信选择收货地址，需要你先同意本店的隐私保护指引。');
    expect(mp.privacy.ran).toEqual([]);

    page.tap(page.all('privacy-link')[0]);
    await waitFor(() => mp.privacy.contractOpened === 1, 'the contract opened');

    page.tap(page.all('privacy-refuse')[0]);
    await waitFor(() => text(page.all('privacy-sheet')[0]).includes('你没有同意，所以没能从微信选择收货地址。'), () => `the refusal message; the sheet shows: ${text(page.all('privacy-sheet')[0])}`);
    expect(text(page.all('privacy-sheet')[0])).not.toMatch(/[A-Za-z]/);
    expect(mp.privacy.ran).toEqual([]);
    expect(mp.privacy.agreed).toBe(false);
    expect(page.all('saved-address')).toEqual([]);
    expect(emu.db.find('addresses', {})).toHaveLength(addressesBefore);

    page.tap(page.all('privacy-agree')[0]);
    const saved = await waitFor(() => page.all('saved-address')[0], () => `the picked address; the page shows: ${text(page.dom)}`);
    expect(text(saved)).toContain('王阿姨 13812345678');
    expect(mp.privacy.agreed).toBe(true);
    expect(mp.privacy.ran).toEqual(['chooseAddress']);
    expect(page.all('privacy-sheet')).toEqual([]);
  });
});
