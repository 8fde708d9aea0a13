// Who may work which orders: each vendor action against every role, and a refusal leaves the
// orders and the stock exactly as they were.
import { startTestEmulator, switchOnWechatPay, type TestEmulator } from '../support/emulator';
import { accessRows, addRoleFixtures, codeOf, openidOf, OWNER_AND_STAFF, PEOPLE, CALLERS, type AccessCase, type Caller } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { OrderDoc, ProductDoc } from '@core/model';
import { createOrder } from '@core/orders';

const CHINESE = /[\u4e00-\u9fa5]/;
/** Not one of the roles, so no role is also the buyer. */
const BUYER = 'test-access-buyer';
const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
const contact = { name: '王大妈', phone: '13800138000' };
const POINT = { id: 'town', name: '镇上老张腊味店', address: '酉阳县龙潭镇老街 18 号', hours: '' };

describe('orders function: access', () => {
  let emu: TestEmulator;
  let seq = 0;
  const now = Date.now();
  const orders = (action: string, payload: unknown, openid?: string) => emu.reply('orders', { action, payload }, openid);
  const snapshot = () => ({ orders: emu.db.find('orders'), products: emu.db.find('products') });

  /** A fresh order of the demo shop in the state asked for, holding 1 of its own product. */
  function insertOrder(state: OrderDoc['state'], options: { pickup?: boolean; requested?: boolean; wechat?: boolean } = {}): string {
    const productId = `access-p-${++seq}`;
    emu.db.insert('products', {
      _id: productId,
      shopId: DEMO_SHOP_ID,
      name: '测试货',
      unit: '件',
      description: '',
      images: [],
      skus: [{ id: 'a', spec: '', priceLi: 10_000, stock: 9, tiers: [], minQty: 1, stepQty: 1 }],
      ship: { kind: 'days', days: 2 },
      perishable: null,
      status: 'on_sale',
      sort: seq,
      createdAt: now,
      updatedAt: now,
    } satisfies ProductDoc);
    const line = { productId, skuId: 'a', name: '测试货', spec: '', unit: '件', image: '', quantity: 1, unitPriceLi: 10_000, priceSource: { kind: 'base' as const }, totalFen: 1000 };
    const order = createOrder({
      id: `access-o-${seq}`,
      orderNo: `2611220${String(seq).padStart(5, '0')}`,
      shopId: DEMO_SHOP_ID,
      buyerOpenId: BUYER,
      requestId: `access-${seq}`,
      quote: { lines: [line], goodsFen: 1000, feeFen: 0, totalFen: 1000 },
      fulfilment: options.pickup ? { kind: 'pickup', point: POINT, contact } : { kind: 'express', address, tracking: null },
      mode: options.wechat ? 'wechat' : 'offline',
      buyerNote: '',
      source: { ref: null, scene: null },
      at: now,
      payWithinMs: 30 * 60_000,
    });
    const paid = state !== 'to_pay' && state !== 'to_confirm';
    emu.db.insert('orders', {
      ...order,
      state,
      expiresAt: paid ? null : order.expiresAt,
      payment: { ...order.payment, paidFen: paid ? 1000 : 0, paidAt: paid ? now : null },
      pendingRefund: options.requested ? { amountFen: 100, status: 'requested', requestedBy: 'buyer', reason: '坏了', at: now, resume: 'paid' } : null,
    });
    return order._id;
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu, now);
    await switchOnWechatPay(emu, { shopId: DEMO_SHOP_ID, owner: PEOPLE.owner });
  });
  afterAll(() => emu.close());

  const cases: AccessCase[] = [
    { action: 'listShopOrders', allowed: OWNER_AND_STAFF, payload: () => ({ shopId: DEMO_SHOP_ID }) },
    { action: 'confirmTransfer', allowed: OWNER_AND_STAFF, payload: () => ({ orderId: insertOrder('to_confirm') }) },
    { action: 'rejectTransfer', allowed: OWNER_AND_STAFF, payload: () => ({ orderId: insertOrder('to_confirm'), reason: '没收到' }) },
    { action: 'ship', allowed: OWNER_AND_STAFF, payload: () => ({ orderId: insertOrder('paid') }) },
    { action: 'markReady', allowed: OWNER_AND_STAFF, payload: () => ({ orderId: insertOrder('paid', { pickup: true }) }) },
    { action: 'complete', allowed: OWNER_AND_STAFF, payload: () => ({ orderId: insertOrder('shipped') }) },
    { action: 'refund', allowed: OWNER_AND_STAFF, payload: () => ({ orderId: insertOrder('paid'), amountFen: 100 }) },
    { action: 'declineRefund', allowed: OWNER_AND_STAFF, payload: () => ({ orderId: insertOrder('refunding', { requested: true }), reason: '已检查' }) },
  ];

  it.each(accessRows(cases))('$action by $caller answers $outcome, and a refusal changes nothing', async ({ action, caller, outcome, payload }) => {
    const input = payload();
    const before = snapshot();
    const reply = await orders(action, input, openidOf(caller));
    expect(codeOf(reply)).toBe(outcome);
    if (outcome === 'ok') {
      if (action !== 'listShopOrders') expect(snapshot()).not.toEqual(before);
    } else {
      expect(reply.error.message).toMatch(CHINESE);
      expect(snapshot()).toEqual(before);
    }
  });

  /** Actions whose contract names no membership errors: to anyone but the shop and the buyer, the order does not exist. */
  const HIDDEN: Record<Caller, string> = { owner: 'ok', staff: 'ok', streamer: 'ORDER_NOT_FOUND', stranger: 'ORDER_NOT_FOUND', otherOwner: 'ORDER_NOT_FOUND', nobody: 'UNAUTHENTICATED' };
  const hiddenRows = [
    { action: 'getOrder', payload: () => ({ orderId: insertOrder('to_pay') }) },
    { action: 'cancel', payload: () => ({ orderId: insertOrder('to_confirm'), reason: '没收到钱' }) },
  ].flatMap(({ action, payload }) => CALLERS.map((caller) => ({ action, caller, outcome: HIDDEN[caller], payload })));

  it.each(hiddenRows)('$action by $caller answers $outcome, and a refusal changes nothing', async ({ action, caller, outcome, payload }) => {
    const input = payload();
    const before = snapshot();
    const reply = await orders(action, input, openidOf(caller));
    expect(codeOf(reply)).toBe(outcome);
    if (outcome === 'ok') {
      if (action === 'cancel') expect(snapshot()).not.toEqual(before);
    } else {
      expect(snapshot()).toEqual(before);
    }
  });

  it('lets the buyer, and only the buyer, act as the buyer', async () => {
    const orderId = insertOrder('to_pay');
    const before = snapshot();
    for (const caller of CALLERS) {
      const reply = await orders('markTransferred', { orderId }, openidOf(caller));
      expect(codeOf(reply)).toBe(caller === 'nobody' ? 'UNAUTHENTICATED' : 'ORDER_NOT_FOUND');
    }
    expect(snapshot()).toEqual(before);
    expect((await orders('markTransferred', { orderId }, BUYER)).data.order.state).toBe('to_confirm');
  });

  it('lets the buyer, and only the buyer, start a WeChat payment', async () => {
    const orderId = insertOrder('to_pay', { wechat: true });
    const before = snapshot();
    for (const caller of CALLERS) {
      const reply = await orders('pay', { orderId }, openidOf(caller));
      expect(codeOf(reply)).toBe(caller === 'nobody' ? 'UNAUTHENTICATED' : 'ORDER_NOT_FOUND');
    }
    expect(snapshot()).toEqual(before);
    expect(emu.pay.orders().filter((order) => order.outTradeNo === orderId)).toEqual([]);
    expect((await orders('pay', { orderId }, BUYER)).data.outTradeNo).toBe(orderId);
    expect(codeOf(await orders('pay', { orderId: insertOrder('to_pay') }, BUYER))).toBe('PAYMENT_NOT_OFFERED');
  });

  it('shows the owner of another shop none of this shop’s orders', async () => {
    const orderId = insertOrder('paid');
    const them = PEOPLE.otherOwner;
    expect(codeOf(await orders('listShopOrders', { shopId: DEMO_SHOP_ID }, them))).toBe('NOT_A_MEMBER');
    expect(codeOf(await orders('getOrder', { orderId }, them))).toBe('ORDER_NOT_FOUND');
    expect(codeOf(await orders('ship', { orderId }, them))).toBe('NOT_A_MEMBER');
    expect(codeOf(await orders('listShopOrders', { shopId: 'no-such-shop' }, PEOPLE.owner))).toBe('SHOP_NOT_FOUND');
  });
});
