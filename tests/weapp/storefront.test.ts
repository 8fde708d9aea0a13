// Smoke test of what ships to WeChat: the built weapp (dist/weapp, from `npm run build:weapp`)
// rendered by miniprogram-simulate with WeChat's wcc compiler, calling the real local emulator.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { bootMiniProgram, waitFor, type MiniProgram, type OpenedPage, text } from './harness';

const DIST = path.resolve(__dirname, '../../dist/weapp');
const BUYER = 'demo-buyer-wangayi';

const within = (el: Element, page: OpenedPage, className: string) => page.all(className).filter((child) => el.contains(child));

describe('the built weapp storefront', () => {
  let emu: TestEmulator;
  let mp: MiniProgram;
  let home: OpenedPage;

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST} is missing: run \`npm run build:weapp\` first`);
    emu = await startTestEmulator();
    // What the signed-in buyer's WeChat client would send: the openid travels with every call.
    mp = bootMiniProgram(DIST, (name, data) => emu.call(name, data, BUYER));
    home = mp.openPage('pages/index/index', { shopId: 'demo-shop' });
  });
  afterAll(() => emu?.close());

  const card = (name: string) => home.all('product-card').find((el) => text(within(el, home, 'product-name')[0]) === name);

  it('shows the demo shop and every product on sale with its name and lowest unit price', async () => {
    const { products } = await emu.reply('shop', { action: 'listProducts', payload: { shopId: 'demo-shop' } }, BUYER).then((r) => r.data);
    await waitFor(() => home.all('product-card').length === products.length, () => `${products.length} product cards; the page shows: ${text(home.dom)}`, 10_000);

    expect(text(home.all('shop-name')[0])).toBe('老张山货铺');
    const larou = card('酉阳柴火烟熏腊肉')!;
    expect(text(within(larou, home, 'product-price')[0])).toBe('¥52.00');
    expect(text(within(larou, home, 'product-unit')[0])).toBe('/斤');
    const zipper = card('义乌尼龙拉链')!;
    expect(text(within(zipper, home, 'product-price')[0])).toBe('¥0.07');
    expect(text(within(zipper, home, 'product-unit')[0])).toBe('/条');
  });

  it('opens the product page of a tapped card, showing its title and the price of each spec', async () => {
    const zipper = await waitFor(() => card('义乌尼龙拉链'), 'the 义乌尼龙拉链 card', 10_000);
    home.tap(zipper);
    const url = new URL(await waitFor(() => mp.navigations.at(-1), 'a navigateTo'), 'https://servicewechat.com');
    expect(url.pathname).toBe('/pages/product/index');
    expect(url.searchParams.get('productId')).toBe('lalian');

    const product = mp.openPage('pages/product/index', Object.fromEntries(url.searchParams));
    await waitFor(() => product.all('sku-item').length > 0, () => `the spec list; the page shows: ${text(product.dom)}`, 10_000);
    expect(text(product.all('product-title')[0])).toBe('义乌尼龙拉链');
    const specs = product.all('sku-item').map((sku) => [text(within(sku, product, 'sku-spec')[0]), text(within(sku, product, 'sku-price')[0])]);
    expect(specs).toEqual([
      ['3号 15厘米', '¥0.07/条'],
      ['5号 20厘米', '¥0.095/条'],
    ]);
  });

  it('answers wx.cloud.callFunction callbacks as well as promises, like the client', async () => {
    const wx = (globalThis as any).wx;
    const event = { action: 'getProduct', payload: { productId: 'larou' }, requestId: 'smoke-1' };
    const viaPromise = await wx.cloud.callFunction({ name: 'shop', data: event });
    const viaCallback = await new Promise<any>((resolve, reject) => wx.cloud.callFunction({ name: 'shop', data: event, success: resolve, fail: reject }));
    expect(viaPromise.result).toMatchObject({ ok: true, data: { product: { name: '酉阳柴火烟熏腊肉' } } });
    expect(viaCallback.result).toEqual(viaPromise.result);
    const failed = await new Promise<any>((resolve) => wx.cloud.callFunction({ name: 'no-such-function', data: {}, fail: resolve }));
    expect(failed.errMsg).toMatch(/^cloud\.callFunction:fail/);
  });
});
