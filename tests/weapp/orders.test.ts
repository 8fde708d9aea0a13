// Smoke test of the buyer's order flow as it ships to WeChat: the built weapp (dist/weapp) in
// miniprogram-simulate, from the product page's buy bar through the buyer subpackage's checkout
// to the order page, against the real local emulator.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { PEOPLE } from '../support/roles';
import { bootMiniProgram, waitFor, type MiniProgram, type OpenedPage, answer, text } from './harness';

const DIST = path.resolve(__dirname, '../../dist/weapp');
const BUYER = 'demo-buyer-wangayi';
const MCH = '1900000109';

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



/** The route and query of a url the app navigated to, as openPage takes them. */
function target(url: string): { route: string; query: Record<string, string> } {
  const parsed = new URL(url, 'https://servicewechat.com');
  return { route: parsed.pathname.replace(/^\//, ''), query: Object.fromEntries(parsed.searchParams) };
}

describe('the built weapp order flow', () => {
  let emu: TestEmulator;
  let mp: MiniProgram;
  const subscribeAsks: string[][] = [];
  // What orders.pay handed the app, and what reached WeChat's pay sheet: the two must be the same.
  const issued: { outTradeNo: string; payment: Record<string, unknown> }[] = [];
  const sheets: Record<string, unknown>[] = [];
  // What the buyer does on the next pay sheet.
  let onSheet: 'pay' | 'close' = 'pay';

  /**
   * WeChat's pay sheet: it shows the trade its prepay_id names. Paying, the platform marks the
   * trade paid and notifies payNotify (the pay sandbox's part) before the sheet answers ok;
   * closing it answers `fail cancel` and nothing is paid.
   */
  async function paySheet(params: Record<string, unknown>): Promise<unknown> {
    const trade = emu.pay.orders().find((candidate) => params.package === `prepay_id=${candidate.prepayId}`);
    if (!trade) throw { errMsg: `requestPayment:fail no trade for package ${String(params.package)}` };
    if (onSheet === 'close') throw { errMsg: 'requestPayment:fail cancel' };
    await emu.pay.pay(trade.outTradeNo);
    return { errMsg: 'requestPayment:ok' };
  }

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST} is missing: run \`npm run build:weapp\` first`);
    emu = await startTestEmulator();
    const transport = async (name: string, data: unknown) => {
      const reply = await emu.call(name, data, BUYER);
      const result = reply.body.result as { ok?: boolean; data?: (typeof issued)[number] } | undefined;
      if (name === 'orders' && (data as { action?: string }).action === 'pay' && result?.ok && result.data) issued.push(result.data);
      return reply;
    };
    mp = bootMiniProgram(DIST, transport, {
      chooseAddress: (options: Record<string, any>) => answer(options, Promise.resolve(WECHAT_ADDRESS)),
      // WeChat answers each template id with the buyer's choice: this buyer accepts them all.
      requestSubscribeMessage: (options: Record<string, any>) => {
        subscribeAsks.push(options.tmplIds);
        return answer(options, Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(options.tmplIds.map((id: string) => [id, 'accept'])) }));
      },
      requestPayment: (options: Record<string, any>) => {
        const { success: _success, fail: _fail, complete: _complete, ...params } = options;
        sheets.push(params);
        return answer(options, paySheet(params));
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

  it('places a 到店自提 order from the cart, with the pickup contact typed in, asks to subscribe to the pickup reminder, and empties the cart', async () => {
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
    const asked = subscribeAsks.length;
    page.tap(page.all('place-order')[0]);
    const orderPage = await follow(seen, 'the order page');
    // For pickup: paid, 可以取货了 (the shipped template), and the vendor's 取货提醒.
    expect(subscribeAsks.slice(asked)).toEqual([['tmpl-order-paid', 'tmpl-order-shipped', 'tmpl-pickup-reminder']]);
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

  describe('with WeChat Pay switched on by the owner', () => {
    beforeAll(async () => {
      const { data } = await emu.reply('shop', { action: 'getSettings', payload: { shopId: DEMO_SHOP_ID } }, PEOPLE.owner);
      const settings = { ...data.settings, payment: { ...data.settings.payment, wechatPay: { enabled: true, subMchId: MCH } } };
      const saved = await emu.reply('shop', { action: 'updateSettings', payload: { shopId: DEMO_SHOP_ID, settings } }, PEOPLE.owner);
      if (!saved.ok) throw new Error(`switching WeChat Pay on failed: ${JSON.stringify(saved.error)}`);
    });

    /** 立即购买 one 斤 of 腊肉 with 微信支付 and 提交订单: the order page it lands on opens WeChat's sheet at once. */
    async function buyNowWithWechatPay() {
      const product = mp.openPage('pages/product/index', { productId: 'larou' });
      const buy = await waitFor(() => product.all('buy-now')[0], () => `立即购买; the page shows: ${text(product.dom)}`, 10_000);
      let seen = mp.navigations.length;
      product.tap(buy);
      const checkout = (await follow(seen, 'the checkout')).page;

      const pick = await waitFor(() => checkout.all('new-address')[0], () => `the address card; the page shows: ${text(checkout.dom)}`, 10_000);
      // The address picked in WeChat for an earlier order is kept; a first order picks one now.
      if (checkout.all('saved-address').length === 0) checkout.tap(pick);
      await waitFor(() => checkout.all('saved-address')[0]?.className.includes('is-selected'), 'a selected address');

      const wechat = await waitFor(() => checkout.all('payment-wechat')[0], () => `微信支付 offered; the page shows: ${text(checkout.dom)}`);
      expect(text(wechat)).toContain('微信支付');
      checkout.tap(wechat);
      await waitFor(() => checkout.all('payment-wechat')[0]?.className.includes('is-selected'), '微信支付 selected');
      await waitFor(() => text(checkout.all('checkout-total')[0]) === '¥68.00', () => `the quote: ¥58.00 + ¥10.00 运费; the page shows: ${text(checkout.dom)}`);

      seen = mp.navigations.length;
      checkout.tap(checkout.all('place-order')[0]);
      const order = await follow(seen, 'the order page');
      expect(order.route).toBe('packages/buyer/order/index');
      expect(order.query.pay).toBe('1');
      return { orderId: order.query.orderId, shown: order.page, opened: [product, checkout, order.page] };
    }

    const orderDoc = (orderId: string) => emu.db.find('orders', { _id: orderId, buyerOpenId: BUYER })[0];
    const tradeOf = (orderId: string) => emu.pay.orders().find((trade) => trade.outTradeNo === orderId);
    const badge = (page: OpenedPage) => text(page.all('state-badge')[0]);

    it('pays on WeChat’s sheet with exactly the params the pay sandbox issued, and the order page then shows 待发货 for a paid order', async () => {
      onSheet = 'pay';
      const [sheetsBefore, issuedBefore] = [sheets.length, issued.length];
      const { orderId, shown, opened } = await buyNowWithWechatPay();
      await waitFor(() => badge(shown) === '待发货', () => `待发货 once paid; the page shows: ${text(shown.dom)}`, 10_000);

      const trade = tradeOf(orderId)!;
      const order = orderDoc(orderId);
      expect(trade).toMatchObject({ tradeState: 'SUCCESS', totalFee: order.totalFen, subMchId: MCH, subOpenid: BUYER, functionName: 'payNotify', acknowledged: true });
      const sheet = { timeStamp: expect.stringMatching(/^\d{10}$/), nonceStr: expect.stringMatching(/^[0-9a-f]{16}$/), package: `prepay_id=${trade.prepayId}`, signType: 'MD5', paySign: expect.stringMatching(/^[0-9A-F]{32}$/) };
      expect(sheets.slice(sheetsBefore)).toEqual([sheet]);
      expect(issued.slice(issuedBefore)).toEqual([{ outTradeNo: orderId, payment: sheets[sheetsBefore] }]);
      expect(order).toMatchObject({ state: 'paid', totalFen: 6_800, payment: { mode: 'wechat', paidFen: 6_800, subMchId: MCH, transactionId: trade.transactionId } });

      expect(text(shown.all('amount-total-value')[0])).toBe('¥68.00');
      expect(shown.all('pay-now')).toEqual([]);
      for (const page of opened) page.unload();
    });

    it('keeps the order 待付款 with 去支付 offered when the buyer closes WeChat’s sheet, and 去支付 then pays the same trade', async () => {
      onSheet = 'close';
      const sheetsBefore = sheets.length;
      const { orderId, shown, opened } = await buyNowWithWechatPay();
      await waitFor(() => sheets.length > sheetsBefore, 'WeChat’s pay sheet');
      const payNow = await waitFor(
        () => shown.all('pay-now').find((button) => !button.className.includes('is-disabled')),
        () => `去支付 again once the sheet is closed; the page shows: ${text(shown.dom)}`,
      );
      expect(text(payNow)).toBe('去支付 ¥68.00');
      expect(badge(shown)).toBe('待付款');
      // Closing the sheet is the buyer's choice, not a failure to report.
      expect(shown.all('order-error')).toEqual([]);
      expect(orderDoc(orderId)).toMatchObject({ state: 'to_pay', payment: { mode: 'wechat', paidFen: 0 } });
      expect(tradeOf(orderId)).toMatchObject({ tradeState: 'NOTPAY', notifications: 0 });

      onSheet = 'pay';
      shown.tap(payNow);
      await waitFor(() => badge(shown) === '待发货', () => `待发货 once paid; the page shows: ${text(shown.dom)}`, 10_000);
      const trade = tradeOf(orderId)!;
      expect(sheets.slice(sheetsBefore).map((sheet) => sheet.package)).toEqual([`prepay_id=${trade.prepayId}`, `prepay_id=${trade.prepayId}`]);
      expect(orderDoc(orderId)).toMatchObject({ state: 'paid', payment: { paidFen: orderDoc(orderId).totalFen } });
      for (const page of opened) page.unload();
    });
  });
});
