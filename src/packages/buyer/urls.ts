// Addresses of the buyer's order pages (the buyer subpackage).
import { orderPagePath } from '@core/notify';

export type CheckoutFrom = 'cart' | 'buynow';

const q = encodeURIComponent;

export const buyerUrls = {
  cart: (shopId: string) => `/packages/buyer/cart/index?shopId=${q(shopId)}`,
  checkout: (shopId: string, from: CheckoutFrom, source: { ref?: string; scene?: number } = {}) =>
    `/packages/buyer/checkout/index?shopId=${q(shopId)}&from=${from}${source.ref ? `&ref=${q(source.ref)}` : ''}${source.scene ? `&scene=${source.scene}` : ''}`,
  orders: (shopId?: string) => `/packages/buyer/orders/index${shopId ? `?shopId=${q(shopId)}` : ''}`,
  order: (orderId: string, payNow = false) => `/${orderPagePath(orderId)}${payNow ? '&pay=1' : ''}`,
};
