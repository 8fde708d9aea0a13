// Ordering in a campaign: whether a buyer may order these lines now (open, in the campaign, within
// the per-buyer limit and the cap), and the product and shop as checkout should price them, so
// placement reuses priceOrder: the item's tier in force replaces the product's own bulk tiers.
import type { CheckoutShop } from './checkout';
import type { CampaignPriceSource } from './contracts/campaigns';
import { tierInForce, type TierInForce } from './campaign-pricing';
import { campaignState, itemOf, type CampaignDoc, type CampaignItem } from './campaigns';
import { ERROR_MESSAGES } from './errors';
import type { ProductDoc } from './model';

export interface CampaignOrderLine {
  productId: string;
  skuId: string;
  quantity: number;
}

export type CampaignOrderProblem =
  | { code: 'CAMPAIGN_NOT_FOUND' | 'CAMPAIGN_NOT_STARTED' | 'CAMPAIGN_ENDED'; message: string }
  | { code: 'CAMPAIGN_ITEM_NOT_FOUND'; productId: string; skuId: string; message: string }
  | { code: 'CAMPAIGN_LIMIT_EXCEEDED' | 'CAMPAIGN_SOLD_OUT'; productId: string; skuId: string; itemId: string; left: number; message: string };

export interface CampaignOrderCheck {
  campaign: CampaignDoc;
  now: number;
  lines: readonly CampaignOrderLine[];
  /** What this buyer already holds per item id (the campaign's per-buyer counter, orders/campaign-orders takenByBuyer). */
  taken: Readonly<Record<string, number>>;
  /** For names and units in messages. */
  products: readonly Pick<ProductDoc, '_id' | 'name' | 'unit'>[];
}

/**
 * Whether a buyer may order these lines in the campaign now: open, every SKU in it, within the
 * per-buyer limit and the campaign's cap. The cap is advice here: the handler takes it with a
 * conditional update, as stock is taken. Every problem is collected, as priceOrder does.
 */
export function campaignOrderProblems(check: CampaignOrderCheck): CampaignOrderProblem[] {
  const { campaign, now, lines, taken, products } = check;
  const state = campaignState(campaign, now);
  if (state === 'draft') return [{ code: 'CAMPAIGN_NOT_FOUND', message: ERROR_MESSAGES.CAMPAIGN_NOT_FOUND }];
  if (state === 'scheduled') return [{ code: 'CAMPAIGN_NOT_STARTED', message: ERROR_MESSAGES.CAMPAIGN_NOT_STARTED }];
  if (state === 'ended') return [{ code: 'CAMPAIGN_ENDED', message: ERROR_MESSAGES.CAMPAIGN_ENDED }];
  const problems: CampaignOrderProblem[] = [];
  const wanted: Record<string, number> = {};
  const firstLine: Record<string, CampaignOrderLine> = {};
  for (const line of lines) {
    const item = itemOf(campaign, line.productId, line.skuId);
    if (!item) {
      problems.push({ code: 'CAMPAIGN_ITEM_NOT_FOUND', productId: line.productId, skuId: line.skuId, message: ERROR_MESSAGES.CAMPAIGN_ITEM_NOT_FOUND });
      continue;
    }
    wanted[item.id] = (wanted[item.id] ?? 0) + line.quantity;
    firstLine[item.id] ??= line;
  }
  for (const item of campaign.items) {
    const quantity = wanted[item.id];
    if (quantity === undefined) continue;
    const { productId, skuId } = firstLine[item.id];
    const product = products.find((candidate) => candidate._id === item.productId);
    const label = product ? `“${product.name}”` : '这件商品';
    const unit = product?.unit ?? '';
    if (item.limitPerBuyer !== null) {
      const left = Math.max(0, item.limitPerBuyer - (taken[item.id] ?? 0));
      if (quantity > left) {
        const message = left === 0 ? `${label}每人限购${item.limitPerBuyer}${unit}，你已经买够了` : `${label}每人限购${item.limitPerBuyer}${unit}，你还能买${left}${unit}`;
        problems.push({ code: 'CAMPAIGN_LIMIT_EXCEEDED', productId, skuId, itemId: item.id, left, message });
      }
    }
    const capLeft = capLeftOf(campaign, item);
    if (capLeft !== null && quantity > capLeft) {
      const message = capLeft === 0 ? `${label}在这个团里已经抢光了` : `${label}在这个团里只剩${capLeft}${unit}了`;
      problems.push({ code: 'CAMPAIGN_SOLD_OUT', productId, skuId, itemId: item.id, left: capLeft, message });
    }
  }
  return problems;
}

/** What the campaign can still sell of an item; null without a cap. */
export function capLeftOf(campaign: Pick<CampaignDoc, 'taken'>, item: CampaignItem): number | null {
  return item.stockCap === null ? null : Math.max(0, item.stockCap - (campaign.taken[item.id] ?? 0));
}

/** The tier an item is sold at now: from the group total counted so far. */
export function currentTier(campaign: Pick<CampaignDoc, 'counted'>, item: CampaignItem): TierInForce {
  return tierInForce(item, campaign.counted[item.id] ?? 0);
}

/**
 * The product as checkout should price it inside the campaign (pass it to priceOrder): only the
 * campaign's SKUs, each at its item's tier in force, with the product's per-order bulk tiers
 * removed (the group tiers replace them). Stock, minimum and step stay the product's.
 */
export function campaignPricedProduct<P extends Pick<ProductDoc, '_id' | 'skus'>>(product: P, campaign: Pick<CampaignDoc, 'items' | 'counted'>): P {
  const skus = product.skus.flatMap((sku) => {
    const item = itemOf(campaign, product._id, sku.id);
    return item ? [{ ...sku, priceLi: currentTier(campaign, item).priceLi, tiers: [] }] : [];
  });
  return { ...product, skus };
}

/** The shop as checkout should see it inside the campaign: only the fulfilment the campaign offers. */
export function campaignCheckoutShop(shop: CheckoutShop, campaign: Pick<CampaignDoc, 'fulfilment'>): CheckoutShop {
  const { express, local, pickup } = shop.fulfilment;
  const points = pickup.enabled ? pickup.points.filter((point) => campaign.fulfilment.pickupPointIds.includes(point.id)) : [];
  return {
    ...shop,
    fulfilment: {
      express: { ...express, enabled: express.enabled && campaign.fulfilment.express },
      local: { ...local, enabled: local.enabled && campaign.fulfilment.local },
      pickup: { enabled: points.length > 0, points },
    },
  };
}

/** Where a campaign line's price came from (for the order line's snapshot); null for a SKU outside the campaign. */
export function campaignPriceSource(campaign: Pick<CampaignDoc, '_id' | 'items' | 'counted'>, productId: string, skuId: string): CampaignPriceSource | null {
  const item = itemOf(campaign, productId, skuId);
  return item ? { kind: 'campaign', campaignId: campaign._id, itemId: item.id, minQty: currentTier(campaign, item).minQty } : null;
}
