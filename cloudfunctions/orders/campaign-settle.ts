// Settlement at 截团 (退差价), run by the vendor's 截团 (campaigns.endNow) and by the orders timer.
// 1. The final tiers are fixed once: written on the campaign only where `settlement` is still
//    null, from the group totals read from the orders' history at 截团 (countedTotals at endAt),
//    so whoever comes first (a tap, a second tap, the timer) fixes them and the rest read them.
// 2. Each order that counted at 截团 gets its difference recorded once: WeChat Pay orders by a
//    system refund (its own refund number, recorded in the same conditional write as the
//    difference, before it is sent; the timer's retryRefunds sends again one whose call broke);
//    transfer orders as a 待退差价 the vendor marks (markDifferenceRefunded); orders whose transfer
//    is still unconfirmed, or with another refund under way, wait and are settled by a later run.
// 3. The campaign is marked settled once every counted order has its difference.
import { campaignState, countedAt, countedTotals, type CampaignDoc } from '@core/campaigns';
import { completeSettlement, differenceRefunded, freezeSettlement, recordSettlement, settleOrder, settlementOrderOf, type OrderDifference } from '@core/campaign-settlement';
import { AppError } from '@core/errors';
import type { OrderDoc } from '@core/model';
import { nextRefundNo, transition, type OrderEvent } from '@core/orders';
import { changedCount, database, list, type Db } from '../_shared/db';
import { CAMPAIGNS, findCampaign } from './campaign-orders';
import { settleRefund } from './refunds';
import { applyEvents, loadOrder, ORDERS, requireVendor, withDefaults } from './store';

const PAGE = 100;
/** Orders settled at once: each is a few round trips, and a 1,000-order campaign must fit in a run. */
const PARALLEL = 16;
/** What the buyer reads on a difference refund. */
export const DIFFERENCE_REASON = '团购截团，退回差价';

/** Every order of a campaign, in pages. */
export async function campaignOrders(db: Db, campaignId: string): Promise<OrderDoc[]> {
  const orders: OrderDoc[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await list<OrderDoc>(db.collection(ORDERS).where({ 'campaign.campaignId': campaignId }).orderBy('_id', 'asc').skip(offset).limit(PAGE));
    orders.push(...page.map(withDefaults));
    if (page.length < PAGE) return orders;
  }
}

/** Fixes the final tiers unless someone did already; the campaign as it now is. */
async function frozen(db: Db, campaign: CampaignDoc, orders: readonly OrderDoc[], now: number): Promise<CampaignDoc | null> {
  if (campaign.settlement) return campaign;
  const counted = orders.filter((order): order is OrderDoc & { campaign: NonNullable<OrderDoc['campaign']> } => order.campaign !== null);
  const result = freezeSettlement(campaign, countedTotals(campaign, counted, campaign.endAt), now);
  if (!result.ok) return null;
  if (result.outcome === 'moved') {
    const _ = db.command;
    const { settlement, counted: totals, updatedAt } = result.campaign;
    await db.collection(CAMPAIGNS).where({ _id: campaign._id, settlement: null }).update({ data: { settlement: _.set(settlement), counted: _.set(totals), updatedAt } });
  }
  return findCampaign(db, campaign._id);
}

/** The write that records a difference where none (or a waiting one) is, as read. */
function differenceIs(previous: OrderDifference | null): Record<string, unknown> {
  if (!previous) return { 'campaign.difference': null };
  return { 'campaign.difference.status': previous.status, 'campaign.difference.settledFen': previous.settledFen, 'campaign.difference.at': previous.at };
}

/**
 * Settles one order that counted at 截团. True when this call recorded its difference (first
 * time); false when another run did, or there is nothing new for it yet.
 */
async function settleOne(db: Db, campaign: CampaignDoc, order: OrderDoc, now: number): Promise<boolean> {
  const settlement = campaign.settlement;
  const link = order.campaign;
  if (!settlement || !link) return false;
  const previous = link.difference;
  if (previous && previous.status !== 'waiting') return false;
  const result = settleOrder(campaign, settlement.items, settlementOrderOf({ ...order, campaign: link }));
  const first = previous === null;

  if (result.mode === 'wechat_refund') {
    const refundNo = nextRefundNo(order);
    const difference = recordSettlement(previous, result, settlement.closedAt, { at: now, refundNo });
    let saved: OrderDoc;
    try {
      saved = await applyEvents(db, order, [{ type: 'refund_started', amountFen: result.refundFen }], { role: 'system' }, now, DIFFERENCE_REASON, null, (after) => ({ ...after, campaign: { ...link, difference } }));
    } catch (err) {
      // Another run (a second tap, the timer) or the buyer changed the order first: the next run looks again.
      if (err instanceof AppError && err.code === 'ORDER_STATE_CONFLICT') return false;
      throw err;
    }
    try {
      await settleRefund(db, saved, now);
    } catch (err) {
      // Recorded as processing: the timer's retryRefunds sends it again under the same refund number.
      if (!(err instanceof AppError)) throw err;
    }
    return first;
  }

  const difference = recordSettlement(previous, result, settlement.closedAt, { at: now });
  if (previous && previous.status === difference.status && previous.settledFen === difference.settledFen) return false;
  const _ = db.command;
  const written = await changedCount(db.collection(ORDERS).where({ _id: order._id, ...differenceIs(previous) }).update({ data: { 'campaign.difference': _.set(difference) } }));
  return written === 1 && first;
}

async function inBatches<T>(items: readonly T[], size: number, each: (item: T) => Promise<boolean>): Promise<number> {
  let done = 0;
  for (let start = 0; start < items.length; start += size) {
    const results = await Promise.allSettled(items.slice(start, start + size).map(each));
    for (const result of results) {
      if (result.status === 'fulfilled' && result.value) done++;
      if (result.status === 'rejected') console.error('[orders.campaign-settle] an order was not settled', result.reason);
    }
  }
  return done;
}

/**
 * Settles a campaign whose 截团 has come: fixes its final tiers (once), records each counted
 * order's difference (once) and starts its refund, and marks the campaign settled when every
 * counted order has one. Safe to run any number of times, at once too: `settled` counts the orders
 * this run recorded, so over all runs each counted order is counted exactly once. A campaign not
 * yet ended (or not found) settles nothing.
 */
export async function settleCampaign(db: Db, campaignId: string, now: number): Promise<{ settled: number }> {
  const found = await findCampaign(db, campaignId);
  if (!found || campaignState(found, now) !== 'ended') return { settled: 0 };
  let orders = await campaignOrders(db, campaignId);
  const campaign = await frozen(db, found, orders, now);
  if (!campaign?.settlement || campaign.settlement.status === 'settled') return { settled: 0 };
  const closedAt = campaign.settlement.closedAt;
  const counted = orders.filter((order) => countedAt(order, closedAt));
  const settled = await inBatches(counted, PARALLEL, (order) => settleOne(db, campaign, order, now));

  // Settled once every counted order has its difference (those waiting for money are settled by later runs).
  orders = await campaignOrders(db, campaignId);
  if (orders.filter((order) => countedAt(order, closedAt)).every((order) => order.campaign?.difference)) {
    const done = completeSettlement(campaign, now);
    if (done.ok && done.outcome === 'moved') {
      const _ = db.command;
      await db.collection(CAMPAIGNS).where({ _id: campaign._id, 'settlement.status': 'settling' }).update({ data: { settlement: _.set(done.campaign.settlement), updatedAt: done.campaign.updatedAt } });
    }
  }
  return { settled };
}

/** Orders whose difference waits (a transfer confirmed since, a refund now over): settled again. */
async function settleWaiting(db: Db, now: number): Promise<number> {
  const waiting = await list<OrderDoc>(db.collection(ORDERS).where({ 'campaign.difference.status': 'waiting' }).limit(PAGE));
  const campaigns = new Map<string, CampaignDoc | null>();
  return inBatches(waiting.map(withDefaults), PARALLEL, async (order) => {
    const id = order.campaign?.campaignId;
    if (!id) return false;
    if (!campaigns.has(id)) campaigns.set(id, await findCampaign(db, id));
    const campaign = campaigns.get(id);
    if (!campaign?.settlement) return false;
    await settleOne(db, campaign, order, now);
    return true;
  });
}

export interface CampaignSweepReport {
  campaigns: number;
  settled: number;
  waiting: number;
}

/** The orders timer's step: settles every campaign whose 截团 has come and whose settlement is not complete. */
export async function settleDueCampaigns(now: number): Promise<CampaignSweepReport> {
  const db = database();
  const _ = db.command;
  const due = await list<CampaignDoc>(
    db.collection(CAMPAIGNS).where({ status: 'published', endAt: _.lte(now), 'settlement.status': _.neq('settled') }).orderBy('endAt', 'asc').field({ _id: true }).limit(20),
  );
  let settled = 0;
  for (const { _id } of due) {
    try {
      settled += (await settleCampaign(db, _id, now)).settled;
    } catch (err) {
      console.error(`[orders.campaign-settle] campaign ${_id} not settled`, err);
    }
  }
  return { campaigns: due.length, settled, waiting: await settleWaiting(db, now) };
}

/**
 * A transfer order's 待退差价: the vendor (owner or staff of its shop) says they paid it back. It
 * is money back like a refund (payment.refundedFen, a history entry), so no later refund can
 * return more than was paid; refused when what was paid is already back. Marked twice, it is
 * marked once. NOT_A_MEMBER / FORBIDDEN / ORDER_NOT_FOUND for anyone else;
 * CAMPAIGN_DIFFERENCE_NOT_DUE when nothing is owed by hand (a WeChat order's refund goes by itself).
 */
export async function markDifferenceRefunded(db: Db, orderId: string, byOpenId: string, note: string, at: number): Promise<OrderDoc> {
  const order = await loadOrder(db, orderId);
  await requireVendor(db, order, byOpenId);
  const difference = order.campaign?.difference ?? null;
  if (!order.campaign || (order.payment.mode === 'wechat' && difference?.status !== 'done')) throw new AppError('CAMPAIGN_DIFFERENCE_NOT_DUE');
  const result = differenceRefunded(difference, at);
  if (!result.ok) throw new AppError(result.problem.code, result.problem.message);
  if (result.outcome === 'noop') return order;
  const link = order.campaign;
  const marked = { ...result.difference, note: note.trim(), markedBy: byOpenId };
  const event: OrderEvent = { type: 'difference_refunded', amountFen: result.difference.refundedFen - (difference?.refundedFen ?? 0) };
  const actor = { role: 'vendor' as const, id: byOpenId };
  const reason = note.trim() || DIFFERENCE_REASON;
  // Decided here, so that a refusal by the rules reads as such and only a racing write conflicts below.
  const allowed = transition(order, event, { actor, at, reason });
  if (!allowed.ok) throw new AppError('CAMPAIGN_DIFFERENCE_NOT_DUE', `订单的钱已经退过了，差价不能再记为已退（${allowed.problem.message}）`);
  try {
    return await applyEvents(db, order, [event], actor, at, reason, null, (after) => ({ ...after, campaign: { ...link, difference: marked } }));
  } catch (err) {
    // A twin tap marked it first: that is the answer. Any other change: the caller decides again.
    const now = err instanceof AppError && err.code === 'ORDER_STATE_CONFLICT' ? await loadOrder(db, orderId) : null;
    if (now?.campaign?.difference?.status === 'done') return now;
    throw err;
  }
}
