// The order the unit tests of src/core/orders.ts and src/core/order-actions.ts start from: two
// pounds of 腊肉 plus a ¥10 fee (¥126), placed at T0 with 30 minutes to pay, by express or pickup.
import { createOrder, toOrderFulfilment, type Actor } from '@core/orders';

export const T0 = Date.UTC(2026, 10, 20, 2, 0);
export const MIN = 60_000;
export const BUYER: Actor = { role: 'buyer', id: 'buyer-1' };
export const VENDOR: Actor = { role: 'vendor', id: 'owner-1' };
export const SYSTEM: Actor = { role: 'system' };
export const PAYMENT: Actor = { role: 'payment' };
export const MCH = '1900000109';
/** Handed-over orders in these tests complete by themselves from here on. */
export const HANDED_OVER_UNTIL = T0 + 3 * 60 * MIN;
const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };

/** A stored order, as createOrder makes it. */
export type Order = ReturnType<typeof createOrder>;

export function newOrder(mode: 'wechat' | 'offline', kind: 'express' | 'pickup' = 'express'): Order {
  const fulfilment =
    kind === 'express'
      ? toOrderFulfilment({ kind: 'express', address }, [])
      : toOrderFulfilment({ kind: 'pickup', pointId: 'town', contact: { name: '王大妈', phone: '13800138000' } }, [{ id: 'town', name: '镇上老张腊味店', address: '老街 18 号', hours: '' }]);
  return createOrder({
    id: 'o1',
    orderNo: '261120000001',
    shopId: 'demo-shop',
    buyerOpenId: 'buyer-1',
    requestId: 'req-1',
    quote: {
      lines: [{ productId: 'larou', skuId: 'wuhua', name: '酉阳柴火烟熏腊肉', spec: '五花', unit: '斤', image: '', quantity: 2, unitPriceLi: 58_000, priceSource: { kind: 'base' }, totalFen: 11_600 }],
      goodsFen: 11_600,
      feeFen: 1000,
      totalFen: 12_600,
    },
    fulfilment: fulfilment!,
    mode,
    buyerNote: '',
    source: { ref: 'abc', scene: 1007 },
    at: T0,
    payWithinMs: 30 * MIN,
  });
}
