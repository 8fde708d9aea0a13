// What a shop's owner and staff do with 拼团: set or remove a product's offer, and read its groups
// by state with members and amounts. Every action checks the caller's role in the product's shop.
import type { GroupMemberRow, groupBuyContract, GroupState, GroupVendorRow } from '@core/contracts';
import { AppError } from '@core/errors';
import { GROUP_OFFERS, GROUPS, groupOfferProblem, offerStatus, toGroupOfferPublic, type GroupDoc, type GroupOfferDoc } from '@core/group-buy';
import type { OrderDoc, ProductDoc, ShopDoc } from '@core/model';
import { sumFen } from '@core/money';
import type { Permission } from '@core/shops';
import type { ActionImpls } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { database, list, type Db } from '../_shared/db';
import { blockedReason, findOffer, findProduct } from './store';

type Impls = ActionImpls<typeof groupBuyContract>;
const STATES: GroupState[] = ['forming', 'open', 'succeeded', 'failed'];
const PAGE = 100;

/** The product and its shop, for a member allowed to do this; a product of no shop of theirs is not found. */
async function vendorProduct(db: Db, productId: string, openid: string, permission: Permission): Promise<{ product: ProductDoc; shop: ShopDoc }> {
  const product = await findProduct(db, productId);
  if (!product) throw new AppError('PRODUCT_NOT_FOUND');
  try {
    return { product, shop: (await requirePermission(db, product.shopId, openid, permission)).shop };
  } catch (err) {
    if (err instanceof AppError && err.code === 'SHOP_NOT_FOUND') throw new AppError('PRODUCT_NOT_FOUND');
    throw err;
  }
}

async function countsOf(db: Db, offerId: string): Promise<Partial<Record<GroupState, number>>> {
  const totals = await Promise.all(STATES.map(async (state) => ((await db.collection(GROUPS).where({ offerId, state }).count()) as { total: number }).total));
  return Object.fromEntries(STATES.map((state, index) => [state, totals[index]]).filter(([, total]) => total));
}

async function vendorView(db: Db, offer: GroupOfferDoc, product: ProductDoc, now: number) {
  return { ...toGroupOfferPublic(offer, product), status: offerStatus(offer, now), counts: await countsOf(db, offer._id), updatedAt: offer.updatedAt };
}

/** The cursor is how many groups the caller has already seen: only the digits this function hands out, or the database refuses the skip. */
function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^\d{1,6}$/.test(cursor)) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'cursor', message: '翻页位置不对，请刷新后再试' }]);
  return Number(cursor);
}

const receiverOf = (order: OrderDoc): string => (order.fulfilment.kind === 'pickup' ? order.fulfilment.contact.name : order.fulfilment.address.name);

/** Every order placed in these groups (members, and those who left), in pages. */
async function memberOrders(db: Db, groupIds: readonly string[]): Promise<OrderDoc[]> {
  const orders: OrderDoc[] = [];
  if (!groupIds.length) return orders;
  const _ = db.command;
  for (let offset = 0; ; offset += PAGE) {
    const page = await list<OrderDoc>(db.collection('orders').where({ 'group.groupId': _.in([...groupIds]) }).orderBy('_id', 'asc').skip(offset).limit(PAGE));
    orders.push(...page);
    if (page.length < PAGE) return orders;
  }
}

function rowOf(group: GroupDoc, orders: readonly OrderDoc[]): GroupVendorRow {
  const members: GroupMemberRow[] = orders
    .filter((order) => order.group?.groupId === group._id)
    .map((order) => ({
      orderId: order._id,
      orderNo: order.orderNo,
      receiverName: receiverOf(order),
      leader: order.group?.leader ?? false,
      seat: group.seats[order._id]?.state ?? 'left',
      orderState: order.state,
      totalFen: order.totalFen,
      paidFen: order.payment.paidFen,
      refundedFen: order.payment.refundedFen,
      joinedAt: order.createdAt,
    }))
    .sort((a, b) => a.joinedAt - b.joinedAt);
  return {
    id: group._id,
    state: group.state,
    size: group.size,
    paidCount: group.paid,
    heldCount: group.held - group.paid,
    createdAt: group.createdAt,
    deadlineAt: group.deadlineAt,
    closedAt: group.closedAt,
    members,
    paidFen: sumFen(members.map((member) => member.paidFen)),
    refundedFen: sumFen(members.map((member) => member.refundedFen)),
  };
}

export const vendorActions: Pick<Impls, 'vendorOffer' | 'setOffer' | 'removeOffer' | 'offerGroups'> = {
  async vendorOffer({ productId }, ctx) {
    const db = database();
    const { product, shop } = await vendorProduct(db, productId, ctx.openid, 'manageGoods');
    const offer = await findOffer(db, productId);
    return { offer: offer && !offer.removed ? await vendorView(db, offer, product, ctx.clock.now()) : null, blockedReason: blockedReason(shop) };
  },

  async setOffer({ productId, offer: input }, ctx) {
    const db = database();
    const { product, shop } = await vendorProduct(db, productId, ctx.openid, 'manageGoods');
    if (blockedReason(shop)) throw new AppError('GROUP_NEEDS_WECHAT_PAY');
    const problem = groupOfferProblem(input, product);
    if (problem) throw new AppError(problem.code, problem.message, problem.path ? [{ path: `offer.${problem.path}`, message: problem.message }] : undefined);
    const now = ctx.clock.now();
    const existing = await findOffer(db, productId);
    const fields = { ...input, shopId: product.shopId, productId, removed: false, updatedAt: Math.max(now, (existing?.updatedAt ?? 0) + 1) };
    // One offer per product, by the product's id; the buyers' limit counters (active) are kept.
    if (existing) {
      const _ = db.command;
      await db.collection(GROUP_OFFERS).where({ _id: productId }).update({ data: { ...fields, skus: _.set(fields.skus) } });
    } else {
      await db.collection(GROUP_OFFERS).add({ data: { _id: productId, ...fields, createdAt: now } satisfies GroupOfferDoc });
    }
    const saved = await findOffer(db, productId);
    if (!saved) throw new AppError('INTERNAL');
    return { offer: await vendorView(db, saved, product, now) };
  },

  async removeOffer({ productId }, ctx) {
    const db = database();
    await vendorProduct(db, productId, ctx.openid, 'manageGoods');
    await db.collection(GROUP_OFFERS).where({ _id: productId }).update({ data: { removed: true, updatedAt: ctx.clock.now() } });
    return {};
  },

  async offerGroups({ productId, state, cursor, limit }, ctx) {
    const db = database();
    await vendorProduct(db, productId, ctx.openid, 'manageOrders');
    const offer = await findOffer(db, productId);
    if (!offer) throw new AppError('GROUP_OFFER_NOT_FOUND');
    const _ = db.command;
    const offset = offsetOf(cursor);
    // Forming groups (starter not paid) are only listed when asked for.
    const where = { offerId: offer._id, state: state ?? _.in(['open', 'succeeded', 'failed']) };
    const groups = await list<GroupDoc>(db.collection(GROUPS).where(where).orderBy('createdAt', 'desc').skip(offset).limit(limit + 1));
    const shown = groups.slice(0, limit);
    const orders = await memberOrders(db, shown.map((group) => group._id));
    return {
      groups: shown.map((group) => rowOf(group, orders)),
      nextCursor: groups.length > limit ? String(offset + limit) : null,
      counts: await countsOf(db, offer._id),
    };
  },
};
