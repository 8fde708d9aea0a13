// What buyers read of 拼团 (public: a share card or a poster code opens without a login): a
// product's offer with its open groups closest to success, and a group's page. Masked names only.
import { OPEN_GROUPS_SHOWN, type GroupMemberPublic, type groupBuyContract } from '@core/contracts';
import { AppError } from '@core/errors';
import { maskName } from '@core/campaign-text';
import { isVisibleToBuyers, toShopPublic } from '@core/catalog';
import { GROUPS, groupSkuViews, joinProblem, missingOf, offerRunning, shareTitle, toGroupOfferPublic, type GroupDoc } from '@core/group-buy';
import type { OrderDoc } from '@core/model';
import type { ActionImpls } from '../_shared/handler';
import { database, list } from '../_shared/db';
import { toDisplayUrls } from '../_shared/media';
import { blockedReason, findGroup, findOffer, findProduct, findShop } from './store';

type Impls = ActionImpls<typeof groupBuyContract>;

/** Paid members in the order they paid, masked, with display URLs for their avatars. */
async function membersOf(groups: readonly GroupDoc[]): Promise<Map<string, GroupMemberPublic[]>> {
  const urls = await toDisplayUrls(groups.flatMap((group) => Object.values(group.seats).map((seat) => seat.avatar)).filter(Boolean));
  return new Map(
    groups.map((group) => [
      group._id,
      Object.values(group.seats)
        .filter((seat) => seat.state === 'paid')
        .sort((a, b) => (a.paidAt ?? 0) - (b.paidAt ?? 0))
        .map((seat) => ({ name: maskName(seat.name), avatar: seat.avatar ? (urls.get(seat.avatar) ?? '') : '', leader: seat.leader, paidAt: seat.paidAt ?? seat.at })),
    ]),
  );
}

export const buyerActions: Pick<Impls, 'productOffer' | 'getGroup'> = {
  async productOffer({ productId }, ctx) {
    const db = database();
    const product = await findProduct(db, productId);
    if (!product || !isVisibleToBuyers(product)) throw new AppError('PRODUCT_NOT_FOUND');
    const [offer, shop] = await Promise.all([findOffer(db, productId), findShop(db, product.shopId)]);
    const now = ctx.clock.now();
    // Buyers never see an offer the shop cannot refund by itself.
    if (!offer || !shop || blockedReason(shop) || !offerRunning(offer, now)) return { offer: null, groups: [] };
    const _ = db.command;
    const open = await list<GroupDoc>(db.collection(GROUPS).where({ offerId: offer._id, state: 'open', deadlineAt: _.gt(now) }).orderBy('paid', 'desc').orderBy('deadlineAt', 'asc').limit(OPEN_GROUPS_SHOWN * 4));
    // Closest to success first; a group whose seats are all held (payments pending) takes nobody now.
    const joinable = open.filter((group) => group.held < group.size).slice(0, OPEN_GROUPS_SHOWN);
    const members = await membersOf(joinable);
    return {
      offer: toGroupOfferPublic(offer, product),
      groups: joinable.map((group) => ({ id: group._id, missing: missingOf(group), deadlineAt: group.deadlineAt as number, members: members.get(group._id) ?? [] })),
    };
  },

  async getGroup({ groupId }, ctx) {
    const db = database();
    const group = await findGroup(db, groupId);
    // A forming group (its starter has not paid) is nobody else's business yet.
    if (!group || group.state === 'forming') throw new AppError('GROUP_NOT_FOUND');
    const [product, shop, mineOrders] = await Promise.all([
      findProduct(db, group.productId),
      findShop(db, group.shopId),
      ctx.openid ? list<OrderDoc>(db.collection('orders').where({ buyerOpenId: ctx.openid, 'group.groupId': groupId }).orderBy('createdAt', 'desc').limit(5)) : Promise.resolve([]),
    ]);
    if (!product || !shop) throw new AppError('GROUP_NOT_FOUND');
    const now = ctx.clock.now();
    const skus = groupSkuViews(group.skus, product);
    const lowestPriceLi = skus.length ? Math.min(...skus.map((sku) => sku.priceLi)) : 0;
    const [image] = (await toDisplayUrls(product.images.slice(0, 1))).values();
    const members = (await membersOf([group])).get(group._id) ?? [];
    const mineOrder = mineOrders.find((order) => group.seats[order._id]) ?? mineOrders[0];
    const seat: 'held' | 'paid' | 'left' | undefined = mineOrder && (mineOrder._id in group.seats ? group.seats[mineOrder._id].state : 'left');
    const mine = mineOrder?.group && seat ? { orderId: mineOrder._id, leader: mineOrder.group.leader, seat } : null;
    const offer = await findOffer(db, group.offerId);
    const problem = mine && mine.seat !== 'left' ? { message: '你已经在这个团里了' } : joinProblem(group, '', now) ?? (offer && !blockedReason(shop) ? null : { message: '这个团已经结束了，可以自己发起一个新团' });
    return {
      shop: toShopPublic(shop),
      product: { id: product._id, name: product.name, unit: product.unit, image: image ?? '' },
      group: {
        id: group._id,
        offerId: group.offerId,
        shopId: group.shopId,
        productId: group.productId,
        state: group.state,
        size: group.size,
        paidCount: group.paid,
        missing: group.state === 'succeeded' ? 0 : missingOf(group),
        deadlineAt: group.deadlineAt,
        members,
        skus,
        lowestPriceLi,
      },
      shareTitle: shareTitle(group, lowestPriceLi, product.name),
      mine,
      canJoin: { ok: problem === null, reason: problem?.message ?? null },
    };
  },
};
