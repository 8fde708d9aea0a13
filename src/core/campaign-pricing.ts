// Prices in a group-buy campaign (团): an item has a campaign price from the first unit and may
// have lower prices from a group total on (阶梯价: 1–49 斤 ¥30.00, 50 斤起 ¥25.00, 100 斤起 ¥22.50).
// The total is the quantity of that item in the campaign's counted orders, not one buyer's order:
// inside a campaign these group tiers replace the product's own per-order bulk tiers.
// Reads like pricing.ts: `{priceLi, tiers}` is a SkuPricing that starts at 1.
import { formatLi, type Li } from './money';
import { unitPriceAt, type PriceTier } from './pricing';

export interface CampaignPricing {
  /** The campaign price, from the first unit of the group total. */
  priceLi: Li;
  /** Lower prices from a group total on: minQty ≥ 2 and rising, priceLi ≥ 1 and falling. */
  tiers: readonly PriceTier[];
}

/** The tier in force: its price and the group total it starts from (1 for the campaign price). */
export interface TierInForce {
  priceLi: Li;
  minQty: number;
}

export type TierProblemReason = 'NOT_RISING' | 'NOT_FALLING' | 'BEYOND_CAP';

export interface TierProblem {
  reason: TierProblemReason;
  /** The offending tier's index in `tiers`. */
  index: number;
  message: string;
}

/**
 * Why a tier table is not acceptable, or null. Tiers start after the campaign price (which holds
 * from 1), each from a larger group total and strictly cheaper than the one before; with a stock
 * cap, a tier the cap never lets the group reach is refused too (it would be a promise never kept).
 */
export function campaignTierProblem(pricing: CampaignPricing, stockCap: number | null = null): TierProblem | null {
  let previous: TierInForce = { minQty: 1, priceLi: pricing.priceLi };
  for (const [index, tier] of pricing.tiers.entries()) {
    if (tier.minQty <= previous.minQty) return { reason: 'NOT_RISING', index, message: '阶梯价的数量要一档比一档多' };
    if (tier.priceLi >= previous.priceLi) return { reason: 'NOT_FALLING', index, message: '阶梯价要一档比一档便宜' };
    if (stockCap !== null && tier.minQty > stockCap) return { reason: 'BEYOND_CAP', index, message: `团购限量只有${stockCap}，到不了这一档` };
    previous = tier;
  }
  return null;
}

/** The tier in force for a group total: the cheapest tier whose quantity is reached. */
export function tierInForce(pricing: CampaignPricing, countedQty: number): TierInForce {
  const unit = unitPriceAt(pricing, countedQty);
  return { priceLi: unit.priceLi, minQty: unit.source.kind === 'tier' ? unit.source.minQty : 1 };
}

export interface TierProgress {
  countedQty: number;
  current: TierInForce;
  /** The next cheaper tier and how much more the group must take to reach it; null at the last. */
  next: { minQty: number; priceLi: Li; remainingQty: number } | null;
}

export function tierProgress(pricing: CampaignPricing, countedQty: number): TierProgress {
  const current = tierInForce(pricing, countedQty);
  const next = pricing.tiers.find((tier) => tier.minQty > countedQty && tier.priceLi < current.priceLi);
  return { countedQty, current, next: next ? { minQty: next.minQty, priceLi: next.priceLi, remainingQty: next.minQty - countedQty } : null };
}

/** "再卖 12 斤降到 ¥25.00/斤", "已到最低价 ¥22.50/斤"; empty when the item has one price. */
export function progressText(progress: TierProgress, unit: string, hasTiers: boolean): string {
  if (!hasTiers) return '';
  if (progress.next) return `再卖 ${progress.next.remainingQty} ${unit}降到 ${formatLi(progress.next.priceLi)}/${unit}`;
  return `已到最低价 ${formatLi(progress.current.priceLi)}/${unit}`;
}

/** "¥30.00/斤，满50斤 ¥25.00/斤，满100斤 ¥22.50/斤" */
export function tiersText(pricing: CampaignPricing, unit: string): string {
  return [`${formatLi(pricing.priceLi)}/${unit}`, ...pricing.tiers.map((tier) => `满${tier.minQty}${unit} ${formatLi(tier.priceLi)}/${unit}`)].join('，');
}

/** The lowest price an item can reach (its last tier, or the campaign price): for share cards. */
export function lowestPriceLi(pricing: CampaignPricing): Li {
  return Math.min(pricing.priceLi, ...pricing.tiers.map((tier) => tier.priceLi));
}
