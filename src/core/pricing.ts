// Unit price at a quantity: bulk tiers lower the price from a quantity on (zippers ¥0.07 each,
// ¥0.065 from 1,000), and a SKU may sell only from a minimum and in steps (100条起, by 100).
import { lineTotalFen, type Fen, type Li } from './money';

export interface PriceTier {
  /** The tier applies from this quantity on. */
  minQty: number;
  priceLi: Li;
}

export interface SkuPricing {
  priceLi: Li;
  /** Ascending by minQty, each cheaper than the one before. */
  tiers?: readonly PriceTier[];
  /** Smallest quantity sold (default 1). */
  minQty?: number;
  /** Quantities go minQty, minQty + step, ... (default 1). */
  stepQty?: number;
}

export interface UnitPrice {
  priceLi: Li;
  /** Where the price came from, kept on order lines as part of the snapshot. */
  source: { kind: 'base' } | { kind: 'tier'; minQty: number };
}

export type QuantityProblem = 'NOT_A_QUANTITY' | 'BELOW_MINIMUM' | 'OFF_STEP';

/** Why a SKU's tiers are not acceptable, or null when they are. */
export function tierProblem(sku: SkuPricing): string | null {
  const minQty = sku.minQty ?? 1;
  let previous: PriceTier = { minQty, priceLi: sku.priceLi };
  for (const tier of sku.tiers ?? []) {
    if (tier.minQty <= previous.minQty) return '批量价的起订数量要一档比一档多';
    if (tier.priceLi >= previous.priceLi) return '批量价要比上一档便宜';
    previous = tier;
  }
  return null;
}

/** The unit price that applies at `quantity`: the tier with the largest minQty reached. */
export function unitPriceAt(sku: SkuPricing, quantity: number): UnitPrice {
  let best: UnitPrice = { priceLi: sku.priceLi, source: { kind: 'base' } };
  for (const tier of sku.tiers ?? []) {
    if (quantity >= tier.minQty && tier.priceLi < best.priceLi) best = { priceLi: tier.priceLi, source: { kind: 'tier', minQty: tier.minQty } };
  }
  return best;
}

export function quantityProblem(sku: SkuPricing, quantity: number): QuantityProblem | null {
  const minQty = sku.minQty ?? 1;
  const step = sku.stepQty ?? 1;
  if (!Number.isSafeInteger(quantity) || quantity <= 0) return 'NOT_A_QUANTITY';
  if (quantity < minQty) return 'BELOW_MINIMUM';
  if ((quantity - minQty) % step !== 0) return 'OFF_STEP';
  return null;
}

/** The nearest allowed quantity at or above `wanted` (what a stepper snaps to). */
export function snapQuantity(sku: SkuPricing, wanted: number): number {
  const minQty = sku.minQty ?? 1;
  const step = sku.stepQty ?? 1;
  if (!(wanted > minQty)) return minQty;
  return minQty + Math.ceil((Math.floor(wanted) - minQty) / step) * step;
}

export interface PricedLine extends UnitPrice {
  quantity: number;
  totalFen: Fen;
}

/** Prices one line: the tier's unit price × quantity, rounded half-up to the fen once. */
export function priceLine(sku: SkuPricing, quantity: number): PricedLine {
  const unit = unitPriceAt(sku, quantity);
  return { ...unit, quantity, totalFen: lineTotalFen(unit.priceLi, quantity) };
}
