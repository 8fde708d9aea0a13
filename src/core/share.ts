// Pure sharing rules: where a share target opens, and the text a vendor pastes into a group.
import type { ShareTarget } from './contracts/share';
import type { ProductDoc } from './model';
import { formatLi } from './money';
import { fromPriceLi, isSoldOut } from './catalog';
import { shipNote } from './ship';
import { ROUTES, routes } from './routes';

/** Codes people may read aloud: unambiguous characters only (no 0/O, 1/I/l). */
export const CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const SHARE_CODE_LENGTH = 10;

/** The page a target opens on (a mini-program code names the page alone, without a query). */
export function targetPage(target: ShareTarget): string {
  return ROUTES[target.kind === 'group' ? 'groupBuy' : target.kind].page;
}

/** The path a share card opens: the target page with the share code as `ref`. */
export function sharePath(shopId: string, target: ShareTarget, code: string): string {
  switch (target.kind) {
    case 'product':
      return routes.product({ productId: target.productId, ref: code });
    case 'campaign':
      return routes.campaign({ campaignId: target.campaignId, ref: code });
    case 'group':
      return routes.groupBuy({ groupId: target.groupId, ref: code });
    case 'live':
      return routes.live({ showId: target.showId, itemId: target.itemId, ref: code });
    case 'shop':
      return routes.shop({ shopId, ref: code });
  }
}

export function sameTarget(a: ShareTarget, b: ShareTarget): boolean {
  if (a.kind === 'product' && b.kind === 'product') return a.productId === b.productId;
  if (a.kind === 'campaign' && b.kind === 'campaign') return a.campaignId === b.campaignId;
  if (a.kind === 'group' && b.kind === 'group') return a.groupId === b.groupId;
  if (a.kind === 'live' && b.kind === 'live') return a.showId === b.showId && a.itemId === b.itemId;
  return a.kind === 'shop' && b.kind === 'shop';
}

export interface GroupTextInput {
  shopName: string;
  products: ProductDoc[];
  path: string;
  now: number;
}

/** One line per product: name, price per unit, bulk and minimum notes, when it ships. */
function productLine(product: ProductDoc, index: number, now: number): string {
  const sku = product.skus.find((candidate) => candidate.priceLi === fromPriceLi(product)) ?? product.skus[0];
  const pricesDiffer = new Set(product.skus.map((candidate) => candidate.priceLi)).size > 1;
  const parts = [`${index + 1}. ${product.name} ${formatLi(fromPriceLi(product))}/${product.unit}${pricesDiffer ? '起' : ''}`];
  const tier = sku?.tiers[0];
  if (tier) parts.push(`${tier.minQty}${product.unit}起 ${formatLi(tier.priceLi)}/${product.unit}`);
  if (sku && sku.minQty > 1) parts.push(`${sku.minQty}${product.unit}起卖`);
  parts.push(isSoldOut(product) ? '已售完' : shipNote(product.ship, now));
  return parts.join('，');
}

/** "群发文案": ready to paste into a WeChat group. Plain text, no emoji, one product per line. */
export function groupText({ shopName, products, path, now }: GroupTextInput): string {
  return [
    `【${shopName}】好货上新`,
    ...products.map((product, index) => productLine(product, index, now)),
    '下单：点群里的小程序卡片，或在微信里搜小程序打开本店。',
    `小程序路径：${path}`,
  ].join('\n');
}
