// Ordering in the browser, two buyers and the vendor of the demo shop: 王阿姨 puts two products in
// her cart, types a delivery address, and pays with WeChat Pay on the sandbox's pay sheet; 老张 sees
// the paid order in his console. 小李 buys now and pays by transfer (我已转账); 老张 confirms the
// money (确认收款) and 小李 sees 待发货.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { demoPage, launchBrowser, screenshots } from '../support/browser';

const OWNER = 'demo-owner-laozhang';
const WANG = 'demo-buyer-wangayi';
const LI = 'demo-buyer-xiaoli';
const SHOP = 'demo-shop';

describe('buyers order and pay, and the vendor sees and confirms their orders', () => {
  let emu: TestEmulator;
  let browser: Browser;
  let page: Page;
  const qrPhoto = join(tmpdir(), `cactus-receiving-qr-${process.pid}.png`);

  beforeAll(async () => {
    emu = await startTestEmulator({ warm: true });
    browser = await launchBrowser();
    writeFileSync(qrPhoto, await QRCode.toBuffer('wxp://laozhang-receiving-code', { width: 240 }));
    page = await browser.newPage({ viewport: { width: 390, height: 1600 }, deviceScaleFactor: 1 });
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const { shown, openAs, textOf, waitForText } = demoPage(() => page, () => emu.url);
  const shot = screenshots(() => page, 'orders');




  it('lets the owner switch on WeChat Pay and upload a receiving code in the settings', async () => {
    await openAs(OWNER, `/packages/seller/settings/index?shopId=${SHOP}`);
    await shown('.payment-wechat .weui-switch').click();
    await shown('.settings-sub-mch-id input').fill('1900000109');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown('.field-offline-qr .image-add').click()]);
    await chooser.setFiles(qrPhoto);
    await shown('.field-offline-qr .image-thumb').waitFor();
    await shown('.settings-pay-within input').fill('45');
    await shown('.save-settings').click();
    await waitForText('.settings-message', '已保存');
    const { data } = await emu.reply('shop', { action: 'getSettings', payload: { shopId: SHOP } }, OWNER);
    expect(data.settings.payment.wechatPay).toEqual({ enabled: true, subMchId: '1900000109' });
    expect(data.settings.orders.payWithinMinutes).toBe(45);
  });

  let wangOrderId = '';

  let shareCode = '';

  it('puts two products in 王阿姨’s cart and shows the server’s breakdown at checkout', async () => {
    // She came to the 腊肉 from 老张's card in the hometown group.
    const { data: ref } = await emu.reply('share', { action: 'createRef', payload: { shopId: SHOP, target: { kind: 'product', productId: 'larou' } } }, OWNER);
    shareCode = ref.code;
    await openAs(WANG, `/pages/product/index?productId=larou&ref=${shareCode}&scene=1008`);
    await shown('.sku-option').filter({ hasText: '五花' }).click();
    await shown('.qty-input input').fill('10');
    await shown('.qty-input input').blur();
    await shown('.add-to-cart').click();
    await waitForText('.cart-count', '1');

    await openAs(WANG, '/pages/product/index?productId=zhahaijiao');
    await shown('.add-to-cart').click();
    await waitForText('.cart-count', '2');
    await shown('.cart-link').click();
    await shown('.cart-line').nth(1).waitFor();
    expect(await shown('.cart-line').count()).toBe(2);
    await shown('.go-checkout').click();

    // Bulk price from 10 斤: ¥55.00 × 10 = ¥550.00, plus a jar at ¥18.80 and ¥10.00 express.
    await waitForText('.order-line-price', '满10斤 ¥55.00/斤 × 10');
    expect(await textOf('.checkout-total')).toBe('¥578.80');
    await shot('checkout');
  });

  it('saves a typed address and places the order with it', async () => {
    await shown('.new-address').click();
    await shown('.address-name input').fill('王秀英');
    await shown('.address-phone input').fill('13800138000');
    await shown('.address-province input').fill('重庆');
    await shown('.address-city input').fill('重庆市');
    await shown('.address-district input').fill('酉阳县');
    await shown('.address-detail input').fill('桃花源街道 8 号');
    await shown('.address-save').click();
    await waitForText('.saved-address.is-selected', '王秀英');
    await shown('.payment-wechat').click();
    await shown('.buyer-note-input textarea').fill('腊肉要肥一点');
    await shown('.place-order').click();

    // Straight to the order, with the sandbox's pay sheet open.
    await shown('.taro-modal__content').waitFor({ timeout: 10_000 });
    expect(await textOf('.taro-modal__text')).toContain('¥578.80');
    await shot('pay-sheet');
    await page.locator('.taro-model__btn', { hasText: '确认支付' }).click();
    await waitForText('.order-state-card .state-badge', '待发货');
    await shot('paid');

    const { data } = await emu.reply('orders', { action: 'myOrders', payload: {} }, WANG);
    expect(data.orders).toHaveLength(1);
    expect(data.orders[0]).toMatchObject({ state: 'paid', totalFen: 57_880, lineCount: 2 });
    wangOrderId = data.orders[0].id;
    // The order from the cart keeps where she found the goods.
    expect(emu.db.find('orders', { _id: wangOrderId })[0]).toMatchObject({ source: { ref: shareCode, scene: 1008 } });
    const book = await emu.reply('orders', { action: 'listAddresses', payload: {} }, WANG);
    expect(book.data.addresses).toEqual([expect.objectContaining({ name: '王秀英', isDefault: true })]);
  });

  it('shows the paid order to 老张 under 待发货', async () => {
    await openAs(OWNER, '/packages/seller/index/index');
    await shown('.action-orders').click();
    await waitForText('.orders-state.is-selected', '待发货 1');
    await shown('.order-summary').filter({ hasText: '王秀英' }).click();
    await waitForText('.vendor-order-state .state-badge', '待发货');
    expect(await textOf('.vendor-order-pay')).toBe('微信支付 · 合计 ¥578.80');
    expect(await textOf('.vendor-order-buyer-note')).toContain('腊肉要肥一点');
    expect(await shown('.order-action-ship').count()).toBe(1);
    await shot('vendor-paid');
    const { data } = await emu.reply('orders', { action: 'getOrder', payload: { orderId: wangOrderId } }, OWNER);
    expect(data.order.payment.paidFen).toBe(57_880);
  });

  let liOrderNo = '';

  it('lets 小李 buy now for pickup, pay by transfer and say so', async () => {
    await openAs(LI, '/pages/product/index?productId=lianzi');
    await shown('.buy-now').click();
    await shown('.kind-pickup').click();
    await shown('.pickup-contact-name input').fill('小李');
    await shown('.pickup-contact-phone input').fill('13900139000');
    await shown('.payment-offline').click();
    await waitForText('.checkout-total', '¥45.00');
    await shown('.place-order').click();

    await waitForText('.order-state-card .state-badge', '待付款');
    expect(await textOf('.payee-amount')).toBe('要转 ¥45.00');
    expect(await shown('.payee-qr').count()).toBe(1);
    liOrderNo = (await textOf('.order-no')).replace('订单号 ', '');
    expect(await textOf('.payee-order-no')).toContain(liOrderNo);
    expect(await textOf('.order-countdown')).toMatch(/还剩 45 分钟付款/);
    await shot('transfer');
    await shown('.order-action-mark-transferred').click();
    await shown('.action-input-note input').fill('微信转的，尾号 9000');
    await shown('.action-form-mark-transferred .action-form-confirm').click();
    await waitForText('.order-state-card .state-badge', '待确认收款');
  });

  it('lets 老张 find the transfer by order number and confirm it; 小李 then sees 待发货', async () => {
    await openAs(OWNER, `/packages/seller/orders/index?shopId=${SHOP}`);
    await shown('.orders-keyword input').fill(liOrderNo);
    await shown('.state-tab-all').click();
    await shown('.order-summary').filter({ hasText: liOrderNo }).click();
    expect(await textOf('.vendor-order-transfer-note')).toContain('尾号 9000');
    await shown('.order-action-confirm-transfer').click();
    await page.locator('.taro-model__btn', { hasText: '确定' }).click();
    await waitForText('.vendor-order-state .state-badge', '待发货');
    expect(await shown('.order-action-mark-ready').count()).toBe(1);
    await shot('vendor-confirmed');

    await openAs(LI, '/packages/buyer/orders/index');
    await waitForText('.order-summary .state-badge', '待发货');
    await shot('li-orders');
  });

  it('lets 小李 cancel the paid order before it is handed over; once 老张 agrees the money goes back and the 莲子 return to the shelf', async () => {
    const stockBefore = (emu.db.find('products', { _id: 'lianzi' })[0] as { skus: { stock: number }[] }).skus[0].stock;
    await shown('.order-summary').filter({ hasText: '待发货' }).click();
    await shown('.order-action-cancel-paid-order').click();
    await page.locator('.taro-model__btn', { hasText: '确定' }).click();
    await waitForText('.order-state-card .state-badge', '退款中');

    await openAs(OWNER, `/packages/seller/orders/index?shopId=${SHOP}`);
    await shown('.orders-keyword input').fill(liOrderNo);
    await shown('.state-tab-all').click();
    await shown('.order-summary').filter({ hasText: liOrderNo }).click();
    await shown('.order-action-approve-refund').click();
    await page.locator('.taro-model__btn', { hasText: '确定' }).click();
    await waitForText('.vendor-order-state .state-badge', '已退款');
    await shot('vendor-refunded');

    const stockAfter = (emu.db.find('products', { _id: 'lianzi' })[0] as { skus: { stock: number }[] }).skus[0].stock;
    expect(stockAfter - stockBefore).toBe(1);
  });
});
