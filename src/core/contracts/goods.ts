// The `goods` function: vendors list, edit, publish and restock their products.
import { z } from 'zod';
import { defineContract } from './define';
import { FileRef, Id, PriceLi, required } from './common';
import { ProductInput, ProductStatus, VendorProductRow } from './catalog';

const memberErrors = ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'] as const;
const productErrors = ['PRODUCT_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'] as const;

export const goodsContract = defineContract('goods', {
  listShopProducts: {
    access: 'user',
    input: z.object({ shopId: Id, status: ProductStatus.optional() }),
    output: z.object({ products: z.array(VendorProductRow) }),
    errors: memberErrors,
  },
  getForEdit: {
    access: 'user',
    input: z.object({ productId: Id }),
    output: z.object({ productId: Id, shopId: Id, status: ProductStatus, product: ProductInput }),
    errors: productErrors,
  },
  /**
   * Creates (no productId) or updates a product; `publish` puts it on sale after the content check.
   * TIMEOUT when the content check could not run: nothing unchecked is ever published.
   */
  save: {
    access: 'user',
    input: z.object({ shopId: Id, productId: Id.optional(), product: ProductInput, publish: z.boolean() }),
    output: z.object({ productId: Id, status: ProductStatus }),
    errors: [...memberErrors, 'PRODUCT_NOT_FOUND', 'PRODUCT_INCOMPLETE', 'CONTENT_REJECTED', 'TIMEOUT'],
  },
  /** The one-screen fast path: one photo, name, price, unit and stock, published at once. */
  quickCreate: {
    access: 'user',
    input: z.object({
      shopId: Id,
      image: FileRef.pipe(z.string().min(1, '请先拍一张商品照片')),
      name: required(40),
      priceLi: PriceLi.pipe(z.number().min(1, '请填写价格')),
      unit: required(4),
      stock: z.number().int().nonnegative().max(100_000_000),
    }),
    output: z.object({ productId: Id }),
    errors: [...memberErrors, 'CONTENT_REJECTED', 'TIMEOUT'],
  },
  setStatus: {
    access: 'user',
    input: z.object({ productId: Id, status: z.enum(['on_sale', 'sold_out', 'off_shelf']) }),
    output: z.object({ status: ProductStatus }),
    errors: [...productErrors, 'PRODUCT_INCOMPLETE', 'CONTENT_REJECTED', 'TIMEOUT'],
  },
  setStock: {
    access: 'user',
    input: z.object({ productId: Id, skuId: Id, stock: z.number().int().nonnegative().max(100_000_000) }),
    output: z.object({ stock: z.number().int().nonnegative() }),
    errors: [...productErrors, 'NOT_FOUND'],
  },
});
