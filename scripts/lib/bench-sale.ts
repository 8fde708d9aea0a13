// A flash sale's parts, shared by `npm run bench` and the kill -9 test of orders: the product on
// sale, a buyer's place call through the gateway, and what the database holds afterwards.
import type cloud from 'wx-server-sdk';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { DB_REQUESTS_HEADER } from '../../emulator/server';
import type { ProductDoc } from '@core/model';
import type { OrderDoc } from '@core/model';

type Db = ReturnType<typeof cloud.database>;

export const SALE_SKU = 'a';

/** One on-sale product of the demo shop with a single SKU holding `stock`. */
export function saleProduct(id: string, stock: number, now = Date.now()): ProductDoc {
  return {
    _id: id,
    shopId: DEMO_SHOP_ID,
    name: '直播间秒杀腊肉',
    unit: '斤',
    description: '',
    images: ['/media/seed/larou.svg'],
    skus: [{ id: SALE_SKU, spec: '', priceLi: 9_900, stock, tiers: [], minQty: 1, stepQty: 1 }],
    ship: { kind: 'days', days: 2 },
    perishable: null,
    status: 'on_sale',
    sort: 1,
    createdAt: now,
    updatedAt: now,
  };
}

const address = { name: '王大妈', phone: '13800138000', province: '重庆市', city: '重庆市', district: '酉阳县', detail: '龙潭镇老街 1 号' };

export interface PlaceOutcome {
  /** The order id the call answered with, or null. */
  orderId: string | null;
  /** The error code the call answered with (OUT_OF_STOCK for a buyer who came too late). */
  code: string | null;
  /** HTTP status and body, when the call failed as a call. */
  failure: string | null;
  databaseRequests: number;
  ms: number;
}

/** A buyer's "buy now" of one unit, as the H5 app sends it through the gateway. */
export async function placeThroughGateway(url: string, buyer: string, requestId: string, productId: string): Promise<PlaceOutcome> {
  const start = performance.now();
  const data = {
    action: 'place',
    requestId,
    payload: { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: SALE_SKU, quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'offline' },
  };
  const res = await fetch(`${url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cactus-openid': buyer },
    body: JSON.stringify({ name: 'orders', data }),
  });
  const body = (await res.json()) as { result?: { ok: boolean; data?: { order: { id: string } }; error?: { code: string } } };
  const ms = performance.now() - start;
  const databaseRequests = Number(res.headers.get(DB_REQUESTS_HEADER) ?? 0);
  const result = res.status === 200 ? body.result : undefined;
  if (!result) return { orderId: null, code: null, failure: `${res.status} ${JSON.stringify(body).slice(0, 160)}`, databaseRequests, ms };
  return { orderId: result.data?.order.id ?? null, code: result.error?.code ?? null, failure: null, databaseRequests, ms };
}

export interface SaleState {
  orders: OrderDoc[];
  /** Stock left on the sale SKU. */
  left: number;
  /** Units held or sold by orders, by state. */
  unitsByState: Map<OrderDoc['state'], number>;
  /** (buyer, requestId) pairs with more than one order. */
  duplicates: number;
}

/** Reads every order of the product and its stock through the SDK, as a function would. */
export async function readSale(db: Db, productId: string): Promise<SaleState> {
  const orders: OrderDoc[] = [];
  for (;;) {
    const { data } = (await db.collection('orders').where({ 'lines.productId': productId }).skip(orders.length).limit(1000).get()) as unknown as { data: OrderDoc[] };
    orders.push(...data);
    if (data.length < 1000) break;
  }
  const { data: products } = (await db.collection('products').where({ _id: productId }).get()) as unknown as { data: ProductDoc[] };
  const left = products[0].skus.find((sku) => sku.id === SALE_SKU)?.stock ?? NaN;
  const unitsByState = new Map<OrderDoc['state'], number>();
  for (const order of orders) {
    const units = order.lines.filter((line) => line.productId === productId).reduce((sum, line) => sum + line.quantity, 0);
    unitsByState.set(order.state, (unitsByState.get(order.state) ?? 0) + units);
  }
  const perRequest = new Map<string, number>();
  for (const order of orders) {
    const key = `${order.buyerOpenId}\n${order.requestId}`;
    perRequest.set(key, (perRequest.get(key) ?? 0) + 1);
  }
  const duplicates = [...perRequest.values()].filter((n) => n > 1).length;
  return { orders, left, unitsByState, duplicates };
}
