// Pure checkout rules: the server prices every order from stored goods and the shop's settings.
// Unit prices come from the SKU and its bulk tier at the (merged) quantity; each line is rounded
// half-up to the fen once; the total is the exact sum of lines plus the fulfilment fee.
import { pickupPointOpen } from './contracts/shop';
import type { CheckoutOptions, FulfilmentChoice, FulfilmentInput, OrderQuote, PaymentMode, PricedOrderLine } from './contracts/orders';
import type { ErrorCode } from './errors';
import { isVisibleToBuyers } from './catalog';
import type { ProductDoc, ShopDoc } from './model';
import { sumFen, type Fen } from './money';
import { lineLabel, ORDER_NAMES } from './order-names';
import { priceLine, quantityProblem, type QuantityProblem } from './pricing';

export type CheckoutShop = Pick<ShopDoc, '_id' | 'fulfilment' | 'payment'>;

/** What pricing reads of a product; the server fetches only these (a product also carries stock holds). */
export const PRICING_FIELDS = ['shopId', 'name', 'unit', 'images', 'skus', 'status'] as const satisfies readonly (keyof ProductDoc)[];
export type PricingProduct = Pick<ProductDoc, '_id' | (typeof PRICING_FIELDS)[number]>;

export interface CheckoutLineInput {
  /** The stored product, or null when the id the buyer sent names nothing (deleted, wrong id). */
  product: PricingProduct | null;
  productId: string;
  skuId: string;
  quantity: number;
}

export interface PriceOrderInput {
  shop: CheckoutShop;
  lines: readonly CheckoutLineInput[];
  fulfilment: FulfilmentChoice;
  /** Checked when given; a quote before the buyer picks a mode leaves it out. */
  payment?: PaymentMode;
}

/** Each problem names an error code (for the reply), a plain Chinese message and what it is about. */
export type CheckoutProblem =
  | { code: 'PRODUCT_NOT_FOUND'; productId: string; message: string }
  | { code: 'SKU_NOT_FOUND'; productId: string; skuId: string; message: string }
  | { code: 'QUANTITY_NOT_ALLOWED'; productId: string; skuId: string; reason: QuantityProblem; minQty: number; stepQty: number; message: string }
  | { code: 'OUT_OF_STOCK'; productId: string; skuId: string; available: number; message: string }
  | { code: 'FULFILMENT_NOT_OFFERED'; kind: FulfilmentChoice['kind']; message: string }
  | { code: 'PICKUP_POINT_UNKNOWN'; pointId: string; message: string }
  | { code: 'PAYMENT_NOT_OFFERED'; mode: PaymentMode; message: string };

// Keeps every problem's code a real ErrorCode, so a handler can reply with it as it is.
type AssertCodes<T extends ErrorCode> = T;
export type CheckoutProblemCode = AssertCodes<CheckoutProblem['code']>;

export type PriceOrderResult = ({ ok: true } & OrderQuote) | { ok: false; problems: CheckoutProblem[] };

interface MergedLine {
  productId: string;
  skuId: string;
  product: PricingProduct | null;
  quantity: number;
}

/**
 * Lines for the same SKU merge, in the order they first appear: the bulk tier and the stock check
 * apply to what the buyer takes in all, and one SKU never shows as two lines on an order.
 */
export function mergeLines(lines: readonly CheckoutLineInput[]): MergedLine[] {
  const byKey = new Map<string, MergedLine>();
  for (const line of lines) {
    const key = `${line.productId}\u0000${line.skuId}`;
    const seen = byKey.get(key);
    if (seen) seen.quantity += line.quantity;
    else byKey.set(key, { productId: line.productId, skuId: line.skuId, product: line.product, quantity: line.quantity });
  }
  return [...byKey.values()];
}

function skuLabel(product: PricingProduct, spec: string): string {
  return `“${lineLabel({ name: product.name, spec })}”`;
}

function quantityMessage(label: string, unit: string, reason: QuantityProblem, minQty: number, stepQty: number): string {
  if (reason === 'BELOW_MINIMUM') return `${label}${minQty}${unit}起卖`;
  if (reason === 'OFF_STEP') return `${label}要按${stepQty}${unit}一份买，从${minQty}${unit}起`;
  return `${label}的数量不对，请重新填写`;
}

function priceOneLine(shopId: string, line: MergedLine, problems: CheckoutProblem[]): PricedOrderLine | null {
  const { product, productId, skuId, quantity } = line;
  // Drafts, goods taken off the shelf and another shop's goods are all "not there" to this cart,
  // and say nothing about themselves: anyone may ask with any id, and a draft's name is the vendor's.
  if (!product || product.shopId !== shopId || !isVisibleToBuyers(product)) {
    problems.push({ code: 'PRODUCT_NOT_FOUND', productId, message: '有一件商品已下架' });
    return null;
  }
  const sku = product.skus.find((candidate) => candidate.id === skuId);
  if (!sku) {
    problems.push({ code: 'SKU_NOT_FOUND', productId, skuId, message: `“${product.name}”的这个规格已经没有了，请重新选择` });
    return null;
  }
  const label = skuLabel(product, sku.spec);
  const reason = quantityProblem(sku, quantity);
  if (reason) {
    problems.push({ code: 'QUANTITY_NOT_ALLOWED', productId, skuId, reason, minQty: sku.minQty, stepQty: sku.stepQty, message: quantityMessage(label, product.unit, reason, sku.minQty, sku.stepQty) });
    return null;
  }
  // A product marked sold out sells nothing, whatever its stock says.
  const available = product.status === 'sold_out' ? 0 : sku.stock;
  if (quantity > available) {
    const message = available <= 0 ? `${label}卖完了` : `${label}只剩${available}${product.unit}了`;
    problems.push({ code: 'OUT_OF_STOCK', productId, skuId, available: Math.max(0, available), message });
    return null;
  }
  const priced = priceLine(sku, quantity);
  return {
    productId,
    skuId,
    name: product.name,
    spec: sku.spec,
    unit: product.unit,
    image: product.images[0] ?? '',
    quantity,
    unitPriceLi: priced.priceLi,
    priceSource: priced.source,
    totalFen: priced.totalFen,
  };
}

/** Province names as typed or picked: "浙江省", "浙江" and "广西壮族自治区" vs "广西" match. */
export function normaliseProvince(name: string): string {
  return name.trim().replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
}

/** The fee for a fulfilment the shop offers, given the goods amount; null when it is not offered. */
export function fulfilmentFee(shop: CheckoutShop, choice: FulfilmentChoice, goodsFen: Fen): Fen | null {
  const { express, local, pickup } = shop.fulfilment;
  switch (choice.kind) {
    case 'express': {
      if (!express.enabled) return null;
      // The threshold is on goods alone, so the fee itself never pushes an order over it.
      if (express.freeAboveFen !== null && goodsFen >= express.freeAboveFen) return 0;
      const province = choice.province ? normaliseProvince(choice.province) : null;
      const override = province === null ? undefined : express.provinceFees.find((row) => normaliseProvince(row.province) === province);
      return override ? override.feeFen : express.feeFen;
    }
    case 'local':
      return local.enabled ? local.feeFen : null;
    case 'pickup':
      return pickup.enabled ? 0 : null;
  }
}

/** WeChat Pay needs a sub-merchant number as well as the switch: without one no payment can be made. */
export function paymentOffered(shop: CheckoutShop, mode: PaymentMode): boolean {
  return mode === 'offline' ? shop.payment.offline.enabled : shop.payment.wechatPay.enabled && shop.payment.wechatPay.subMchId !== '';
}

/** What the shop's checkout offers: only enabled fulfilment kinds and payment modes that can be used. */
export function checkoutOptionsOf(shop: CheckoutShop): CheckoutOptions {
  const { express, local, pickup } = shop.fulfilment;
  return {
    express: express.enabled ? { feeFen: express.feeFen, freeAboveFen: express.freeAboveFen } : null,
    local: local.enabled ? { areaNote: local.areaNote, feeFen: local.feeFen } : null,
    pickup: pickup.enabled && pickup.points.some(pickupPointOpen) ? { points: pickup.points.filter(pickupPointOpen) } : null,
    payment: (['wechat', 'offline'] as const).filter((mode) => paymentOffered(shop, mode)),
  };
}

/**
 * Prices a cart for one shop. Every problem is collected (not just the first) so the cart can mark
 * all of them at once. Stock is checked here as advice; the handler still decrements it atomically.
 */
export function priceOrder(input: PriceOrderInput): PriceOrderResult {
  const { shop, fulfilment, payment } = input;
  const problems: CheckoutProblem[] = [];

  const lines: PricedOrderLine[] = [];
  for (const line of mergeLines(input.lines)) {
    const priced = priceOneLine(shop._id, line, problems);
    if (priced) lines.push(priced);
  }

  if (fulfilment.kind === 'pickup' && shop.fulfilment.pickup.enabled && !shop.fulfilment.pickup.points.some((point) => point.id === fulfilment.pointId && pickupPointOpen(point))) {
    problems.push({ code: 'PICKUP_POINT_UNKNOWN', pointId: fulfilment.pointId, message: '这个自提点已经没有了，请重新选择' });
  }
  const goodsFen = sumFen(lines.map((line) => line.totalFen));
  const feeFen = fulfilmentFee(shop, fulfilment, goodsFen);
  if (feeFen === null) {
    problems.push({ code: 'FULFILMENT_NOT_OFFERED', kind: fulfilment.kind, message: `这家店暂不提供${ORDER_NAMES.fulfilment[fulfilment.kind]}，请换一种收货方式` });
  }
  if (payment && !paymentOffered(shop, payment)) {
    problems.push({ code: 'PAYMENT_NOT_OFFERED', mode: payment, message: `这家店暂不支持${ORDER_NAMES.payment[payment]}，请换一种付款方式` });
  }

  if (problems.length > 0 || feeFen === null) return { ok: false, problems };
  return { ok: true, lines, goodsFen, feeFen, totalFen: goodsFen + feeFen };
}

/** What priceOrder needs from a place request's fulfilment (the address only matters for its province). */
export function fulfilmentChoiceOf(input: FulfilmentInput): FulfilmentChoice {
  switch (input.kind) {
    case 'express':
      return { kind: 'express', province: input.address.province };
    case 'local':
      return { kind: 'local' };
    case 'pickup':
      return { kind: 'pickup', pointId: input.pointId };
  }
}
