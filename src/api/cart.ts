// The cart, one per shop, kept on the device with Taro storage so it survives closing the app.
// "Buy now" is a one-off cart of its own, so it never disturbs what is in the shop's cart.
// Lines keep what a cart row shows before the server prices it; prices come only from a quote.
import Taro from '@tarojs/taro';

export interface CartItem {
  productId: string;
  skuId: string;
  quantity: number;
  name: string;
  spec: string;
  unit: string;
  image: string;
  /** The SKU's quantity rules when added, for the cart's −/+; the server checks them again. */
  minQty: number;
  stepQty: number;
  /** Where the buyer found it (share code, scene), so an order from the cart keeps its source. */
  ref?: string;
  scene?: number;
}

/** Where a checkout's lines come from: the shop's cart, or a single "buy now" line. */
export type CartSource = 'cart' | 'buynow';

const MAX_LINES = 50;

function keyOf(source: CartSource, shopId: string): string {
  return source === 'cart' ? `cactus.cart.${shopId}` : `cactus.buynow.${shopId}`;
}

export function readCart(shopId: string, source: CartSource = 'cart'): CartItem[] {
  try {
    const stored: unknown = Taro.getStorageSync(keyOf(source, shopId));
    return Array.isArray(stored) ? (stored as CartItem[]).filter((item) => item && typeof item.productId === 'string' && item.quantity > 0) : [];
  } catch {
    return [];
  }
}

export function writeCart(shopId: string, items: CartItem[], source: CartSource = 'cart'): void {
  const key = keyOf(source, shopId);
  if (items.length === 0) Taro.removeStorageSync(key);
  else Taro.setStorageSync(key, items.slice(0, MAX_LINES));
}

const sameLine = (a: Pick<CartItem, 'productId' | 'skuId'>, b: Pick<CartItem, 'productId' | 'skuId'>) => a.productId === b.productId && a.skuId === b.skuId;

/** Adds to the shop's cart; the same spec again adds to its quantity. Returns the cart's line count. */
export function addToCart(shopId: string, item: CartItem): number {
  const items = readCart(shopId);
  const existing = items.find((line) => sameLine(line, item));
  const next = existing ? items.map((line) => (line === existing ? { ...line, quantity: line.quantity + item.quantity } : line)) : [...items, item];
  writeCart(shopId, next);
  return next.length;
}

/** Takes ordered lines out of the shop's cart (after an order from it is placed). */
export function removeFromCart(shopId: string, ordered: Pick<CartItem, 'productId' | 'skuId'>[]): void {
  writeCart(shopId, readCart(shopId).filter((line) => !ordered.some((done) => sameLine(done, line))));
}

/** The source of the latest line added from a shared link; an order has one source. */
export function cartSource(items: readonly CartItem[]): { ref?: string; scene?: number } {
  const found = [...items].reverse().find((item) => item.ref);
  return found ? { ref: found.ref, scene: found.scene } : {};
}

export function cartCount(shopId: string): number {
  return readCart(shopId).length;
}
