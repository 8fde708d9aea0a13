// WeChat Pay end to end through the real functions and the emulator's pay sandbox: a buyer starts
// the payment (orders.pay → cloudPay.unifiedOrder), pays on the sandbox's sheet, and WeChat Pay's
// notices reach payNotify — repeated, late, racing, forged. Refunds go back through cloudPay.refund,
// and the buyer hears of each change by subscribe message.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { OrderDoc, ProductDoc } from '@core/model';
import { createOrder } from '@core/orders';
import { DEFAULT_TEMPLATE_IDS, orderPagePath } from '@core/notify';
import { tcbError } from '../../emulator/http';

const BUYER = 'test-pay-buyer';
const MCH = '1900000109';
const DAY = 24 * 3600_000;
const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };

describe('orders and payNotify: WeChat Pay', () => {
  let emu: TestEmulator;
  let seq = 0;
  const now = Date.now();

  const orders = (action: string, payload: unknown, openid?: string, requestId = `rq-${++seq}`) => emu.reply('orders', { action, payload, requestId }, openid);
  const stockOf = (productId: string) => (emu.db.find('products', { _id: productId })[0] as unknown as ProductDoc).skus[0].stock;
  const orderDoc = (id: string) => emu.db.find('orders', { _id: id })[0] as unknown as OrderDoc;
  const outboxFor = (orderId: string) => emu.openApi.outbox().filter((message) => message.page === orderPagePath(orderId));
  const sandboxRefunds = (orderId: string) => emu.pay.refunds().filter((refund) => refund.outTradeNo === orderId);
  let clock = Date.now();
  const tickMinute = () => emu.timers.tick((clock += 61_000));

  /** A WeChat order as place leaves it (2 units held), whose time to pay runs out 1.5 s from now. */
  function insertExpiringOrder(productId: string): OrderDoc {
    const line = { productId, skuId: 'a', name: '山货', spec: '', unit: '件', image: '', quantity: 2, unitPriceLi: 10_000, priceSource: { kind: 'base' as const }, totalFen: 2000 };
    const order = createOrder({
      id: `pay-expiring-${++seq}`,
      orderNo: `2611220${String(seq).padStart(5, '0')}`,
      shopId: DEMO_SHOP_ID,
      buyerOpenId: BUYER,
      requestId: `pay-expiring-${seq}`,
      quote: { lines: [line], goodsFen: 2000, feeFen: 0, totalFen: 2000 },
      fulfilment: { kind: 'express', address, tracking: null },
      mode: 'wechat',
      buyerNote: '',
      source: { ref: null, scene: null },
      at: Date.now() - 30 * 60_000,
      payWithinMs: 30 * 60_000 + 1500,
    });
    emu.db.insert('orders', { ...order });
    return order;
  }

  /** A WeChat Pay order for `quantity` of a fresh product with 10 in stock, and its payment started. */
  async function wechatOrder(quantity = 1) {
    const productId = insertProduct(emu, 10);
    const placed = await orders('place', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity }], fulfilment: { kind: 'express', address }, payment: 'wechat' }, BUYER);
    expect(placed.ok).toBe(true);
    const order = placed.data.order;
    const started = await orders('pay', { orderId: order.id }, BUYER);
    expect(started.ok).toBe(true);
    return { order, productId, outTradeNo: started.data.outTradeNo as string };
  }

  const payEvents = (id: string) => orderDoc(id).history.filter((entry) => entry.event === 'pay_confirmed');

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu, now);
    // The owner switches WeChat Pay on, with a merchant number, and shows a receiving QR for transfers.
    const { data } = await emu.reply('shop', { action: 'getSettings', payload: { shopId: DEMO_SHOP_ID } }, PEOPLE.owner);
    const settings = { ...data.settings, payment: { offline: { ...data.settings.payment.offline, qrImage: '/media/seed/shop.svg' }, wechatPay: { enabled: true, subMchId: MCH } } };
    const saved = await emu.reply('shop', { action: 'updateSettings', payload: { shopId: DEMO_SHOP_ID, settings } }, PEOPLE.owner);
    expect(saved.ok).toBe(true);
  });
  afterAll(() => emu.close());

  it('starts a payment with unifiedOrder, naming payNotify, and gives the client what requestPayment takes', async () => {
    const { order, outTradeNo } = await wechatOrder(2);
    expect(outTradeNo).toBe(order.id);
    const again = await orders('pay', { orderId: order.id }, BUYER);
    expect(again.data).toEqual({ outTradeNo, payment: { timeStamp: expect.any(String), nonceStr: expect.any(String), package: expect.stringMatching(/^prepay_id=wx/), signType: 'MD5', paySign: expect.any(String) } });
    const [sandboxOrder] = emu.pay.orders().filter((o) => o.outTradeNo === outTradeNo);
    expect(sandboxOrder).toMatchObject({ totalFee: order.totalFen, subMchId: MCH, functionName: 'payNotify', subOpenid: BUYER, tradeType: 'JSAPI' });
    expect(sandboxOrder.body).toBe(order.lines[0].name);
  });

  it('starts the same payment again after the vendor renamed the shop: the pay request holds nothing the vendor edits', async () => {
    const { order, outTradeNo } = await wechatOrder();
    const first = emu.pay.orders().find((o) => o.outTradeNo === outTradeNo)!;
    const { data } = await emu.reply('shop', { action: 'getSettings', payload: { shopId: DEMO_SHOP_ID } }, PEOPLE.owner);
    const renamed = await emu.reply('shop', { action: 'updateSettings', payload: { shopId: DEMO_SHOP_ID, settings: { ...data.settings, name: '老张山货铺·新' } } }, PEOPLE.owner);
    expect(renamed.ok).toBe(true);
    try {
      const again = await orders('pay', { orderId: order.id }, BUYER);
      expect(again.data.payment.package).toBe(`prepay_id=${first.prepayId}`);
    } finally {
      await emu.reply('shop', { action: 'updateSettings', payload: { shopId: DEMO_SHOP_ID, settings: data.settings } }, PEOPLE.owner);
    }
  });

  it('marks a paid order paid once, tells the buyer, and acknowledges WeChat Pay only then', async () => {
    const { order, outTradeNo, productId } = await wechatOrder(2);
    const { answers } = await emu.pay.pay(outTradeNo);
    expect(answers).toEqual([{ errcode: 0, errmsg: 'OK' }]);
    expect(orderDoc(order.id)).toMatchObject({ state: 'paid', expiresAt: null, payment: { paidFen: order.totalFen, subMchId: MCH, transactionId: expect.stringMatching(/^4200/) } });
    expect(payEvents(order.id)).toHaveLength(1);
    expect(stockOf(productId)).toBe(8);
    expect(outboxFor(order.id)).toEqual([
      expect.objectContaining({ touser: BUYER, templateId: DEFAULT_TEMPLATE_IDS.paid, data: expect.objectContaining({ amount3: { value: `¥${(order.totalFen / 100).toFixed(2)}` } }) }),
    ]);
    expect((await orders('pay', { orderId: order.id }, BUYER)).error.code).toBe('ORDER_STATE_CONFLICT');
  });

  it('leaves one consistent state after replayed, late and out-of-order notices', async () => {
    const { order, outTradeNo } = await wechatOrder();
    // Two deliveries racing each other, each followed by repeats, arriving late.
    const runs = await Promise.all([emu.pay.pay(outTradeNo, { duplicates: 3, delayMs: 30 }), emu.pay.pay(outTradeNo, { duplicates: 2 })]);
    expect(runs.flatMap((run) => run.answers).every((answer) => (answer as { errcode: number }).errcode === 0)).toBe(true);
    expect(payEvents(order.id)).toHaveLength(1);
    // A notice arriving after the goods went out changes nothing.
    expect((await orders('ship', { orderId: order.id }, PEOPLE.owner)).data.order.state).toBe('shipped');
    const late = await emu.pay.pay(outTradeNo, { delayMs: 20 });
    expect(late.answers).toEqual([{ errcode: 0, errmsg: 'OK' }]);
    expect(orderDoc(order.id).state).toBe('shipped');
    expect(payEvents(order.id)).toHaveLength(1);
    expect(outboxFor(order.id).map((message) => message.templateId)).toEqual([DEFAULT_TEMPLATE_IDS.paid, DEFAULT_TEMPLATE_IDS.shipped]);
  });

  it('never marks an order paid for a notice of another amount, keeps it for a person, and acknowledges it once kept', async () => {
    const { order, outTradeNo } = await wechatOrder();
    const { answers } = await emu.pay.pay(outTradeNo, { amountFen: 1, duplicates: 1 });
    expect(answers).toEqual([{ errcode: 0, errmsg: 'OK' }, { errcode: 0, errmsg: 'OK' }]);
    expect(orderDoc(order.id)).toMatchObject({ state: 'to_pay', payment: { paidFen: 0 } });
    expect(emu.db.find('paymentNotices', {}).filter((row) => (row as { notice: { outTradeNo: string } }).notice.outTradeNo === order.id)).toEqual([
      expect.objectContaining({ why: 'PAYMENT_AMOUNT_MISMATCH', notice: expect.objectContaining({ totalFee: 1 }) }),
    ]);
  });

  it('ignores a paid notice sent straight to payNotify by a buyer: WeChat Pay has no such payment, so nothing is marked paid', async () => {
    const { order } = await wechatOrder();
    const forged = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: order.id, transactionId: '4200000000000000000000000001', totalFee: order.totalFen, subMchId: MCH };
    const answer = await emu.reply('payNotify', forged, BUYER);
    expect(answer).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(orderDoc(order.id)).toMatchObject({ state: 'to_pay', payment: { paidFen: 0 } });
    expect(emu.db.find('paymentNotices', {}).filter((row) => (row as { notice: { outTradeNo: string } }).notice.outTradeNo === order.id)).toEqual([
      expect.objectContaining({ why: 'NOT_CONFIRMED_BY_WECHAT_PAY' }),
    ]);
  });

  it('ends consistent when the buyer cancels while the payment arrives: paid, or cancelled and refunded in full, stock conserved', async () => {
    const endings = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const { order, outTradeNo, productId } = await wechatOrder(3);
      const [cancel] = await Promise.all([orders('cancel', { orderId: order.id, reason: '不要了' }, BUYER), emu.pay.pay(outTradeNo)]);
      const final = orderDoc(order.id);
      endings.add(final.state);
      if (final.state === 'paid') {
        expect(cancel.error.code).toBe('ORDER_STATE_CONFLICT');
        expect(stockOf(productId)).toBe(7);
        expect(sandboxRefunds(order.id)).toEqual([]);
      } else {
        expect(final).toMatchObject({ state: 'refunded', payment: { paidFen: order.totalFen, refundedFen: order.totalFen } });
        expect(final.refunds).toEqual([expect.objectContaining({ refundNo: `${order.id}R1`, amountFen: order.totalFen, status: 'done', mode: 'wechat' })]);
        expect(sandboxRefunds(order.id)).toEqual([expect.objectContaining({ outRefundNo: `${order.id}R1`, refundFee: order.totalFen })]);
        expect(stockOf(productId)).toBe(10);
      }
    }
    // Which one wins is up to timing; both endings are fine, anything else is not.
    expect([...endings].every((state) => state === 'paid' || state === 'refunded')).toBe(true);
  });

  it('keeps an order the buyer paid in its last second though WeChat Pay’s notice is late: the timer asks WeChat Pay before cancelling', async () => {
    const productId = insertProduct(emu, 8);
    const order = insertExpiringOrder(productId);
    expect((await orders('pay', { orderId: order._id }, BUYER)).ok).toBe(true);
    // The buyer pays; the notice to payNotify is lost on the way for now.
    const sandbox = emu.pay as unknown as { invoke: (name: string, event: unknown) => Promise<unknown> };
    const lost = jest.spyOn(sandbox, 'invoke').mockResolvedValue({ errcode: -1, errmsg: 'network' });
    try {
      await emu.pay.pay(order._id, { retries: 0 });
    } finally {
      lost.mockRestore();
    }
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await tickMinute();
    expect(orderDoc(order._id)).toMatchObject({ state: 'paid', payment: { paidFen: 2000 }, expiresAt: null });
    expect(stockOf(productId)).toBe(8);
    // The late notice, when it comes, changes nothing more.
    const { answers } = await emu.pay.pay(order._id);
    expect(answers).toEqual([{ errcode: 0, errmsg: 'OK' }]);
    expect(payEvents(order._id)).toHaveLength(1);
    expect(sandboxRefunds(order._id)).toEqual([]);
  });

  it('refunds a payment for an order that expired meanwhile automatically, once, and tells the buyer', async () => {
    // An order as place leaves it (2 of 10 held), due to expire in a moment.
    const productId = insertProduct(emu, 8);
    const order = insertExpiringOrder(productId);
    const started = await orders('pay', { orderId: order._id }, BUYER);
    expect(started.ok).toBe(true);
    // The buyer lingers on the pay sheet while the time runs out and the timer cancels the order.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await orders('pay', { orderId: order._id }, BUYER)).error.code).toBe('ORDER_STATE_CONFLICT');
    await tickMinute();
    expect(orderDoc(order._id).state).toBe('cancelled');
    expect(stockOf(productId)).toBe(10);
    const { answers } = await emu.pay.pay(order._id, { duplicates: 2 });
    expect(answers.every((answer) => (answer as { errcode: number }).errcode === 0)).toBe(true);
    const final = orderDoc(order._id);
    expect(final).toMatchObject({ state: 'refunded', payment: { paidFen: 2000, refundedFen: 2000 } });
    expect(final.history.map((entry) => [entry.event, entry.actor])).toEqual([['placed', 'buyer'], ['expire', 'system'], ['pay_confirmed', 'payment'], ['refund_done', 'payment']]);
    expect(sandboxRefunds(order._id)).toEqual([expect.objectContaining({ outRefundNo: `${order._id}R1`, refundFee: 2000 })]);
    expect(stockOf(productId)).toBe(10);
    expect(outboxFor(order._id).map((message) => message.templateId)).toEqual([DEFAULT_TEMPLATE_IDS.cancelled, DEFAULT_TEMPLATE_IDS.refunded]);
  });

  it('refunds in part and in full, each with its own refund number, never above what was paid, and a retried call refunds once', async () => {
    const { order, outTradeNo } = await wechatOrder(3);
    await emu.pay.pay(outTradeNo);
    expect((await orders('refund', { orderId: order.id, amountFen: order.totalFen + 1 }, PEOPLE.owner)).error.code).toBe('REFUND_TOO_LARGE');
    const part = await orders('refund', { orderId: order.id, amountFen: 500, reason: '少发一件' }, PEOPLE.staff, 'refund-tap-1');
    expect(part.data.order).toMatchObject({ state: 'paid', payment: { refundedFen: 500 }, refunds: [{ refundNo: `${order.id}R1`, amountFen: 500, status: 'done', mode: 'wechat', reason: '少发一件' }] });
    // The same call again (a retried request) finds its refund instead of making another.
    const replay = await orders('refund', { orderId: order.id, amountFen: 500, reason: '少发一件' }, PEOPLE.staff, 'refund-tap-1');
    expect(replay.data.order.payment.refundedFen).toBe(500);
    expect(sandboxRefunds(order.id)).toHaveLength(1);
    const rest = await orders('refund', { orderId: order.id, amountFen: order.totalFen - 500 }, PEOPLE.owner);
    expect(rest.data.order).toMatchObject({ state: 'refunded', payment: { refundedFen: order.totalFen } });
    expect(rest.data.order.refunds.map((refund: { refundNo: string }) => refund.refundNo)).toEqual([`${order.id}R1`, `${order.id}R2`]);
    expect(sandboxRefunds(order.id).map((refund) => refund.refundFee)).toEqual([500, order.totalFen - 500]);
    expect((await orders('refund', { orderId: order.id, amountFen: 1 }, PEOPLE.owner)).error.code).toBe('ORDER_STATE_CONFLICT');
    expect(outboxFor(order.id).map((message) => message.templateId)).toEqual([DEFAULT_TEMPLATE_IDS.paid, DEFAULT_TEMPLATE_IDS.refunded, DEFAULT_TEMPLATE_IDS.refunded]);
    expect(outboxFor(order.id)[1].data).toMatchObject({ amount2: { value: '¥5.00' }, thing3: { value: '少发一件' } });
  });

  it('sends a refund whose call to WeChat Pay broke again on the next minute, under the same number, once', async () => {
    const { order, outTradeNo } = await wechatOrder();
    await emu.pay.pay(outTradeNo);
    const broken = jest.spyOn(emu.pay, 'handle').mockResolvedValueOnce(tcbError('SYS_ERR', 'connection reset'));
    try {
      const tapped = await orders('refund', { orderId: order.id, amountFen: order.totalFen, reason: '不要了' }, PEOPLE.owner);
      expect(tapped.error.code).toBe('PAYMENT_FAILED');
    } finally {
      broken.mockRestore();
    }
    expect(orderDoc(order.id)).toMatchObject({ state: 'refunding', pendingRefund: { status: 'processing', refundNo: `${order.id}R1` } });
    expect(sandboxRefunds(order.id)).toEqual([]);

    await tickMinute();
    expect(orderDoc(order.id)).toMatchObject({ state: 'refunded', payment: { refundedFen: order.totalFen } });
    expect(sandboxRefunds(order.id).map((refund) => refund.outRefundNo)).toEqual([`${order.id}R1`]);
    await tickMinute();
    expect(sandboxRefunds(order.id)).toHaveLength(1);
  });

  it('records offline refunds in the same refunds list', async () => {
    const productId = insertProduct(emu, 10);
    const placed = await orders('place', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 2 }], fulfilment: { kind: 'express', address }, payment: 'offline' }, BUYER);
    await orders('confirmTransfer', { orderId: placed.data.order.id }, PEOPLE.owner);
    const refunded = await orders('refund', { orderId: placed.data.order.id, amountFen: 300, reason: '退运费' }, PEOPLE.owner);
    expect(refunded.data.order.refunds).toEqual([expect.objectContaining({ amountFen: 300, mode: 'offline', status: 'done', reason: '退运费' })]);
  });

  it('shows the vendor’s receiving QR and instructions with an offline order still to be paid, and nothing once paid', async () => {
    const productId = insertProduct(emu, 10);
    const placed = await orders('place', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'offline' }, BUYER);
    const seen = await orders('getOrder', { orderId: placed.data.order.id }, BUYER);
    expect(seen.data.payee).toEqual({ qrImage: '/media/seed/shop.svg', instructions: expect.stringContaining('备注订单号') });
    await orders('confirmTransfer', { orderId: placed.data.order.id }, PEOPLE.owner);
    expect((await orders('getOrder', { orderId: placed.data.order.id }, BUYER)).data.payee).toBeNull();
    const { order } = await wechatOrder();
    expect((await orders('getOrder', { orderId: order.id }, BUYER)).data.payee).toBeNull();
  });

  it('tells the buyer when the vendor cancels or the goods are ready, but not when they cancel themselves', async () => {
    const productId = insertProduct(emu, 10);
    const place = () => orders('place', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'pickup', pointId: 'town', contact: { name: '王大妈', phone: '13800138000' } }, payment: 'offline' }, BUYER);
    const mine = (await place()).data.order;
    await orders('cancel', { orderId: mine.id }, BUYER);
    expect(outboxFor(mine.id)).toEqual([]);
    const theirs = (await place()).data.order;
    await orders('cancel', { orderId: theirs.id, reason: '这批腊肉卖完了，真对不起' }, PEOPLE.owner);
    expect(outboxFor(theirs.id)).toEqual([expect.objectContaining({ templateId: DEFAULT_TEMPLATE_IDS.cancelled, data: expect.objectContaining({ thing3: { value: '这批腊肉卖完了，真对不起' } }) })]);
    const ready = (await place()).data.order;
    await orders('confirmTransfer', { orderId: ready.id }, PEOPLE.owner);
    await orders('markReady', { orderId: ready.id }, PEOPLE.owner);
    expect(outboxFor(ready.id).map((message) => [message.templateId, message.data.thing3?.value])).toEqual([
      [DEFAULT_TEMPLATE_IDS.paid, undefined],
      [DEFAULT_TEMPLATE_IDS.shipped, '请到镇上老张腊味店取货'],
    ]);
  });

  describe('shop rules', () => {
    it('gives buyers the shop’s own time to pay', async () => {
      const { data } = await emu.reply('shop', { action: 'getSettings', payload: { shopId: DEMO_SHOP_ID } }, PEOPLE.owner);
      await emu.reply('shop', { action: 'updateSettings', payload: { shopId: DEMO_SHOP_ID, settings: { ...data.settings, orders: { payWithinMinutes: 15, autoCompleteDays: 7 } } } }, PEOPLE.owner);
      try {
        const before = Date.now();
        const productId = insertProduct(emu, 10);
        const placed = await orders('place', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'offline' }, BUYER);
        expect(placed.data.order.expiresAt).toBeGreaterThanOrEqual(before + 15 * 60_000);
        expect(placed.data.order.expiresAt).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
        await orders('confirmTransfer', { orderId: placed.data.order.id }, PEOPLE.owner);
        await orders('ship', { orderId: placed.data.order.id }, PEOPLE.owner);
        expect(orderDoc(placed.data.order.id).autoCompleteAt).toBeGreaterThanOrEqual(before + 7 * DAY);
      } finally {
        await emu.reply('shop', { action: 'updateSettings', payload: { shopId: DEMO_SHOP_ID, settings: data.settings } }, PEOPLE.owner);
      }
    });

    it('completes a handed-over order by itself once its time is up, as the system, and leaves the rest', async () => {
      const base = createOrder({
        id: `auto-${++seq}`,
        orderNo: '261122009999',
        shopId: DEMO_SHOP_ID,
        buyerOpenId: BUYER,
        requestId: `auto-${seq}`,
        quote: { lines: [], goodsFen: 1000, feeFen: 0, totalFen: 1000 },
        fulfilment: { kind: 'express', address, tracking: null },
        mode: 'offline',
        buyerNote: '',
        source: { ref: null, scene: null },
        at: now - 20 * DAY,
        payWithinMs: 30 * 60_000,
      });
      const shipped = { ...base, state: 'shipped', expiresAt: null, payment: { ...base.payment, paidFen: 1000, paidAt: now - 20 * DAY } };
      emu.db.insert('orders', { ...shipped, autoCompleteAt: Date.now() - 1000 });
      emu.db.insert('orders', { ...shipped, _id: `${base._id}-later`, requestId: `${base.requestId}-later`, autoCompleteAt: Date.now() + DAY });
      await tickMinute();
      expect(orderDoc(base._id)).toMatchObject({ state: 'completed', autoCompleteAt: null });
      expect(orderDoc(base._id).history.at(-1)).toMatchObject({ event: 'complete', actor: 'system' });
      expect(orderDoc(`${base._id}-later`).state).toBe('shipped');
      expect(emu.timers.list()).toContain('orders/autoComplete 30 * * * * * *');
    });
  });
});
