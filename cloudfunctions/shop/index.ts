// The shop function: a shop's storefront and goods.
import { shopContract } from '../../src/core/contracts';
import { AppError } from '../../src/core/errors';
import { isVisibleToBuyers, toProductCard, toProductDetail, toShopPublic } from '../../src/core/catalog';
import type { ProductDoc, ShopDoc } from '../../src/core/model';
import { createHandler } from '../_shared/handler';
import { database, findById, list } from '../_shared/db';

/** A storefront lists at most this many goods; the cloud returns at most 100 per get() anyway. */
const STOREFRONT_LIMIT = 100;

export const main = createHandler(shopContract, {
  async listProducts({ shopId }) {
    const db = database();
    const shop = await findById<ShopDoc>(db, 'shops', shopId);
    if (!shop) throw new AppError('SHOP_NOT_FOUND');
    const _ = db.command;
    const products = await list<ProductDoc>(
      db
        .collection('products')
        .where({ shopId, status: _.in(['on_sale', 'sold_out']) })
        .orderBy('sort', 'asc')
        .limit(STOREFRONT_LIMIT),
    );
    return { shop: toShopPublic(shop), products: products.map(toProductCard) };
  },

  async getProduct({ productId }) {
    const db = database();
    const product = await findById<ProductDoc>(db, 'products', productId);
    if (!product || !isVisibleToBuyers(product)) throw new AppError('PRODUCT_NOT_FOUND');
    const shop = await findById<ShopDoc>(db, 'shops', product.shopId);
    if (!shop) throw new AppError('PRODUCT_NOT_FOUND');
    return { shop: toShopPublic(shop), product: toProductDetail(product) };
  },
});
