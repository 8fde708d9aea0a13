// Goods as buyers see them and as vendors edit them.
import { z } from 'zod';
import { tierProblem } from '../pricing';
import { EpochMs, FileRef, Id, PriceLi, required, text } from './common';

export const ShipRule = z.discriminatedUnion('kind', [
  /** In stock: ships within N days of payment. */
  z.object({ kind: z.literal('days'), days: z.number().int().min(0).max(60) }),
  /** Pre-sale: ships on a date, e.g. after the harvest. */
  z.object({ kind: z.literal('presale'), shipAt: EpochMs }),
]);
export type ShipRule = z.infer<typeof ShipRule>;

export const PriceTier = z.object({ minQty: z.number().int().min(2).max(100_000_000), priceLi: PriceLi });

const skuFields = {
  spec: text(20),
  priceLi: PriceLi,
  stock: z.number().int().nonnegative().max(100_000_000),
  /** Lower unit prices from a quantity on, ascending and each cheaper. */
  tiers: z.array(PriceTier).max(5).default([]),
  /** Sold only from this quantity (100条起) and in steps of stepQty. */
  minQty: z.number().int().min(1).max(100_000_000).default(1),
  stepQty: z.number().int().min(1).max(100_000_000).default(1),
};

export const Sku = z.object({ id: Id, ...skuFields });
export type Sku = z.infer<typeof Sku>;

/**
 * A SKU as a vendor submits it: a new one has no id yet. `stockSeen` is the stock the editor
 * showed for an existing SKU: the save moves stock by (stock - stockSeen), so what buyers took
 * while the vendor was editing stays taken.
 */
export const SkuInput = z
  .object({ id: Id.optional(), ...skuFields, stockSeen: z.number().int().nonnegative().max(100_000_000).optional() })
  .superRefine((sku, ctx) => {
    const problem = tierProblem(sku);
    if (problem) ctx.addIssue({ code: 'custom', path: ['tiers'], message: problem });
  });
export type SkuInput = z.input<typeof SkuInput>;

export const Perishable = z.object({ shelfLifeDays: z.number().int().min(1).max(3650) });

export const ProductStatus = z.enum(['draft', 'on_sale', 'sold_out', 'off_shelf']);
export type ProductStatus = z.infer<typeof ProductStatus>;

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
  perishable: Perishable.nullable(),
});
export type ProductDetail = z.infer<typeof ProductDetail>;

/** Everything a vendor edits about a product. */
export const ProductInput = z.object({
  name: required(40),
  unit: required(4),
  description: text(1000),
  images: z.array(FileRef.pipe(z.string().min(1))).max(9),
  skus: z.array(SkuInput).min(1).max(20),
  ship: ShipRule,
  perishable: Perishable.nullable(),
});
export type ProductInput = z.input<typeof ProductInput>;

/** A row of the vendor's product list. */
export const VendorProductRow = z.object({
  id: Id,
  name: z.string(),
  unit: z.string(),
  image: z.string(),
  status: ProductStatus,
  fromPriceLi: PriceLi,
  totalStock: z.number().int().nonnegative(),
  skus: z.array(z.object({ id: Id, spec: z.string(), stock: z.number().int().nonnegative() })),
  updatedAt: EpochMs,
});
export type VendorProductRow = z.infer<typeof VendorProductRow>;
