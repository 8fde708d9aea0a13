// The storefront: what anyone opening a shared card sees, even without a login.
import type { shopContract } from '@core/contracts';
import { AppError } from '@core/errors';
import { BUYER_VISIBLE_STATUSES, isVisibleToBuyers, toProductCard, toProductDetail } from '@core/catalog';
import type { ProductDoc, ShopDoc } from '@core/model';
import type { ActionImpls } from '../_shared/handler';
import { containing, database, findById, list, type Db } from '../_shared/db';
import { toDisplayUrls } from '../_shared/media';
import { cardForBuyers, detailForBuyers, shopForBuyers } from './display';

/** A storefront lists at most this many goods; the cloud returns at most 100 per get() anyway. */
const STOREFRONT_LIMIT = 100;

/** Goods buyers may see in a shop, and with a keyword only those whose name or description has it. */
function storefrontQuery(db: Db, shopId: string, keyword: string | undefined) {
  const _ = db.command;
  const visible = { shopId, status: _.in([...BUYER_VISIBLE_STATUSES]) };
  if (!keyword) return visible;
  const pattern = containing(db, keyword);
  return _.and([visible, _.or([{ name: pattern }, { description: pattern }])]);
}

export const storefrontActions: Pick<ActionImpls<typeof shopContract>, 'listProducts' | 'getProduct'> = {
  async listProducts({ shopId, keyword }) {
    const db = database();
    const shop = await findById<ShopDoc>(db, 'shops', shopId);
    if (!shop) throw new AppError('SHOP_NOT_FOUND');
    const products = await list<ProductDoc>(
      db.collection('products').where(storefrontQuery(db, shopId, keyword)).orderBy('sort', 'asc').limit(STOREFRONT_LIMIT),
    );
    const cards = products.map(toProductCard);
    const urls = await toDisplayUrls([shop.avatar, ...cards.map((card) => card.image)]);
    return { shop: shopForBuyers(shop, urls), products: cards.map((card) => cardForBuyers(card, urls)) };
  },

  async getProduct({ productId }) {
    const db = database();
    const product = await findById<ProductDoc>(db, 'products', productId);
    if (!product || !isVisibleToBuyers(product)) throw new AppError('PRODUCT_NOT_FOUND');
    const shop = await findById<ShopDoc>(db, 'shops', product.shopId);
    if (!shop) throw new AppError('PRODUCT_NOT_FOUND');
    const urls = await toDisplayUrls([shop.avatar, ...product.images]);
    return { shop: shopForBuyers(shop, urls), product: detailForBuyers(toProductDetail(product), urls) };
  },
};
