// What a shop's owner and staff do with campaigns: draft, edit, open, take back, end (截团), copy,
// and read them with their orders and settlement. Every action checks the caller's role in the
// campaign's own shop: staff of one shop reach nothing of another.
import type { campaignsContract, CampaignRow, CampaignState, SettlementTotals } from '@core/contracts';
import { AppError } from '@core/errors';
import {
  copyCampaign,
  countsInList,
  createCampaign,
  endCampaign,
  publishCampaign,
  unpublishCampaign,
  updateCampaign,
  type CampaignDoc,
} from '@core/campaigns';
import { currentTier } from '@core/campaign-ordering';
import { settlementTotals } from '@core/campaign-settlement';
import { toCampaignRow, settlementStatusOf } from '@core/campaign-views';
import { sumFen } from '@core/money';
import type { ActionImpls, UserContext } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { database, list, type Db } from '../_shared/db';
import { checkCampaignTexts, hasNewText } from './moderation';
import { endAndSettle, markRefunded } from './settle';
import {
  asCampaignOrder,
  bySeq,
  CAMPAIGNS,
  campaignOrders,
  contextOf,
  EDIT_PERMISSION,
  insertCampaign,
  newId,
  offsetOf,
  ORDERS_PERMISSION,
  pageOf,
  productsOf,
  resultOf,
  saveCampaign,
  vendorCampaign,
  type CampaignOrderDoc,
} from './store';
import { orderRowOf, vendorViewOf } from './views';

type Impls = ActionImpls<typeof campaignsContract>;

/** Where clauses for a state, read from the stored status and the times (as campaignState does). */
function stateWhere(db: Db, state: CampaignState, now: number): Record<string, unknown> {
  const _ = db.command;
  switch (state) {
    case 'draft':
      return { status: 'draft' };
    case 'scheduled':
      return { status: 'published', startAt: _.gt(now), endAt: _.gt(now) };
    case 'open':
      return { status: 'published', startAt: _.lte(now), endAt: _.gt(now) };
    case 'ended':
      return { status: 'published', endAt: _.lte(now) };
  }
}

const STATES: readonly CampaignState[] = ['draft', 'scheduled', 'open', 'ended'];

/** What counted orders paid, and what went back to them as price differences. */
function moneyOf(orders: readonly CampaignOrderDoc[]): { takenFen: number; refundedFen: number } {
  const counted = orders.filter((order) => countsInList(asCampaignOrder(order)));
  return {
    takenFen: sumFen(counted.map((order) => order.payment.paidFen)),
    refundedFen: sumFen(orders.map((order) => order.campaign.difference?.refundedFen ?? 0)),
  };
}

/** The vendor's change as one conditional write; a racing change in between answers CAMPAIGN_STATE_CONFLICT. */
async function change(db: Db, campaign: CampaignDoc, next: { campaign: CampaignDoc; moved: boolean }, ctx: UserContext) {
  const saved = next.moved ? await saveCampaign(db, campaign, next.campaign) : campaign;
  return vendorViewOf(db, saved, ctx.clock.now());
}

export const vendorActions: Pick<
  Impls,
  'create' | 'update' | 'publish' | 'unpublish' | 'endNow' | 'copy' | 'vendorCampaign' | 'listCampaigns' | 'campaignOrders' | 'settlement' | 'markDifferenceRefunded'
> = {
  async create({ shopId, campaign: input }, ctx) {
    const db = database();
    const { shop } = await requirePermission(db, shopId, ctx.openid, EDIT_PERMISSION);
    const now = ctx.clock.now();
    const context = await contextOf(db, shop, input.items.map((item) => item.productId));
    const { campaign } = resultOf(createCampaign({ id: newId(), shopId, by: ctx.openid, at: now, input, ctx: context }));
    await insertCampaign(db, campaign);
    return vendorViewOf(db, campaign, now);
  },

  async update({ campaignId, campaign: input, expectedUpdatedAt }, ctx) {
    const db = database();
    const { shop, campaign } = await vendorCampaign(db, campaignId, ctx.openid, EDIT_PERMISSION);
    if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== campaign.updatedAt) throw new AppError('CAMPAIGN_STATE_CONFLICT');
    const now = ctx.clock.now();
    const context = await contextOf(db, shop, input.items.map((item) => item.productId));
    const next = resultOf(updateCampaign(campaign, input, context, now));
    // Words buyers already read were checked when it opened; only new words are checked again.
    if (campaign.status === 'published' && hasNewText(campaign, next.campaign)) await checkCampaignTexts(next.campaign, ctx.openid);
    return change(db, campaign, next, ctx);
  },

  async publish({ campaignId, startNow }, ctx) {
    const db = database();
    const { shop, campaign } = await vendorCampaign(db, campaignId, ctx.openid, EDIT_PERMISSION);
    const now = ctx.clock.now();
    const context = await contextOf(db, shop, campaign.items.map((item) => item.productId));
    const next = resultOf(publishCampaign(campaign, context, { now, startNow }));
    if (next.moved) await checkCampaignTexts(campaign, ctx.openid);
    return change(db, campaign, next, ctx);
  },

  async unpublish({ campaignId }, ctx) {
    const db = database();
    const { campaign } = await vendorCampaign(db, campaignId, ctx.openid, EDIT_PERMISSION);
    return change(db, campaign, resultOf(unpublishCampaign(campaign, ctx.clock.now())), ctx);
  },

  async endNow({ campaignId }, ctx) {
    const db = database();
    await vendorCampaign(db, campaignId, ctx.openid, EDIT_PERMISSION);
    const ended = await endAndSettle(db, campaignId, (campaign, now) => endCampaign(campaign, { now, by: ctx.openid }), ctx.clock);
    return vendorViewOf(db, ended, ctx.clock.now());
  },

  async copy({ campaignId }, ctx) {
    const db = database();
    const { campaign: source } = await vendorCampaign(db, campaignId, ctx.openid, EDIT_PERMISSION);
    const now = ctx.clock.now();
    const campaign = await insertCampaign(db, copyCampaign(source, { id: newId(), by: ctx.openid, now }));
    return vendorViewOf(db, campaign, now);
  },

  async vendorCampaign({ campaignId }, ctx) {
    const db = database();
    const { campaign } = await vendorCampaign(db, campaignId, ctx.openid, EDIT_PERMISSION);
    return vendorViewOf(db, campaign, ctx.clock.now());
  },

  async listCampaigns({ shopId, state, cursor, limit }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, EDIT_PERMISSION);
    const now = ctx.clock.now();
    const offset = offsetOf(cursor);
    const where = { shopId, ...(state ? stateWhere(db, state, now) : {}) };
    const [rows, ...totals] = await Promise.all([
      list<CampaignDoc>(db.collection(CAMPAIGNS).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(offset).limit(limit + 1)),
      ...STATES.map(async (each) => ((await db.collection(CAMPAIGNS).where({ shopId, ...stateWhere(db, each, now) }).count()) as { total: number }).total),
    ]);
    const page = rows.slice(0, limit);
    const products = await productsOf(db, page.flatMap((campaign) => campaign.items.map((item) => item.productId)));
    const campaigns: CampaignRow[] = await Promise.all(page.map(async (campaign) => toCampaignRow(campaign, products, moneyOf(await campaignOrders(db, campaign._id)), now)));
    const counts: Partial<Record<CampaignState, number>> = {};
    STATES.forEach((each, index) => (counts[each] = totals[index]));
    return { campaigns, nextCursor: rows.length > limit ? String(offset + limit) : null, counts };
  },

  async campaignOrders({ campaignId, pointId, state, counts, cursor, limit }, ctx) {
    const db = database();
    await vendorCampaign(db, campaignId, ctx.openid, ORDERS_PERMISSION);
    const where: Record<string, unknown> = {};
    if (state) where.state = state;
    if (pointId) where['fulfilment.point.id'] = pointId;
    const orders = (await campaignOrders(db, campaignId, where)).sort(bySeq);
    const counted = orders.filter((order) => countsInList(asCampaignOrder(order)));
    const shown = counts === undefined ? orders : counts ? counted : orders.filter((order) => !countsInList(asCampaignOrder(order)));
    const page = pageOf(shown, cursor, limit);
    return { orders: page.rows.map(orderRowOf), nextCursor: page.nextCursor, counts: { counted: counted.length, notCounted: orders.length - counted.length } };
  },

  async settlement({ campaignId, status, cursor, limit }, ctx) {
    const db = database();
    const { campaign } = await vendorCampaign(db, campaignId, ctx.openid, ORDERS_PERMISSION);
    const [orders, products] = await Promise.all([campaignOrders(db, campaignId), productsOf(db, campaign.items.map((item) => item.productId))]);
    const items = campaign.items.map((item) => {
      const product = products.find((candidate) => candidate._id === item.productId);
      const frozen = campaign.settlement?.items.find((candidate) => candidate.itemId === item.id);
      const current = currentTier(campaign, item);
      const final = frozen ? { priceLi: frozen.priceLi, minQty: frozen.minQty } : current;
      return { id: item.id, name: product?.name ?? '', unit: product?.unit ?? '', countedQty: frozen?.countedQty ?? campaign.counted[item.id] ?? 0, current, final };
    });
    const totals: SettlementTotals = settlementTotals(orders.map((order) => order.campaign.difference));
    const owed = orders
      .filter((order) => order.campaign.difference !== null && order.campaign.difference.differenceFen > 0)
      .filter((order) => status === undefined || order.campaign.difference?.status === status)
      .sort(bySeq);
    const page = pageOf(owed, cursor, limit);
    return {
      status: settlementStatusOf(campaign),
      closedAt: campaign.settlement?.closedAt ?? null,
      items,
      totals,
      orders: page.rows.map(orderRowOf),
      nextCursor: page.nextCursor,
    };
  },

  async markDifferenceRefunded({ orderId, note }, ctx) {
    const db = database();
    const order = await markRefunded(db, orderId, ctx.openid, note, ctx.clock.now());
    return { order: orderRowOf(order) };
  },
};
