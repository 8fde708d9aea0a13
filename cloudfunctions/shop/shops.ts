// Opening a shop, and the shops a person works in.
import type { shopContract } from '@core/contracts';
import { AppError } from '@core/errors';
import { memberId, type MemberDoc, type ShopDoc } from '@core/model';
import { defaultShopSettings, MAX_SHOPS_PER_OWNER } from '@core/shops';
import type { ActionImpls } from '../_shared/handler';
import { database, list } from '../_shared/db';
import { toDisplayUrls } from '../_shared/media';
import { shopForBuyers } from './display';
import { inTransaction } from '../_shared/transaction';

/** One get() returns at most 100 documents on the server. */
const MEMBERSHIP_LIMIT = 100;

export const shopActions: Pick<ActionImpls<typeof shopContract>, 'createShop' | 'myShops'> = {
  async createShop({ name, ownerName }, ctx) {
    const db = database();
    // Counted outside the transaction: CloudBase transactions cannot run queries.
    const { total } = (await db.collection('shops').where({ ownerOpenId: ctx.openid }).count()) as { total: number };
    if (total >= MAX_SHOPS_PER_OWNER) throw new AppError('SHOP_LIMIT');
    const now = ctx.clock.now();
    // A shop without its owner's membership could never be managed: both or neither.
    const shopId = await inTransaction(async (tx) => {
      const { _id } = await tx
        .collection<ShopDoc>('shops')
        .add({ data: { ...defaultShopSettings(name), ownerOpenId: ctx.openid, createdAt: now, updatedAt: now } });
      await tx
        .collection<MemberDoc>('members')
        .add({ data: { _id: memberId(_id, ctx.openid), shopId: _id, openid: ctx.openid, name: ownerName, role: 'owner', joinedAt: now } });
      return _id;
    });
    return { shopId };
  },

  async myShops(_input, ctx) {
    const db = database();
    const memberships = await list<MemberDoc>(db.collection('members').where({ openid: ctx.openid }).orderBy('joinedAt', 'asc').limit(MEMBERSHIP_LIMIT));
    if (memberships.length === 0) return { shops: [] };
    const shops = await list<ShopDoc>(
      db
        .collection('shops')
        .where({ _id: db.command.in(memberships.map((member) => member.shopId)) })
        .limit(MEMBERSHIP_LIMIT),
    );
    const byId = new Map(shops.map((shop) => [shop._id, shop]));
    const urls = await toDisplayUrls(shops.map((shop) => shop.avatar));
    return {
      shops: memberships.flatMap((member) => {
        const shop = byId.get(member.shopId);
        return shop ? [{ shop: shopForBuyers(shop, urls), role: member.role }] : [];
      }),
    };
  },
};
