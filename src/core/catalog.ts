// Pure catalog rules: how a stored product is shown to buyers.
import type { ProductCard, ProductDetail } from './contracts/catalog';
import type { ShopPublic } from './contracts/shop';
import type { ProductDoc, ShopDoc } from './model';

export function toShopPublic(shop: ShopDoc): ShopPublic {
  return { id: shop._id, name: shop.name, intro: shop.intro, avatar: shop.avatar, contact: shop.contact };
}

/** The lowest SKU unit price, shown as "from" on cards. */
export function fromPriceLi(product: Pick<ProductDoc, 'skus'>): number {
  return product.skus.length ? Math.min(...product.skus.map((sku) => sku.priceLi)) : 0;
}

export function isSoldOut(product: Pick<ProductDoc, 'skus' | 'status'>): boolean {
  return product.status === 'sold_out' || product.skus.every((sku) => sku.stock <= 0);
}

export function toProductCard(product: ProductDoc): ProductCard {
  return {
    id: product._id,
    name: product.name,
    unit: product.unit,
    image: product.images[0] ?? '',
    fromPriceLi: fromPriceLi(product),
    ship: product.ship,
    soldOut: isSoldOut(product),
  };
}

export function toProductDetail(product: ProductDoc): ProductDetail {
  return {
    ...toProductCard(product),
    images: product.images,
    description: product.description,
    skus: product.skus,
    perishable: product.perishable,
  };
}

/** Buyers see goods that are on sale or sold out; drafts and goods taken off the shelf stay hidden. */
export const BUYER_VISIBLE_STATUSES: readonly ProductDoc['status'][] = ['on_sale', 'sold_out'];

export function isVisibleToBuyers(product: Pick<ProductDoc, 'status'>): boolean {
  return BUYER_VISIBLE_STATUSES.includes(product.status);
}
