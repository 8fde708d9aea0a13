// Creating and editing goods. Text only goes public after WeChat's content check, and only
// complete goods (a photo, a price for every SKU) go public at all.
import type { goodsContract } from '@core/contracts';
import { isVisibleToBuyers } from '@core/catalog';
import type { ProductDoc, ProductStatus } from '@core/model';
import type { ActionImpls } from '../_shared/handler';
import { AppError } from '@core/errors';
import { requirePermission } from '../_shared/auth';
import { inTransaction } from '../_shared/transaction';
import { database, type Db } from '../_shared/db';
import { checkContent } from '../_shared/moderation';
import { newSkuId, nextSort, productInShop, requireComplete } from './products';
import { hasNewText, publishedStatus, textFields, toStoredSkus, type ProductFields } from '@core/goods';

/** The fast path ships within two days, like most goods already in stock. */
const QUICK_SHIP_DAYS = 2;

async function createProduct(db: Db, shopId: string, fields: ProductFields, status: ProductStatus, now: number): Promise<string> {
  const doc: Omit<ProductDoc, '_id'> = { ...fields, shopId, status, sort: await nextSort(db, shopId), createdAt: now, updatedAt: now };
  const { _id } = (await db.collection('products').add({ data: doc })) as { _id: string };
  return _id;
}

export const editActions: Pick<ActionImpls<typeof goodsContract>, 'save' | 'quickCreate'> = {
  async save({ shopId, productId, product, publish }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'manageGoods');
    const stored = productId === undefined ? null : await productInShop(db, productId, shopId);
    const fields: ProductFields = { ...product, skus: toStoredSkus(product.skus, stored?.skus ?? [], newSkuId) };
    // Saving without publishing keeps the status; a product already on sale stays on sale, so its
    // edits must meet the same bar as publishing or they would reach buyers unchecked.
    const status = publish ? publishedStatus(fields.skus) : (stored?.status ?? 'draft');
    if (isVisibleToBuyers({ status })) {
      requireComplete(fields, 'product.');
      if (publish || (stored && hasNewText(stored, fields))) await checkContent(textFields(fields), ctx.openid, { pathPrefix: 'product.', whole: '商品文字' });
    }

    const now = ctx.clock.now();
    if (!stored) return { productId: await createProduct(db, shopId, fields, status, now), status };
    // Stock moves under buyers' feet (orders take it with atomic updates), so the SKUs are
    // recomputed from a fresh read and written in one transaction: a sale in between makes the
    // commit conflict and the SDK runs it again, never writing back stock that was already sold.
    const saved = await inTransaction(async (tx) => {
      const products = tx.collection<ProductDoc>('products');
      const { data: current } = await products.doc(stored._id).get();
      if (!current) throw new AppError('PRODUCT_NOT_FOUND');
      const skus = toStoredSkus(product.skus, current.skus, newSkuId);
      const next = publish ? publishedStatus(skus) : current.status;
      const _ = db.command;
      // _.set replaces each part whole; a plain object would be merged field by field by the SDK.
      await products.doc(stored._id).update({
        data: {
          name: fields.name,
          unit: fields.unit,
          description: fields.description,
          images: _.set(fields.images),
          skus: _.set(skus),
          ship: _.set(fields.ship),
          perishable: _.set(fields.perishable),
          status: next,
          updatedAt: now,
        },
      });
      return next;
    });
    return { productId: stored._id, status: saved };
  },

  async quickCreate({ shopId, image, name, priceLi, unit, stock }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'manageGoods');
    const fields: ProductFields = {
      name,
      unit,
      description: '',
      images: [image],
      skus: toStoredSkus([{ spec: '', priceLi, stock, tiers: [], minQty: 1, stepQty: 1 }], [], newSkuId),
      ship: { kind: 'days', days: QUICK_SHIP_DAYS },
      perishable: null,
    };
    // The schema already demands the photo and a price, so only the text can stop it here.
    await checkContent(textFields(fields), ctx.openid, { pathPrefix: '', whole: '商品文字' });
    return { productId: await createProduct(db, shopId, fields, publishedStatus(fields.skus), ctx.clock.now()) };
  },
};
