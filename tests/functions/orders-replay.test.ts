// A call sent again with the same request id (a retry after a lost reply, a double tap, a page
// that resends its action) is the same action: through the real functions and the pay sandbox,
// money moves once, however often and however concurrently the call arrives.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';

const BUYER = 'test-replay-buyer';
const MCH = '1900000109';
/** What these tests read of a stored order. */
interface StoredOrder {
  state: string;
  payment: { paidFen: number; refundedFen: number };
  refunds: { amountFen: number; status: string }[];
  history: { event: string }[];
}
const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };

describe('orders function: replayed calls', () => {
  let emu: TestEmulator;
  let seq = 0;

  const orders = (action: string, payload: unknown, openid: string, requestId = `replay-${++seq}`) => emu.reply('orders', { action, payload, requestId }, openid);
  const orderDoc = (id: string) => emu.db.find('orders', { _id: id })[0] as unknown as StoredOrder;
  const eventsOf = (id: string, event: string) => orderDoc(id).history.filter((entry) => entry.event === event);
  const sandboxRefunds = (orderId: string) => emu.pay.refunds().filter((refund) => refund.outTradeNo === orderId);

  /** An order for three ¥10 items, paid: by a transfer the owner confirmed, or by WeChat Pay on the sandbox's sheet. */
  async function paidOrder(payment: 'offline' | 'wechat'): Promise<{ id: string; totalFen: number }> {
    const lines = [{ productId: insertProduct(emu, 10), skuId: 'a', quantity: 3 }];
    const placed = await orders('place', { shopId: DEMO_SHOP_ID, lines, fulfilment: { kind: 'express', address }, payment }, BUYER);
    expect(placed.ok).toBe(true);
    const { id, totalFen } = placed.data.order;
    if (payment === 'offline') {
      expect((await orders('confirmTransfer', { orderId: id }, PEOPLE.owner)).ok).toBe(true);
    } else {
      const started = await orders('pay', { orderId: id }, BUYER);
      await emu.pay.pay(started.data.outTradeNo);
    }
    expect(orderDoc(id)).toMatchObject({ state: 'paid', payment: { paidFen: totalFen } });
    return { id, totalFen };
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu, Date.now());
    const { data } = await emu.reply('shop', { action: 'getSettings', payload: { shopId: DEMO_SHOP_ID } }, PEOPLE.owner);
    const saved = await emu.reply('shop', { action: 'updateSettings', payload: { shopId: DEMO_SHOP_ID, settings: { ...data.settings, payment: { ...data.settings.payment, wechatPay: { enabled: true, subMchId: MCH } } } } }, PEOPLE.owner);
    expect(saved.ok).toBe(true);
  });
  afterAll(() => emu.close());

  it.each(['offline', 'wechat'] as const)('refunds a %s order once when the vendor’s same refund is sent again after its reply, and three times at once', async (payment) => {
    const order = await paidOrder(payment);
    const first = await orders('refund', { orderId: order.id, amountFen: 500, reason: '少发一件' }, PEOPLE.owner, 'refund-tap-1');
    expect(first.data.order).toMatchObject({ state: 'paid', payment: { refundedFen: 500 } });
    const again = await orders('refund', { orderId: order.id, amountFen: 500, reason: '少发一件' }, PEOPLE.owner, 'refund-tap-1');
    expect(again).toEqual(first);

    const racing = await Promise.all([1, 2, 3].map(() => orders('refund', { orderId: order.id, amountFen: 700, reason: '又少一件' }, PEOPLE.staff, 'refund-tap-2')));
    for (const reply of racing) expect(reply).toMatchObject({ ok: true, data: { order: { id: order.id } } });

    expect(orderDoc(order.id)).toMatchObject({ state: 'paid', payment: { refundedFen: 1200 } });
    expect(orderDoc(order.id).refunds.map(({ amountFen, status }) => [amountFen, status])).toEqual([
      [500, 'done'],
      [700, 'done'],
    ]);
    expect(eventsOf(order.id, 'refund_started')).toHaveLength(2);
    if (payment === 'wechat') expect(sandboxRefunds(order.id).map((refund) => refund.refundFee)).toEqual([500, 700]);
  });

  it('approves a buyer’s refund request once when the vendor’s approval is sent twice at once', async () => {
    const order = await paidOrder('wechat');
    expect((await orders('requestRefund', { orderId: order.id, amountFen: order.totalFen, reason: '不想要了' }, BUYER)).ok).toBe(true);
    const approvals = await Promise.all([1, 2].map(() => orders('refund', { orderId: order.id, amountFen: order.totalFen, reason: '' }, PEOPLE.owner, 'approve-tap')));
    for (const reply of approvals) expect(reply.ok).toBe(true);
    expect(orderDoc(order.id)).toMatchObject({ state: 'refunded', payment: { refundedFen: order.totalFen } });
    expect(sandboxRefunds(order.id)).toHaveLength(1);
  });

  it('asks for a buyer’s refund once, though the request comes again after the vendor declined it and twice at once', async () => {
    const order = await paidOrder('offline');
    const ask = { orderId: order.id, amountFen: 300, reason: '坏了一个' };
    expect((await orders('requestRefund', ask, BUYER, 'ask-1')).data.order.state).toBe('refunding');
    expect((await orders('declineRefund', { orderId: order.id, reason: '发货前检查过' }, PEOPLE.owner)).data.order.state).toBe('paid');
    const late = await orders('requestRefund', ask, BUYER, 'ask-1');
    expect(late.data.order.state).toBe('paid');

    const twins = await Promise.all([1, 2].map(() => orders('requestRefund', ask, BUYER, 'ask-2')));
    for (const reply of twins) expect(reply.data.order).toMatchObject({ state: 'refunding', pendingRefund: { amountFen: 300, status: 'requested' } });
    expect(eventsOf(order.id, 'refund_requested')).toHaveLength(2);
  });

  it('takes the same request id from another person as their own action', async () => {
    const order = await paidOrder('offline');
    await orders('refund', { orderId: order.id, amountFen: 100 }, PEOPLE.owner, 'same-id');
    await orders('refund', { orderId: order.id, amountFen: 100 }, PEOPLE.staff, 'same-id');
    expect(orderDoc(order.id).payment.refundedFen).toBe(200);
  });

  it('refuses a request id too long to keep with the order, changing nothing', async () => {
    const order = await paidOrder('offline');
    const reply = await orders('refund', { orderId: order.id, amountFen: 100 }, PEOPLE.owner, 'x'.repeat(65));
    expect(reply.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'requestId' }] });
    expect(orderDoc(order.id).payment.refundedFen).toBe(0);
  });
});
