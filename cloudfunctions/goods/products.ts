// Loading and storing products for vendors: every read of one product goes through the caller's
// role in the product's own shop, so no shop ever reaches another's goods.
import { AppError } from '@core/errors';
import type { ProductInput, Sku } from '@core/contracts';
import type { ProductDoc, ProductStatus } from '@core/model';
import { requirePermission } from '../_shared/auth';
import { findById, list, type Db } from '../_shared/db';
import { randomCode } from '../_shared/codes';
import { publishProblems, type ProductFields } from '@core/goods';

/** The server returns at most 100 documents per get(). */
const PAGE_SIZE = 100;
const SKU_ID_LENGTH = 6;

export const newSkuId = (): string => randomCode(SKU_ID_LENGTH);

/**
 * A product the caller may manage. A product of a shop that no longer exists is as good as gone,
 * so it answers PRODUCT_NOT_FOUND rather than SHOP_NOT_FOUND.
 */
export async function managedProduct(db: Db, productId: string, openid: string): Promise<ProductDoc> {
  const product = await findById<ProductDoc>(db, 'products', productId);
  if (!product) throw new AppError('PRODUCT_NOT_FOUND');
  try {
    await requirePermission(db, product.shopId, openid, 'manageGoods');
  } catch (err) {
    if (err instanceof AppError && err.code === 'SHOP_NOT_FOUND') throw new AppError('PRODUCT_NOT_FOUND');
    throw err;
  }
  return product;
}

/** A product of this shop, or PRODUCT_NOT_FOUND: another shop's product is never revealed. */
export async function productInShop(db: Db, productId: string, shopId: string): Promise<ProductDoc> {
  const product = await findById<ProductDoc>(db, 'products', productId);
  if (!product || product.shopId !== shopId) throw new AppError('PRODUCT_NOT_FOUND');
  return product;
}

/** Every product of a shop (optionally of one status) in display order, fetched page by page. */
export async function shopProducts(db: Db, shopId: string, status: ProductStatus | undefined): Promise<ProductDoc[]> {
  const where = status ? { shopId, status } : { shopId };
  const all: ProductDoc[] = [];
  for (;;) {
    const page = await list<ProductDoc>(
      db.collection('products').where(where).orderBy('sort', 'asc').orderBy('updatedAt', 'desc').skip(all.length).limit(PAGE_SIZE),
    );
    all.push(...page);
    if (page.length < PAGE_SIZE) return all;
  }
}

/** The next display position: new goods go to the end of the shop. */
export async function nextSort(db: Db, shopId: string): Promise<number> {
  const [last] = await list<ProductDoc>(db.collection('products').where({ shopId }).orderBy('sort', 'desc').limit(1));
  return (last?.sort ?? 0) + 1;
}

/** Throws PRODUCT_INCOMPLETE, saying what to add, unless buyers may see the product as it is. */
export function requireComplete(product: Pick<ProductFields, 'images' | 'skus'>, pathPrefix: string): void {
  const problems = publishProblems(product);
  if (problems.length === 0) return;
  const message = `商品信息还不完整：${problems.map((problem) => problem.message).join('；')}`;
  throw new AppError('PRODUCT_INCOMPLETE', message, problems.map(({ path, message: text }) => ({ path: pathPrefix + path, message: text })));
}

/** The edit form's view of a stored product. */
export function toProductInput(product: ProductDoc): ProductInput {
  const { name, unit, description, images, ship, perishable } = product;
  const skus = product.skus.map(({ id, spec, priceLi, stock, tiers, minQty, stepQty }): Sku => ({ id, spec, priceLi, stock, tiers, minQty, stepQty }));
  return { name, unit, description, images, skus, ship, perishable };
}
