import { GROUP_FAILED_REASON } from '@core/group-buy';
import { DEFAULT_TEMPLATE_IDS, groupSucceededNotice, noticesFor, templateIds, thing } from '@core/notify';
import { createOrder, transition, type Actor, type OrderEvent } from '@core/orders';
import type { OrderDoc } from '@core/model';

const T0 = Date.UTC(2026, 10, 20, 2, 0);
const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '', detail: '文三路 1 号' };
const line = (name: string) => ({ productId: 'p', skuId: 'a', name, spec: '五花', unit: '斤', image: '', quantity: 1, unitPriceLi: 58_000, priceSource: { kind: 'base' as const }, totalFen: 5800 });

function order(names: string[] = ['酉阳柴火烟熏腊肉']): OrderDoc {
  return createOrder({
    id: 'o1',
    orderNo: '261120000001',
    shopId: 's',
    buyerOpenId: 'buyer-1',
    requestId: 'r',
    quote: { lines: names.map(line), goodsFen: 5800 * names.length, feeFen: 0, totalFen: 5800 * names.length },
    fulfilment: { kind: 'express', address, tracking: null },
    mode: 'wechat',
    buyerNote: '',
    source: { ref: null, scene: null },
    at: T0,
    payWithinMs: 30 * 60_000,
  });
}

function step(current: OrderDoc, event: OrderEvent, actor: Actor, reason = '') {
  const result = transition(current, event, { actor, at: T0 + 60_000, reason });
  if (!result.ok || result.outcome === 'noop') throw new Error(`${event.type} did not move`);
  return { order: result.order, entries: [result.entry] };
}

describe('subscribe messages', () => {
  it('tells the buyer their order is paid, with the amount as ¥58.00 and the order page', () => {
    const { order: paid, entries } = step(order(), { type: 'pay_confirmed', amountFen: 5800, transactionId: 'wx', subMchId: '1900000109' }, { role: 'payment' });
    expect(noticesFor(paid, entries, DEFAULT_TEMPLATE_IDS)).toEqual([
      {
        kind: 'paid',
        touser: 'buyer-1',
        templateId: 'tmpl-order-paid',
        page: 'packages/buyer/order/index?orderId=o1',
        data: { character_string1: { value: '261120000001' }, thing2: { value: '酉阳柴火烟熏腊肉（五花）' }, amount3: { value: '¥58.00' }, thing4: { value: '付款成功，店主会尽快发货' } },
      },
    ]);
  });

  it('keeps every thing value within 20 characters, the line count surviving a long name', () => {
    const long = order(['特别特别长的名字的手工柴火烟熏老腊肉礼盒装', '腊肠']);
    const { order: cancelled, entries } = step(long, { type: 'cancel' }, { role: 'vendor', id: 'v' }, '这批货卖完了，非常抱歉，下次早点来，给您留着最好的那一块');
    const [notice] = noticesFor(cancelled, entries, DEFAULT_TEMPLATE_IDS);
    for (const [key, { value }] of Object.entries(notice.data)) if (key.startsWith('thing')) expect(Array.from(value).length).toBeLessThanOrEqual(20);
    expect(notice.data.thing2.value).toMatch(/…等2件$/);
    expect(thing('   ')).toBe('—');
  });

  it('sends nothing when the buyer cancels their own order', () => {
    const { order: cancelled, entries } = step(order(), { type: 'cancel' }, { role: 'buyer', id: 'buyer-1' });
    expect(noticesFor(cancelled, entries, DEFAULT_TEMPLATE_IDS)).toEqual([]);
  });

  it('uses configured template ids, falling back to the local ones for empty values', () => {
    expect(templateIds({ paid: 'real-paid-id', shipped: ' ', cancelled: undefined })).toEqual({ ...DEFAULT_TEMPLATE_IDS, paid: 'real-paid-id' });
  });

  it('tells a 拼团 member the group filled and will ship, on its own template', () => {
    const { order: paid } = step(order(), { type: 'pay_confirmed', amountFen: 5800, transactionId: 'wx', subMchId: '1900000109' }, { role: 'payment' });
    expect(groupSucceededNotice(paid, 3, templateIds({ group_succeeded: 'real-group-ok' }))).toEqual({
      kind: 'group_succeeded',
      touser: 'buyer-1',
      templateId: 'real-group-ok',
      page: 'packages/buyer/order/index?orderId=o1',
      data: { character_string1: { value: '261120000001' }, thing2: { value: '酉阳柴火烟熏腊肉（五花）' }, thing3: { value: '3人团已拼成，等店主发货' } },
    });
  });

  it('tells a member of a failed 拼团 the full refund on the group-failed template, and any other refund on the refund one', () => {
    const { order: paid } = step(order(), { type: 'pay_confirmed', amountFen: 5800, transactionId: 'wx', subMchId: '1900000109' }, { role: 'payment' });
    const started = step(paid, { type: 'refund_started', amountFen: 5800 }, { role: 'system' }, GROUP_FAILED_REASON);
    const done = step(started.order, { type: 'refund_done' }, { role: 'payment' }, GROUP_FAILED_REASON);
    expect(noticesFor(done.order, done.entries, DEFAULT_TEMPLATE_IDS)).toEqual([
      expect.objectContaining({ kind: 'group_failed', templateId: 'tmpl-group-failed', data: expect.objectContaining({ amount3: { value: '¥58.00' }, thing4: { value: '没拼成，钱已原路全额退回' } }) }),
    ]);
    const other = step(step(paid, { type: 'refund_started', amountFen: 5800 }, { role: 'vendor', id: 'v' }, '卖完了').order, { type: 'refund_done' }, { role: 'payment' }, '卖完了');
    expect(noticesFor(other.order, other.entries, DEFAULT_TEMPLATE_IDS).map((notice) => notice.kind)).toEqual(['refunded']);
  });
});
