// The share function: short share codes, visit attribution, poster codes and group texts.
// No reward is ever tied to sharing: WeChat forbids induced sharing.
import cloud from 'wx-server-sdk';
import { shareContract } from '@core/contracts';
import { AppError } from '@core/errors';
import { isVisibleToBuyers } from '@core/catalog';
import type { ProductDoc, ShareRefDoc } from '@core/model';
import { groupText, sharePath, targetPage } from '@core/share';
import { createHandler } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { database, findById, list } from '../_shared/db';
import { refFor } from '../_shared/share-refs';
import { checkTarget } from './refs';
import { nameGroup, recordVisit } from './visits';
import { shopStats } from './stats';

export const main = createHandler(shareContract, {
  async createRef({ shopId, target }, ctx) {
    const db = database();
    await checkTarget(db, shopId, target);
    const ref = await refFor(db, shopId, ctx.openid, target, ctx.clock.now());
    return { code: ref._id, path: sharePath(shopId, target, ref._id) };
  },

  async resolve({ code }) {
    const ref = await findById<ShareRefDoc>(database(), 'shareRefs', code);
    if (!ref) throw new AppError('SHARE_CODE_NOT_FOUND');
    return { shopId: ref.shopId, target: ref.target, path: sharePath(ref.shopId, ref.target, ref._id) };
  },

  async recordVisit(input, ctx) {
    const db = database();
    await checkTarget(db, input.shopId, input.target);
    await recordVisit(db, input, ctx.openid, ctx.clock.now());
    return {};
  },

  async posterCode({ shopId, target }, ctx) {
    const db = database();
    await checkTarget(db, shopId, target);
    const ref = await refFor(db, shopId, ctx.openid, target, ctx.clock.now());
    // The code's scene is the short code alone; the page resolves it back to shop and target.
    const { buffer } = (await cloud.openapi.wxacode.getUnlimited({ scene: ref._id, page: targetPage(target), checkPath: false })) as {
      buffer: Buffer;
    };
    return { code: ref._id, png: `data:image/png;base64,${Buffer.from(buffer).toString('base64')}` };
  },

  async groupText({ shopId, productIds }, ctx) {
    const db = database();
    const { shop } = await requirePermission(db, shopId, ctx.openid, 'share');
    const found = await list<ProductDoc>(db.collection('products').where({ _id: db.command.in(productIds), shopId }).limit(100));
    const byId = new Map(found.filter(isVisibleToBuyers).map((product) => [product._id, product]));
    const products = productIds.map((id) => byId.get(id));
    if (products.some((product) => !product)) throw new AppError('PRODUCT_NOT_FOUND');
    const ref = await refFor(db, shopId, ctx.openid, { kind: 'shop' }, ctx.clock.now());
    const text = groupText({ shopName: shop.name, products: products as ProductDoc[], path: sharePath(shopId, { kind: 'shop' }, ref._id), now: ctx.clock.now() });
    return { text };
  },

  async stats({ shopId, since }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'viewStats');
    return shopStats(db, shopId, since);
  },

  async nameGroup({ shopId, openGId, name }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'viewStats');
    await nameGroup(db, shopId, openGId, name, ctx.clock.now());
    return {};
  },
});
