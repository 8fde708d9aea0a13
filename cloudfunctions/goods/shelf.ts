// Day-to-day changes from the product list: put goods on or off the shelf, set a SKU's stock.
import type { goodsContract } from '@core/contracts';
import { AppError } from '@core/errors';
import { isVisibleToBuyers } from '@core/catalog';
import type { ProductDoc } from '@core/model';
import type { ActionImpls } from '../_shared/handler';
import { changedCount, database, findById } from '../_shared/db';
import { checkContent } from '../_shared/moderation';
import { managedProduct, requireComplete } from './products';
import { textFields } from '@core/goods';

export const shelfActions: Pick<ActionImpls<typeof goodsContract>, 'setStatus' | 'setStock'> = {
  async setStatus({ productId, status }, ctx) {
    const db = database();
    const product = await managedProduct(db, productId, ctx.openid);
    // Taking goods off the shelf is always allowed. Anything buyers will see (sold-out goods are
    // shown too) must be complete; hidden goods (drafts, goods off the shelf) may hold text never
    // checked or edited unchecked while hidden, so it is checked on the way out.
    if (isVisibleToBuyers({ status })) {
      requireComplete(product, 'product.');
      if (!isVisibleToBuyers(product)) await checkContent(textFields(product), ctx.openid, { pathPrefix: 'product.', whole: '商品文字' });
    }
    await db.collection('products').doc(productId).update({ data: { status, updatedAt: ctx.clock.now() } });
    return { status };
  },

  async setStock({ productId, skuId, stock }, ctx) {
    const db = database();
    const product = await managedProduct(db, productId, ctx.openid);
    if (!product.skus.some((sku) => sku.id === skuId)) throw new AppError('NOT_FOUND');
    // One positional update: the SKU's stock changes atomically, whatever else happens to the product.
    const updated = await changedCount(db.collection('products').where({ _id: productId, 'skus.id': skuId }).update({ data: { 'skus.$.stock': stock, updatedAt: ctx.clock.now() } }));
    if (updated === 0) {
      // Nothing changed: either the same numbers were written again, or the SKU was removed meanwhile.
      const current = await findById<ProductDoc>(db, 'products', productId);
      if (!current?.skus.some((sku) => sku.id === skuId)) throw new AppError('NOT_FOUND');
    }
    return { stock };
  },
};
