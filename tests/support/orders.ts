// Order history for tests that need a shop's past orders rather than the way to them: orders put
// straight into the database as the orders function would have left them.
import type { OrderFulfilment } from '@core/contracts';
import type { OrderDoc } from '@core/model';
import { createOrder } from '@core/orders';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { TestEmulator } from './emulator';

export interface PastOrder {
  id: string;
  orderNo: string;
  buyer: string;
  totalFen: number;
  at: number;
  fulfilment: OrderFulfilment;
  shopId?: string;
  ref?: string | null;
  /** Paid by transfer and confirmed; otherwise still to pay. Default true. */
  paid?: boolean;
}

/** One line of 腊肉 for `totalFen`, paid offline unless `paid` is false. Returns its id. */
export function insertPastOrder(emu: TestEmulator, past: PastOrder): string {
  const { totalFen, at } = past;
  const line = { productId: 'p', skuId: 'a', name: '腊肉', spec: '', unit: '斤', image: '', quantity: 1, unitPriceLi: totalFen * 10, priceSource: { kind: 'base' as const }, totalFen };
  const order = createOrder({
    id: past.id,
    orderNo: past.orderNo,
    shopId: past.shopId ?? DEMO_SHOP_ID,
    buyerOpenId: past.buyer,
    requestId: `req-${past.id}`,
    quote: { lines: [line], goodsFen: totalFen, feeFen: 0, totalFen },
    fulfilment: past.fulfilment,
    mode: 'offline',
    buyerNote: '',
    source: { ref: past.ref ?? null, scene: null },
    at,
    payWithinMs: 30 * 60_000,
  });
  const paid = past.paid ?? true;
  emu.db.insert('orders', {
    ...order,
    state: paid ? 'paid' : 'to_pay',
    expiresAt: paid ? null : order.expiresAt,
    payment: { ...order.payment, paidFen: paid ? totalFen : 0, paidAt: paid ? at : null },
  } satisfies OrderDoc);
  return order._id;
}
