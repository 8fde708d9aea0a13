// Placing, cancelling and expiring orders through the real emulator: stock is never oversold,
// a retried place never makes a second order, and held stock goes back exactly once.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { OrderDoc, ShopDoc, ProductDoc } from '@core/model';
import { createOrder } from '@core/orders';

const BUYER: string = PEOPLE.stranger;
const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
const express = { kind: 'express', address };

describe('orders function: placing and releasing stock', () => {
  let emu: TestEmulator;
  let seq = 0;
  const now = Date.now();

  const orders = (action: string, payload: unknown, openid?: string, requestId?: string) => emu.reply('orders', { action, payload, ...(requestId ? { requestId } : {}) }, openid);
  const newRequestId = () => `req-${++seq}-${Math.random().toString(36).slice(2)}`;
  const place = (lines: unknown[], openid = BUYER, requestId = newRequestId(), extra: Record<string, unknown> = {}) =>
    orders('place', { shopId: DEMO_SHOP_ID, lines, fulfilment: express, payment: 'offline', ...extra }, openid, requestId);
  const stockOf = (productId: string, skuId = 'a') => (emu.db.find('products', { _id: productId })[0] as unknown as ProductDoc).skus.find((sku) => sku.id === skuId)!.stock;
  const orderDoc = (id: string) => emu.db.find('orders', { _id: id })[0] as unknown as OrderDoc;

  /** An order as place leaves it, stock already taken, with the expiry given. */
  function insertHeldOrder(productId: string, quantity: number, expiresAt: number, buyer = BUYER): string {
    const id = `o-${++seq}`;
    const line = { productId, skuId: 'a', name: '测试货', spec: '', unit: '件', image: '', quantity, unitPriceLi: 10_000, priceSource: { kind: 'base' as const }, totalFen: quantity * 1000 };
    const order = createOrder({
      id,
      orderNo: `26112200${String(seq).padStart(4, '0')}`,
      shopId: DEMO_SHOP_ID,
      buyerOpenId: buyer,
      requestId: `held-${seq}`,
      quote: { lines: [line], goodsFen: line.totalFen, feeFen: 0, totalFen: line.totalFen },
      fulfilment: { kind: 'express', address, tracking: null },
      mode: 'offline',
      buyerNote: '',
      source: { ref: null, scene: null },
      at: expiresAt - 30 * 60_000,
      payWithinMs: 30 * 60_000,
    });
    emu.db.insert('orders', { ...order });
    return id;
  }

  /** Runs the timers as if a minute went by, so the every-minute expiry trigger is due once. */
  let clock = Date.now();
  const tickMinute = () => emu.timers.tick((clock += 61_000));

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu, now);
  });
  afterAll(() => emu.close());

  it('tells anyone, signed in or not, what a shop offers at checkout, straight from its settings', async () => {
    const reply = await orders('checkoutOptions', { shopId: DEMO_SHOP_ID });
    const [shop] = emu.db.find('shops', { _id: DEMO_SHOP_ID }) as unknown as ShopDoc[];
    expect(reply.data.options).toEqual({
      express: shop.fulfilment.express.enabled ? { feeFen: shop.fulfilment.express.feeFen, freeAboveFen: shop.fulfilment.express.freeAboveFen } : null,
      local: shop.fulfilment.local.enabled ? { areaNote: shop.fulfilment.local.areaNote, feeFen: shop.fulfilment.local.feeFen } : null,
      pickup: shop.fulfilment.pickup.enabled ? { points: shop.fulfilment.pickup.points } : null,
      payment: expect.arrayContaining(['offline']),
    });
    expect(JSON.stringify(reply.data)).not.toContain('subMchId');
    expect((await orders('checkoutOptions', { shopId: 'no-such-shop' }, BUYER)).error.code).toBe('SHOP_NOT_FOUND');
  });

  describe('quote', () => {
    it('prices a cart on the server, fee included, for anyone', async () => {
      const productId = insertProduct(emu, 5);
      const reply = await orders('quote', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 2 }], fulfilment: { kind: 'express' } });
      expect(reply).toEqual({ ok: true, data: { quote: expect.objectContaining({ goodsFen: 2000, feeFen: expect.any(Number) }), problems: [] } });
      expect(reply.data.quote.totalFen).toBe(2000 + reply.data.quote.feeFen);
    });

    it('returns every problem as data, naming the line', async () => {
      const productId = insertProduct(emu, 1);
      const reply = await orders('quote', {
        shopId: DEMO_SHOP_ID,
        lines: [{ productId, skuId: 'a', quantity: 3 }, { productId: 'no-such', skuId: 'a', quantity: 1 }],
        fulfilment: { kind: 'express' },
        payment: 'wechat',
      });
      expect(reply.ok).toBe(true);
      expect(reply.data.quote).toBeNull();
      expect(reply.data.problems.map((problem: { code: string }) => problem.code)).toEqual(['OUT_OF_STOCK', 'PRODUCT_NOT_FOUND', 'PAYMENT_NOT_OFFERED']);
      expect(reply.data.problems[0]).toMatchObject({ productId, skuId: 'a' });
    });

    it('never names goods buyers may not see, whoever asks, for whichever shop, in quote or place', async () => {
      const secret = '还没上架的秘密新品';
      const draft = insertProduct(emu, 5, { name: secret, status: 'draft', skus: [{ id: 'a', spec: '秘密规格', priceLi: 10_000, stock: 5, tiers: [], minQty: 10, stepQty: 5 }] });
      const offShelf = insertProduct(emu, 5, { name: '下架了的旧货', status: 'off_shelf' });
      const asked: unknown[] = [];
      for (const shopId of [DEMO_SHOP_ID, OTHER_SHOP_ID]) {
        for (const [productId, skuId, quantity] of [[draft, 'a', 1], [draft, 'no-such-sku', 1], [offShelf, 'a', 1]] as const) {
          const lines = [{ productId, skuId, quantity }];
          for (const openid of [undefined, BUYER, PEOPLE.otherOwner]) {
            const quoted = await orders('quote', { shopId, lines, fulfilment: { kind: 'express' } }, openid);
            expect(quoted.data.problems).toContainEqual({ code: 'PRODUCT_NOT_FOUND', productId, message: '有一件商品已下架' });
            asked.push(quoted);
          }
          const placed = await place(lines, BUYER, newRequestId(), { shopId });
          expect(placed.error).toEqual({ code: 'PRODUCT_NOT_FOUND', message: '有一件商品已下架' });
          asked.push(placed);
        }
      }
      expect(JSON.stringify(asked)).not.toMatch(/秘密|下架了的旧货/);
    });

    it('answers SHOP_NOT_FOUND for a shop that does not exist', async () => {
      const reply = await orders('quote', { shopId: 'no-such-shop', lines: [{ productId: 'larou', skuId: 'wuhua', quantity: 1 }], fulfilment: { kind: 'local' } });
      expect(reply.error.code).toBe('SHOP_NOT_FOUND');
    });
  });

  describe('place', () => {
    it('places an order at the server’s price, holding the stock, due in 30 minutes', async () => {
      const productId = insertProduct(emu, 5);
      const before = Date.now();
      const reply = await place([{ productId, skuId: 'a', quantity: 2 }]);
      expect(reply.ok).toBe(true);
      const order = reply.data.order;
      expect(order).toMatchObject({ state: 'to_pay', goodsFen: 2000, shopId: DEMO_SHOP_ID, payment: { mode: 'offline', paidFen: 0 } });
      expect(order.orderNo).toMatch(/^\d{12}$/);
      expect(order.expiresAt).toBeGreaterThanOrEqual(before + 30 * 60_000);
      expect(order.expiresAt).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
      expect(stockOf(productId)).toBe(3);
      expect(orderDoc(order.id).buyerOpenId).toBe(BUYER);
    });

    it('refuses a call without a requestId, taking nothing', async () => {
      const productId = insertProduct(emu, 5);
      const reply = await orders('place', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: express, payment: 'offline' }, BUYER);
      expect(reply.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'requestId' }] });
      expect(stockOf(productId)).toBe(5);
    });

    it('answers PRICE_CHANGED when the total the buyer saw is not the server’s, taking nothing', async () => {
      const productId = insertProduct(emu, 5);
      const reply = await place([{ productId, skuId: 'a', quantity: 1 }], BUYER, newRequestId(), { expectedTotalFen: 1 });
      expect(reply.error.code).toBe('PRICE_CHANGED');
      expect(stockOf(productId)).toBe(5);
      const fee = (await orders('quote', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'express', province: '浙江省' } })).data.quote.totalFen;
      expect((await place([{ productId, skuId: 'a', quantity: 1 }], BUYER, newRequestId(), { expectedTotalFen: fee })).ok).toBe(true);
    });

    it('refuses WeChat Pay where the shop has not switched it on, taking nothing', async () => {
      const productId = insertProduct(emu, 5);
      const reply = await place([{ productId, skuId: 'a', quantity: 1 }], BUYER, newRequestId(), { payment: 'wechat' });
      expect(reply.error.code).toBe('PAYMENT_NOT_OFFERED');
      expect(stockOf(productId)).toBe(5);
    });

    it('returns the same order to a retry with the same requestId, holding stock once', async () => {
      const productId = insertProduct(emu, 5);
      const requestId = newRequestId();
      const first = await place([{ productId, skuId: 'a', quantity: 2 }], BUYER, requestId);
      const again = await place([{ productId, skuId: 'a', quantity: 2 }], BUYER, requestId);
      expect(again).toEqual(first);
      expect(stockOf(productId)).toBe(3);
      expect(emu.db.find('orders', { requestId })).toHaveLength(1);
    });

    it('makes one order when retries with the same requestId race, and puts the losers’ stock back', async () => {
      const productId = insertProduct(emu, 10);
      const requestId = newRequestId();
      const replies = await Promise.all(Array.from({ length: 6 }, () => place([{ productId, skuId: 'a', quantity: 1 }], BUYER, requestId)));
      expect(replies.every((reply) => reply.ok)).toBe(true);
      expect(new Set(replies.map((reply) => reply.data.order.id)).size).toBe(1);
      expect(emu.db.find('orders', { requestId })).toHaveLength(1);
      expect(stockOf(productId)).toBe(9);
    });

    it('treats the same requestId from another buyer as another order', async () => {
      const productId = insertProduct(emu, 10);
      const requestId = newRequestId();
      const mine = await place([{ productId, skuId: 'a', quantity: 1 }], BUYER, requestId);
      const theirs = await place([{ productId, skuId: 'a', quantity: 1 }], PEOPLE.otherOwner, requestId);
      expect(theirs.data.order.id).not.toBe(mine.data.order.id);
      expect(stockOf(productId)).toBe(8);
    });

    it('puts the first line’s stock back when the second line runs out part-way, naming the product', async () => {
      // Buyers racing for a scarce second line: some see stock when pricing and find it gone when
      // taking it, after their first line was taken. Rounds go on until that has happened.
      let failedWhenTaking = 0;
      for (let round = 0; round < 5 && failedWhenTaking === 0; round++) {
        const plenty = insertProduct(emu, 1000);
        const scarce = insertProduct(emu, 20);
        const scarceName = (emu.db.find('products', { _id: scarce })[0] as unknown as ProductDoc).name;
        const lines = [{ productId: plenty, skuId: 'a', quantity: 1 }, { productId: scarce, skuId: 'a', quantity: 1 }];
        const replies = await Promise.all(Array.from({ length: 80 }, (_, i) => place(lines, `test-racer-${round}-${i}`)));
        const refused = replies.filter((reply) => !reply.ok);
        expect(replies.filter((reply) => reply.ok)).toHaveLength(20);
        for (const reply of refused) {
          expect(reply.error.code).toBe('OUT_OF_STOCK');
          expect(reply.error.message).toContain(scarceName);
        }
        failedWhenTaking += refused.filter((reply) => reply.error.message.includes('库存不够了')).length;
        expect(stockOf(scarce)).toBe(0);
        expect(stockOf(plenty)).toBe(1000 - 20);
      }
      expect(failedWhenTaking).toBeGreaterThan(0);
    });
  });

  it('never oversells: 200 buyers at once for a SKU with 50 make exactly 50 orders', async () => {
    const productId = insertProduct(emu, 50);
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => place([{ productId, skuId: 'a', quantity: 1 }], `test-crowd-${i}`)));
    const placed = replies.filter((reply) => reply.ok);
    expect(placed).toHaveLength(50);
    for (const reply of replies.filter((r) => !r.ok)) expect(reply.error.code).toBe('OUT_OF_STOCK');
    expect(stockOf(productId)).toBe(0);
    const held = (emu.db.find('orders') as unknown as OrderDoc[]).filter((order) => order.lines.some((line) => line.productId === productId));
    expect(held).toHaveLength(50);
    expect(stockOf(productId) + held.reduce((sum, order) => sum + order.lines[0].quantity, 0)).toBe(50);
  }, 60_000);

  it('answers every twin of a request with its one order, even when twins race others for the last units', async () => {
    for (let round = 0; round < 5; round++) {
      const productId = insertProduct(emu, 3);
      // Four buyers, each sending the same request three times at once (a double tap and a retry).
      const buyers = Array.from({ length: 4 }, (_, i) => ({ openid: `test-twin-${round}-${i}`, requestId: newRequestId() }));
      const calls = buyers.flatMap((buyer) => Array.from({ length: 3 }, () => ({ buyer, reply: place([{ productId, skuId: 'a', quantity: 1 }], buyer.openid, buyer.requestId) })));
      const replies = await Promise.all(calls.map((call) => call.reply));
      for (const buyer of buyers) {
        const answers = new Set(replies.filter((_r, i) => calls[i].buyer === buyer).map((reply) => (reply.ok ? reply.data.order.id : reply.error.code)));
        expect(answers.size).toBe(1);
      }
      const orders = (emu.db.find('orders') as unknown as OrderDoc[]).filter((order) => order.lines[0].productId === productId);
      expect(orders).toHaveLength(3);
      expect(stockOf(productId)).toBe(0);
    }
  }, 60_000);

  describe('cancel and expiry', () => {
    it('declares the expiry as an every-minute timer trigger', () => {
      expect(emu.timers.list()).toContain('orders/expireUnpaid 0 * * * * * *');
    });

    it('puts the stock back once when the buyer cancels, and a second cancel changes nothing', async () => {
      const productId = insertProduct(emu, 10);
      const { data } = await place([{ productId, skuId: 'a', quantity: 4 }]);
      expect(stockOf(productId)).toBe(6);
      const cancelled = await orders('cancel', { orderId: data.order.id, reason: '买错了' }, BUYER);
      expect(cancelled.data.order).toMatchObject({ state: 'cancelled', expiresAt: null });
      expect(cancelled.data.order.history.at(-1)).toMatchObject({ event: 'cancel', from: 'to_pay', to: 'cancelled', actor: 'buyer', reason: '买错了' });
      expect(stockOf(productId)).toBe(10);
      const again = await orders('cancel', { orderId: data.order.id }, BUYER);
      expect(again.ok).toBe(true);
      expect(stockOf(productId)).toBe(10);
    });

    it('puts the stock back once when cancels race', async () => {
      const productId = insertProduct(emu, 10);
      const { data } = await place([{ productId, skuId: 'a', quantity: 3 }]);
      const replies = await Promise.all(Array.from({ length: 8 }, () => orders('cancel', { orderId: data.order.id }, BUYER)));
      for (const reply of replies) if (!reply.ok) expect(reply.error.code).toBe('ORDER_STATE_CONFLICT');
      expect(stockOf(productId)).toBe(10);
      expect(orderDoc(data.order.id).history.filter((entry) => entry.event === 'cancel')).toHaveLength(1);
    });

    it('cancels unpaid orders past their time on the timer, putting stock back once, and leaves the rest', async () => {
      const productId = insertProduct(emu, 6);
      const overdue = insertHeldOrder(productId, 2, Date.now() - 1000);
      const notYet = insertHeldOrder(productId, 2, Date.now() + 10 * 60_000);
      await tickMinute();
      expect(orderDoc(overdue)).toMatchObject({ state: 'cancelled', expiresAt: null });
      expect(orderDoc(overdue).history.at(-1)).toMatchObject({ event: 'expire', actor: 'system', to: 'cancelled' });
      expect(orderDoc(notYet).state).toBe('to_pay');
      expect(stockOf(productId)).toBe(8);
      await tickMinute();
      expect(stockOf(productId)).toBe(8);
    });

    it('puts stock back once when the timer and the buyer’s cancel race', async () => {
      for (let i = 0; i < 5; i++) {
        const productId = insertProduct(emu, 0);
        const orderId = insertHeldOrder(productId, 5, Date.now() - 1000);
        const [reply] = await Promise.all([orders('cancel', { orderId }, BUYER), tickMinute()]);
        if (!reply.ok) expect(reply.error.code).toBe('ORDER_STATE_CONFLICT');
        expect(orderDoc(orderId).state).toBe('cancelled');
        expect(orderDoc(orderId).history.filter((entry) => entry.to === 'cancelled')).toHaveLength(1);
        expect(stockOf(productId)).toBe(5);
      }
    });
  });

  describe('placements that die part-way', () => {
    const productOf = (id: string) => emu.db.find('products', { _id: id })[0] as unknown as ProductDoc;

    it('leaves a hold naming the order with every stock it takes, and no hold once a refused placement is undone', async () => {
      const productId = insertProduct(emu, 5);
      const soldOut = insertProduct(emu, 0);
      const { data } = await place([{ productId, skuId: 'a', quantity: 2 }]);
      expect(Object.values(productOf(productId).holds ?? {})).toEqual([{ orderId: data.order.id, skuId: 'a', quantity: 2, at: expect.any(Number) }]);
      const before = productOf(productId);
      const refused = await place([{ productId, skuId: 'a', quantity: 1 }, { productId: soldOut, skuId: 'a', quantity: 1 }]);
      expect(refused.error.code).toBe('OUT_OF_STOCK');
      expect(productOf(productId)).toEqual(before);
    });

    it('puts back, once, stock a placement took before it died without writing its order, and only drops holds of written orders', async () => {
      const stale = Date.now() - 10 * 60_000;
      // Started with 10: a written order holds 3, and a placement that died after taking 4 left only its hold.
      const productId = 'p-after-a-crash';
      const orderId = insertHeldOrder(productId, 3, Date.now() + 10 * 60_000);
      const holds = { 'dead-order_0': { orderId: 'dead-order', skuId: 'a', quantity: 4, at: stale }, [`${orderId}_0`]: { orderId, skuId: 'a', quantity: 3, at: stale } };
      insertProduct(emu, 3, { _id: productId, holds });
      await tickMinute();
      expect(stockOf(productId)).toBe(7);
      expect(productOf(productId).holds).toBeUndefined();
      expect(orderDoc(orderId).state).toBe('to_pay');
      await tickMinute();
      expect(stockOf(productId)).toBe(7);
    });

    it('keeps a fresh hold whose order is not written yet: the placement may still be running', async () => {
      const productId = insertProduct(emu, 8, { holds: { 'running_0': { orderId: 'running', skuId: 'a', quantity: 2, at: Date.now() } } });
      await tickMinute();
      expect(stockOf(productId)).toBe(8);
      expect(Object.keys(productOf(productId).holds ?? {})).toEqual(['running_0']);
    });
  });

  describe('offline transfer and after', () => {
    const placeOne = async (quantity = 1) => (await place([{ productId: insertProduct(emu, 10), skuId: 'a', quantity }])).data.order;

    it('goes from 已转账 to 已收款 to shipped to completed', async () => {
      const order = await placeOne();
      const marked = await orders('markTransferred', { orderId: order.id, note: '尾号 1234 转的' }, BUYER);
      expect(marked.data.order).toMatchObject({ state: 'to_confirm', payment: { transferNote: '尾号 1234 转的' } });
      const confirmed = await orders('confirmTransfer', { orderId: order.id }, PEOPLE.staff);
      expect(confirmed.data.order).toMatchObject({ state: 'paid', expiresAt: null, payment: { paidFen: order.totalFen } });
      expect((await orders('confirmTransfer', { orderId: order.id }, PEOPLE.owner)).data.order.state).toBe('paid');
      const shipped = await orders('ship', { orderId: order.id, tracking: { carrier: '顺丰', number: 'SF123' } }, PEOPLE.owner);
      expect(shipped.data.order).toMatchObject({ state: 'shipped', fulfilment: { tracking: { carrier: '顺丰', number: 'SF123' } } });
      expect((await orders('markReady', { orderId: order.id }, PEOPLE.owner)).error.code).toBe('ORDER_STATE_CONFLICT');
      const done = await orders('complete', { orderId: order.id }, BUYER);
      expect(done.data.order.state).toBe('completed');
      expect(done.data.order.history.map((entry: { event: string }) => entry.event)).toEqual(['placed', 'transfer_marked', 'transfer_confirmed', 'ship', 'complete']);
    });

    it('lets the vendor reject a transfer with a reason the buyer sees, giving a day to pay again', async () => {
      const order = await placeOne();
      await orders('markTransferred', { orderId: order.id }, BUYER);
      expect((await orders('rejectTransfer', { orderId: order.id, reason: ' ' }, PEOPLE.owner)).error.code).toBe('VALIDATION_FAILED');
      const before = Date.now();
      const rejected = await orders('rejectTransfer', { orderId: order.id, reason: '没看到这笔钱' }, PEOPLE.owner);
      expect(rejected.data.order).toMatchObject({ state: 'to_pay', payment: { transferNote: null } });
      expect(rejected.data.order.expiresAt).toBeGreaterThanOrEqual(before + 24 * 3600_000);
      const seen = await orders('getOrder', { orderId: order.id }, BUYER);
      expect(seen.data.order.history.at(-1)).toMatchObject({ event: 'transfer_rejected', reason: '没看到这笔钱', actor: 'vendor' });
    });

    it('answers ORDER_STATE_CONFLICT to the loser when the vendor confirms while the buyer cancels', async () => {
      const productId = insertProduct(emu, 10);
      const { data } = await place([{ productId, skuId: 'a', quantity: 2 }]);
      const [cancel, confirm] = await Promise.all([orders('cancel', { orderId: data.order.id }, BUYER), orders('confirmTransfer', { orderId: data.order.id }, PEOPLE.owner)]);
      const state = orderDoc(data.order.id).state;
      expect([cancel.ok, confirm.ok].filter(Boolean).length).toBeGreaterThanOrEqual(1);
      if (state === 'paid') expect(stockOf(productId)).toBe(8);
      else expect(stockOf(productId)).toBe(10);
      if (!cancel.ok) expect(cancel.error.code).toBe('ORDER_STATE_CONFLICT');
      if (!confirm.ok) expect(confirm.error.code).toBe('ORDER_STATE_CONFLICT');
    });

    it('lets only the vendor cancel an order marked as transferred, with a reason, putting stock back', async () => {
      const productId = insertProduct(emu, 10);
      const { data } = await place([{ productId, skuId: 'a', quantity: 2 }]);
      await orders('markTransferred', { orderId: data.order.id }, BUYER);
      expect((await orders('cancel', { orderId: data.order.id }, BUYER)).error.code).toBe('ORDER_STATE_CONFLICT');
      expect((await orders('cancel', { orderId: data.order.id }, PEOPLE.owner)).error.code).toBe('REASON_REQUIRED');
      expect((await orders('cancel', { orderId: data.order.id, reason: '没收到钱' }, PEOPLE.owner)).data.order.state).toBe('cancelled');
      expect(stockOf(productId)).toBe(10);
    });

    it('refunds in part, then in full; a buyer’s request can be declined with a reason', async () => {
      const order = await placeOne(3);
      await orders('confirmTransfer', { orderId: order.id }, PEOPLE.owner);
      expect((await orders('refund', { orderId: order.id, amountFen: order.totalFen + 1 }, PEOPLE.owner)).error.code).toBe('REFUND_TOO_LARGE');
      const part = await orders('refund', { orderId: order.id, amountFen: 500, reason: '少了一件' }, PEOPLE.owner);
      expect(part.data.order).toMatchObject({ state: 'paid', payment: { refundedFen: 500 } });
      const asked = await orders('requestRefund', { orderId: order.id, amountFen: 100, reason: '坏了一个' }, BUYER);
      expect(asked.data.order.state).toBe('refunding');
      const declined = await orders('declineRefund', { orderId: order.id, reason: '发货前检查过' }, PEOPLE.owner);
      expect(declined.data.order.state).toBe('paid');
      const rest = await orders('refund', { orderId: order.id, amountFen: order.totalFen - 500 }, PEOPLE.owner);
      expect(rest.data.order).toMatchObject({ state: 'refunded', payment: { refundedFen: order.totalFen } });
      // Refunded in full before it was shipped: the goods never left, so they are back on the shelf.
      expect(stockOf(order.lines[0].productId)).toBe(10);
    });

    it('keeps stock down when an order is refunded in full after it was shipped: the goods are with the buyer', async () => {
      const order = await placeOne(2);
      await orders('confirmTransfer', { orderId: order.id }, PEOPLE.owner);
      await orders('ship', { orderId: order.id }, PEOPLE.owner);
      const refunded = await orders('refund', { orderId: order.id, amountFen: order.totalFen, reason: '路上摔坏了' }, PEOPLE.owner);
      expect(refunded.data.order.state).toBe('refunded');
      expect(stockOf(order.lines[0].productId)).toBe(8);
    });

    it('hands pickup orders over with 可以取货了, not 发货', async () => {
      const productId = insertProduct(emu, 10);
      const reply = await orders(
        'place',
        { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'pickup', pointId: 'town', contact: { name: '王大妈', phone: '13800138000' } }, payment: 'offline' },
        BUYER,
        newRequestId(),
      );
      expect(reply.data.order.fulfilment).toMatchObject({ kind: 'pickup', point: { id: 'town' } });
      await orders('confirmTransfer', { orderId: reply.data.order.id }, PEOPLE.owner);
      expect((await orders('ship', { orderId: reply.data.order.id }, PEOPLE.owner)).error.code).toBe('ORDER_STATE_CONFLICT');
      expect((await orders('markReady', { orderId: reply.data.order.id }, PEOPLE.owner)).data.order.state).toBe('ready_for_pickup');
      expect((await orders('complete', { orderId: reply.data.order.id }, PEOPLE.staff)).data.order.state).toBe('completed');
    });
  });

  describe('who sees which orders', () => {
    it('shows a buyer only their own orders; to anyone else they do not exist', async () => {
      const buyer = 'test-buyer-private';
      const productId = insertProduct(emu, 10);
      const mine = (await place([{ productId, skuId: 'a', quantity: 1 }], buyer)).data.order;
      await place([{ productId, skuId: 'a', quantity: 1 }], 'test-buyer-neighbour');
      const list = await orders('myOrders', {}, buyer);
      expect(list.data.orders.map((row: { id: string }) => row.id)).toEqual([mine.id]);
      expect(list.data.orders[0]).toMatchObject({ title: expect.stringContaining('测试货'), lineCount: 1, receiverName: '王大妈', totalFen: mine.totalFen });
      for (const [action, payload] of [
        ['getOrder', { orderId: mine.id }],
        ['cancel', { orderId: mine.id }],
        ['markTransferred', { orderId: mine.id }],
        ['requestRefund', { orderId: mine.id, amountFen: 1, reason: '想退' }],
      ] as const) {
        expect((await orders(action, payload, 'test-buyer-neighbour')).error.code).toBe('ORDER_NOT_FOUND');
        expect((await orders(action, payload, PEOPLE.streamer)).error.code).toBe('ORDER_NOT_FOUND');
      }
      expect((await orders('getOrder', { orderId: 'no-such-order' }, buyer)).error.code).toBe('ORDER_NOT_FOUND');
      expect((await orders('getOrder', { orderId: mine.id }, PEOPLE.staff)).data.order.id).toBe(mine.id);
      expect(orderDoc(mine.id).state).toBe('to_pay');
    });

    it('pages a buyer’s orders newest first and filters them by state', async () => {
      const buyer = 'test-buyer-pages';
      const productId = insertProduct(emu, 10);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await place([{ productId, skuId: 'a', quantity: 1 }], buyer)).data.order.id);
      await orders('cancel', { orderId: ids[0] }, buyer);
      const first = await orders('myOrders', { limit: 2 }, buyer);
      const second = await orders('myOrders', { limit: 2, cursor: first.data.nextCursor }, buyer);
      expect([...first.data.orders, ...second.data.orders].map((row: { id: string }) => row.id).sort()).toEqual([...ids].sort());
      expect(second.data.nextCursor).toBeNull();
      const cancelled = await orders('myOrders', { state: 'cancelled' }, buyer);
      expect(cancelled.data.orders.map((row: { id: string }) => row.id)).toEqual([ids[0]]);
    });

    it('lists a shop’s orders for its vendors with counts per state, searchable by order number or receiver', async () => {
      const productId = insertProduct(emu, 10);
      const order = (await place([{ productId, skuId: 'a', quantity: 1 }], 'test-buyer-listed')).data.order;
      const all = await orders('listShopOrders', { shopId: DEMO_SHOP_ID, state: 'to_pay', limit: 50 }, PEOPLE.staff);
      expect(all.data.counts.to_pay).toBeGreaterThanOrEqual(1);
      expect(all.data.orders.every((row: { state: string; shopId: string }) => row.state === 'to_pay' && row.shopId === DEMO_SHOP_ID)).toBe(true);
      const byNo = await orders('listShopOrders', { shopId: DEMO_SHOP_ID, keyword: order.orderNo }, PEOPLE.owner);
      expect(byNo.data.orders.map((row: { id: string }) => row.id)).toEqual([order.id]);
      const other = await orders('listShopOrders', { shopId: 'other-shop' }, PEOPLE.otherOwner);
      expect(other.data).toEqual({ orders: [], nextCursor: null, counts: {}, awaitingGroup: 0 });
    });
  });
});
