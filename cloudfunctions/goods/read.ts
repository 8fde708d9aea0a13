// What vendors read: the whole product list (drafts and goods off the shelf included) and one
// product as the edit form holds it.
import type { goodsContract, VendorProductRow } from '@core/contracts';
import { fromPriceLi } from '@core/catalog';
import type { ProductDoc } from '@core/model';
import type { ActionImpls } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { database } from '../_shared/db';
import { toDisplayUrls } from '../_shared/media';
import { managedProduct, shopProducts, toProductInput } from './products';

function toRow(product: ProductDoc, urls: Map<string, string>): VendorProductRow {
  const image = product.images[0] ?? '';
  return {
    id: product._id,
    name: product.name,
    unit: product.unit,
    image: urls.get(image) ?? image,
    status: product.status,
    fromPriceLi: fromPriceLi(product),
    totalStock: product.skus.reduce((sum, sku) => sum + sku.stock, 0),
    skus: product.skus.map(({ id, spec, stock }) => ({ id, spec, stock })),
    updatedAt: product.updatedAt,
  };
}

export const readActions: Pick<ActionImpls<typeof goodsContract>, 'listShopProducts' | 'getForEdit'> = {
  async listShopProducts({ shopId, status }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'viewGoods');
    const products = await shopProducts(db, shopId, status);
    // Thumbnails stored as cloud fileIDs cannot be shown outside the mini-program (H5): URLs instead.
    const urls = await toDisplayUrls(products.map((product) => product.images[0] ?? ''));
    return { products: products.map((product) => toRow(product, urls)) };
  },

  async getForEdit({ productId }, ctx) {
    const product = await managedProduct(database(), productId, ctx.openid);
    // Image refs stay as stored: the form sends them back on save.
    return { productId: product._id, shopId: product.shopId, status: product.status, product: toProductInput(product) };
  },
};
