// The 拼团 rush of `npm run bench`: BUYERS buyers on groups of SIZE, all through the gateway as
// phones would. One buyer in SIZE starts a group and pays (so it opens); then every other buyer, at
// once, joins a group picked at random and pays as soon as seated — a refused join (GROUP_FULL)
// tries the next group, as a buyer would pick another from the product page, until one takes them
// (there are exactly enough seats, so every joiner should find one). Payments race the
// joins, so seats, payments and closes contend on the same group documents. Checked afterwards from
// the database: no group holds or has paid more than SIZE, no group has more paid orders than SIZE,
// every full group succeeded, and what the pay sandbox refunded (nothing should go back here).
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { GroupDoc } from '@core/group-buy';
import type { OrderDoc } from '@core/model';
import { all, callAs, OWNER, RUSH_ADDRESS as address, type Db } from './bench-gateway';
import { saleProduct, SALE_SKU } from './bench-sale';

const MCH = '1900000109';

export interface GroupRush {
  groups: number;
  succeeded: number;
  /** Groups holding or paid above their size, or with more paid orders than their size. */
  overfilled: number;
  refunds: number;
  /** Joiners who found no seat in any group. */
  unseated: number;
  /** Gateway calls (place, pay, the pay sheet) of the join phase, per second. */
  callsPerSec: number;
  failures: number;
  /** What the failed calls answered, by step and code ("pay HTTP 504"). */
  failed: Map<string, number>;
}

export async function groupBuyRush(db: Db, url: string, buyers: number, size: number): Promise<GroupRush> {
  const productId = 'bench-groupbuy';
  const now = Date.now();
  let failures = 0;
  let calls = 0;
  const failed = new Map<string, number>();
  const fail = (what: string) => {
    failures++;
    failed.set(what, (failed.get(what) ?? 0) + 1);
  };
  const call = (openid: string, action: string, payload: unknown, requestId?: string, name = 'orders') => {
    calls++;
    return callAs(url, openid, name, action, payload, requestId);
  };
  /** orders.pay, then the buyer confirms on the pay sheet (the payment notice is delivered before it answers). */
  const pay = async (buyer: string, orderId: string): Promise<boolean> => {
    const started = await call(buyer, 'pay', { orderId });
    if (!started.ok || !started.data?.outTradeNo) {
      fail(`pay ${started.error?.code ?? 'no outTradeNo'}`);
      return false;
    }
    calls++;
    const res = await fetch(`${url}/api/pay`, { method: 'POST', body: JSON.stringify({ outTradeNo: started.data.outTradeNo }) });
    const sheet = (await res.json().catch(() => ({}))) as { acknowledged?: boolean };
    if (res.status !== 200 || !sheet.acknowledged) fail(`pay sheet HTTP ${res.status}${sheet.acknowledged ? '' : ', notice not acknowledged'}`);
    return res.status === 200;
  };

  // 拼团 takes WeChat Pay only: the demo shop gets a merchant number, the product an offer of SIZE.
  await db.collection('shops').where({ _id: DEMO_SHOP_ID }).update({ data: { 'payment.wechatPay': { enabled: true, subMchId: MCH } } });
  await db.collection('products').add({ data: saleProduct(productId, buyers * 2) });
  const offer = { size, skus: [{ skuId: SALE_SKU, priceLi: 8_000, leaderPriceLi: 7_000 }], openHours: 24, limitPerBuyer: 1, startAt: now - 60_000, endAt: now + 86_400_000 };
  const set = await call(OWNER, 'setOffer', { productId, offer }, 'gb-rush-offer', 'groupbuy');
  if (!set.ok) throw new Error(`setOffer failed: ${JSON.stringify(set.error)}`);

  const place = (buyer: string, requestId: string, groupId?: string) =>
    call(buyer, 'place', {
      shopId: DEMO_SHOP_ID,
      lines: [{ productId, skuId: SALE_SKU, quantity: 1 }],
      fulfilment: { kind: 'express', address },
      payment: 'wechat',
      group: { offerId: productId, ...(groupId ? { groupId } : {}) },
      display: { name: buyer.slice(-6), avatar: '' },
    }, requestId);

  // The starters: each starts a group and pays, so it opens.
  const groupCount = Math.ceil(buyers / size);
  const started = await Promise.all(
    Array.from({ length: groupCount }, async (_unused, i) => {
      const buyer = `gb-starter-${i}`;
      const placed = await place(buyer, `gb-start-${i}`);
      const orderId = placed.ok ? placed.data?.order?.id : undefined;
      if (!orderId) fail(`start ${placed.error?.code ?? '?'}`);
      if (!orderId || !(await pay(buyer, orderId))) return null;
      return orderId;
    }),
  );
  const groupIds = started.filter((id): id is string => id !== null);

  // The rush: every other buyer at once, into a group picked at random, paying as soon as seated.
  calls = 0;
  let unseated = 0;
  const rushStart = performance.now();
  await Promise.all(
    Array.from({ length: buyers - groupCount }, async (_unused, j) => {
      const buyer = `gb-joiner-${j}`;
      let pick = Math.floor(Math.random() * groupIds.length);
      for (let attempt = 0; attempt < groupIds.length; attempt++, pick = (pick + 1) % groupIds.length) {
        const placed = await place(buyer, `gb-join-${j}-${attempt}`, groupIds[pick]);
        const orderId = placed.ok ? placed.data?.order?.id : undefined;
        if (orderId) {
          await pay(buyer, orderId);
          return;
        }
        if (!['GROUP_FULL', 'GROUP_ENDED'].includes(placed.error?.code ?? '')) {
          fail(`join ${placed.error?.code ?? '?'}`);
          return;
        }
      }
      unseated++;
    }),
  );
  const callsPerSec = (calls / (performance.now() - rushStart)) * 1000;

  const groups = await all<GroupDoc>(db, 'groupBuys', { offerId: productId });
  const orders = await all<OrderDoc>(db, 'orders', { 'group.offerId': productId });
  const paidPerGroup = new Map<string, number>();
  for (const order of orders) {
    if (order.payment.paidFen > 0 && order.payment.refundedFen === 0 && order.group) paidPerGroup.set(order.group.groupId, (paidPerGroup.get(order.group.groupId) ?? 0) + 1);
  }
  const overfilled = groups.filter((group) => group.paid > group.size || group.held > group.size || (paidPerGroup.get(group._id) ?? 0) > group.size).length;
  const orderIds = new Set(orders.map((order) => order._id));
  const sandbox = (await (await fetch(`${url}/api/pay/orders`)).json()) as { refunds: { outTradeNo: string }[] };
  return {
    groups: groups.length,
    succeeded: groups.filter((group) => group.state === 'succeeded').length,
    overfilled,
    refunds: sandbox.refunds.filter((refund) => orderIds.has(refund.outTradeNo)).length,
    unseated,
    callsPerSec,
    failures,
    failed,
  };
}
