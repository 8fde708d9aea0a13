// Smoke test of the buyer's order flow as it ships to WeChat: the built weapp (dist/weapp) in
// miniprogram-simulate, from the product page's buy bar through the buyer subpackage's checkout
// to the order page, against the real local emulator.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { bootMiniProgram, waitFor, type MiniProgram, type OpenedPage } from './harness';

const DIST = path.resolve(__dirname, '../../dist/weapp');
const BUYER = 'demo-buyer-wangayi';

// What WeChat's address book hands back when the buyer picks an address (wx.chooseAddress).
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

/** Answers a wx API call the way the client does: a promise without callbacks, else success/complete. */
function succeed(options: Record<string, any>, res: Record<string, unknown>): Promise<unknown> | undefined {
  const reply = Promise.resolve(res);
  if (!options.success && !options.complete) return reply;
  void reply.then((value) => (options.success?.(value), options.complete?.(value)));
  return undefined;
}

const text = (el: Element | undefined) => el?.textContent?.trim() ?? '';

/** The route and query of a url the app navigated to, as openPage takes them. */
function target(url: string): { route: string; query: Record<string, string> } {
  const parsed = new URL(url, 'https://servicewechat.com');
  return { route: parsed.pathname.replace(/^\//, ''), query: Object.fromEntries(parsed.searchParams) };
}

describe('the built weapp order flow', () => {
  let emu: TestEmulator;
  let mp: MiniProgram;
  const subscribeAsks: string[][] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST} is missing: run \`npm run build:weapp\` first`);
    emu = await startTestEmulator();
    mp = bootMiniProgram(DIST, (name, data) => emu.call(name, data, BUYER), {
      chooseAddress: (options: Record<string, any>) => succeed(options, WECHAT_ADDRESS),
      // WeChat answers each template id with the buyer's choice: this buyer accepts them all.
      requestSubscribeMessage: (options: Record<string, any>) => {
        subscribeAsks.push(options.tmplIds);
        return succeed(options, { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(options.tmplIds.map((id: string) => [id, 'accept'])) });
      },
    });
  });
  afterAll(() => emu?.close());

  /** Waits for the page to navigate past `seen` urls and opens where it went. */
  async function follow(seen: number, what: string): Promise<{ page: OpenedPage; route: string; query: Record<string, string> }> {
    const url = await waitFor(() => mp.navigations[seen], `a navigation to ${what}`);
    const { route, query } = target(url);
    return { page: mp.openPage(route, query), route, query };
  }

  it('places a 转账给店主 order for an address picked in WeChat, from 立即购买 to an order page showing 待付款, its number and the server total', async () => {
    const product = mp.openPage('pages/product/index', { productId: 'larou' });
    const plus = await waitFor(() => product.all('qty-plus')[0], () => `the quantity stepper; the page shows: ${text(product.dom)}`, 10_000);
    expect(text(product.all('sku-item').find((sku) => sku.className.includes('is-selected')))).toContain('五花');
    product.tap(plus);
    await waitFor(() => text(product.all('line-total')[0]) === '合计 ¥116.00', () => `2 斤 at ¥58.00; the box shows: ${text(product.all('buy-box')[0])}`);

    const seen = mp.navigations.length;
    product.tap(product.all('buy-now')[0]);
    const checkout = await follow(seen, 'the checkout');
    expect(checkout.route).toBe('packages/buyer/checkout/index');
    expect(checkout.query).toMatchObject({ shopId: 'demo-shop', from: 'buynow' });
    const page = checkout.page;

    // Express is the shop's first way; the buyer has no saved address yet, so WeChat's book opens.
    const pick = await waitFor(() => page.all('new-address')[0], () => `从微信选择地址; the page shows: ${text(page.dom)}`, 10_000);
    expect(text(pick)).toBe('从微信选择地址');
    page.tap(pick);
    const saved = await waitFor(() => page.all('saved-address')[0], () => `the picked address; the page shows: ${text(page.dom)}`);
    expect(text(saved)).toContain('王阿姨 13812345678');
    expect(text(saved)).toContain('重庆市重庆市酉阳土家族苗族自治县桃花源街道民族路 12 号');

    page.tap(page.all('payment-offline')[0]);
    await waitFor(() => page.all('payment-offline')[0]?.className.includes('is-selected'), '转账给店主 selected');
    await waitFor(() => text(page.all('checkout-total')[0]) === '¥126.00', () => `the quote: ¥116.00 + ¥10.00 运费; the page shows: ${text(page.dom)}`);

    const beforeSubmit = mp.navigations.length;
    page.tap(page.all('place-order')[0]);
    const orderPage = await follow(beforeSubmit, 'the order page');
    expect(orderPage.route).toBe('packages/buyer/order/index');
    expect(subscribeAsks).toEqual([['tmpl-order-paid', 'tmpl-order-shipped', 'tmpl-order-cancelled']]);

    const [order] = emu.db.find('orders', { _id: orderPage.query.orderId, buyerOpenId: BUYER });
    expect(order).toMatchObject({
      shopId: 'demo-shop',
      state: 'to_pay',
      goodsFen: 11_600,
      feeFen: 1_000,
      totalFen: 12_600,
      payment: { mode: 'offline' },
      fulfilment: { kind: 'express', address: { name: '王阿姨', phone: '13812345678', province: '重庆市', district: '酉阳土家族苗族自治县' } },
    });
    expect(order.lines).toMatchObject([{ productId: 'larou', skuId: 'wuhua', quantity: 2 }]);

    const shown = orderPage.page;
    await waitFor(() => shown.all('order-no')[0], () => `the order; the page shows: ${text(shown.dom)}`, 10_000);
    expect(text(shown.all('state-badge')[0])).toBe('待付款');
    expect(text(shown.all('order-no')[0])).toBe(`订单号 ${order.orderNo}`);
    expect(text(shown.all('payee-amount')[0])).toBe('要转 ¥126.00');
    expect(text(shown.all('amount-total-value')[0])).toBe('¥126.00');
    for (const opened of [product, page, shown]) opened.unload();
  });

  it('places a 到店自提 order from the cart, with the pickup contact typed in, and empties the cart', async () => {
    const product = mp.openPage('pages/product/index', { productId: 'zhahaijiao' });
    const add = await waitFor(() => product.all('add-to-cart')[0], () => `加入购物车; the page shows: ${text(product.dom)}`, 10_000);
    product.tap(add);
    await waitFor(() => text(product.all('cart-count')[0]) === '1', 'the cart count of 1');

    let seen = mp.navigations.length;
    product.tap(product.all('cart-link')[0]);
    const cart = await follow(seen, 'the cart');
    expect(cart.route).toBe('packages/buyer/cart/index');
    const plus = await waitFor(() => cart.page.all('cart-plus')[0], () => `the cart line; the page shows: ${text(cart.page.dom)}`, 10_000);
    expect(text(cart.page.all('cart-line-name')[0])).toBe('坛子渣海椒');
    cart.page.tap(plus);
    await waitFor(() => text(cart.page.all('cart-qty')[0]) === '2瓶', 'two bottles');
    cart.page.tap(cart.page.all('cart-plus')[0]);
    await waitFor(() => text(cart.page.all('cart-qty')[0]) === '3瓶', 'three bottles');

    seen = mp.navigations.length;
    cart.page.tap(cart.page.all('go-checkout')[0]);
    const checkout = await follow(seen, 'the checkout');
    expect(checkout.query).toMatchObject({ shopId: 'demo-shop', from: 'cart' });
    const page = checkout.page;
    page.tap(await waitFor(() => page.all('kind-pickup')[0], () => `到店自提; the page shows: ${text(page.dom)}`, 10_000));
    const point = await waitFor(() => page.all('pickup-point')[0], 'the pickup points');
    expect(text(point)).toContain('镇上老张腊味店');
    expect(point.className).toContain('is-selected');
    page.type(page.all('pickup-contact-name')[0], '李大姐');
    page.type(page.all('pickup-contact-phone')[0], '13900001111');
    page.tap(page.all('payment-offline')[0]);
    await waitFor(() => text(page.all('checkout-total')[0]) === '¥56.40', () => `the quote: 3 × ¥18.80, no fee; the page shows: ${text(page.dom)}`);

    seen = mp.navigations.length;
    page.tap(page.all('place-order')[0]);
    const orderPage = await follow(seen, 'the order page');
    const [order] = emu.db.find('orders', { _id: orderPage.query.orderId, buyerOpenId: BUYER });
    expect(order).toMatchObject({
      state: 'to_pay',
      goodsFen: 5_640,
      feeFen: 0,
      totalFen: 5_640,
      payment: { mode: 'offline' },
      fulfilment: { kind: 'pickup', point: { id: 'town', name: '镇上老张腊味店' }, contact: { name: '李大姐', phone: '13900001111' } },
    });

    const shown = orderPage.page;
    await waitFor(() => shown.all('order-no')[0], () => `the order; the page shows: ${text(shown.dom)}`, 10_000);
    expect(text(shown.all('state-badge')[0])).toBe('待付款');
    expect(text(shown.all('order-no')[0])).toBe(`订单号 ${order.orderNo}`);
    expect(text(shown.all('payee-amount')[0])).toBe('要转 ¥56.40');

    // What was ordered left the cart.
    const after = mp.openPage('packages/buyer/cart/index', { shopId: 'demo-shop' });
    await waitFor(() => text(after.dom).includes('购物车是空的'), () => `an empty cart; the page shows: ${text(after.dom)}`);
    for (const opened of [product, cart.page, page, shown, after]) opened.unload();
  });
});
