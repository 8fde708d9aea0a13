import { z } from 'zod';
import { defineContract } from './define';
import { EpochMs, Id, PriceLi } from './common';

export const ShipRule = z.discriminatedUnion('kind', [
  /** In stock: ships within N days of payment. */
  z.object({ kind: z.literal('days'), days: z.number().int().min(0).max(60) }),
  /** Pre-sale: ships on a date, e.g. after the harvest. */
  z.object({ kind: z.literal('presale'), shipAt: EpochMs }),
]);
export type ShipRule = z.infer<typeof ShipRule>;

export const ShopPublic = z.object({
  id: Id,
  name: z.string(),
  intro: z.string(),
  avatar: z.string(),
});
export type ShopPublic = z.infer<typeof ShopPublic>;

export const Sku = z.object({
  id: Id,
  spec: z.string(),
  priceLi: PriceLi,
  stock: z.number().int().nonnegative(),
});
export type Sku = z.infer<typeof Sku>;

export const ProductCard = z.object({
  id: Id,
  name: z.string(),
  /** 斤, 件, 条, 盒... */
  unit: z.string(),
  image: z.string(),
  /** The lowest SKU unit price, for "¥58.00 起". */
  fromPriceLi: PriceLi,
  ship: ShipRule,
  soldOut: z.boolean(),
});
export type ProductCard = z.infer<typeof ProductCard>;

export const ProductDetail = ProductCard.extend({
  images: z.array(z.string()),
  description: z.string(),
  skus: z.array(Sku),
});
export type ProductDetail = z.infer<typeof ProductDetail>;

export const shopContract = defineContract('shop', {
  listProducts: {
    access: 'public',
    input: z.object({ shopId: Id }),
    output: z.object({ shop: ShopPublic, products: z.array(ProductCard) }),
    errors: ['SHOP_NOT_FOUND'],
  },
  getProduct: {
    access: 'public',
    input: z.object({ productId: Id }),
    output: z.object({ shop: ShopPublic, product: ProductDetail }),
    errors: ['PRODUCT_NOT_FOUND'],
  },
});
