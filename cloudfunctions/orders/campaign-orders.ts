// Orders placed in a group-buy campaign (团, 接龙): the campaign's own figures move with its orders.
// - The stock cap: `taken.<itemId>` goes up by a conditional update when an order is placed (only
//   while the cap allows it and 截团 is ahead) and down again wherever its product stock goes back.
//   The per-buyer limit moves with it, in the same updates: `takenBy.<buyer key>.<itemId>`.
// - Counting: when an order starts to count (countsInList) it gets its 跟团号 from the campaign's
//   atomic counter (updateAndReturn with _.inc on lastSeq, entries and counted.<itemId>, and the
//   order's id pushed on seqOrders), then the number is written on the order only while it has
//   none; an order that stops counting takes itself out of entries and counted, and one that counts
//   again puts itself back (number kept). The orders timer numbers any counting order a dead run
//   left without one (numberStrayOrders), with the number seqOrders shows it took, if it took one.
// Every move is an atomic $inc, so concurrent buyers never lose or share a number.
import { createHash } from 'node:crypto';
import { countedAt, countsInList, quantitiesByItem, type CampaignDoc } from '@core/campaigns';
import { AppError } from '@core/errors';
import type { OrderDoc } from '@core/model';
import { changedCount, database, findById, list, type Db } from '../_shared/db';

export const CAMPAIGNS = 'campaigns';
const ORDERS = 'orders';

export async function findCampaign(db: Db, campaignId: string): Promise<CampaignDoc | null> {
  return findById<CampaignDoc>(db, CAMPAIGNS, campaignId);
}

/**
 * A campaign buyers may see: published, of this shop. Drafts and other shops' campaigns are not
 * found. Read without seqOrders, which only numbering needs and which grows with every entry.
 */
export async function loadBuyableCampaign(db: Db, campaignId: string, shopId: string): Promise<CampaignDoc> {
  const [campaign] = await list<CampaignDoc>(db.collection(CAMPAIGNS).where({ _id: campaignId }).field({ seqOrders: false }).limit(1));
  if (!campaign || campaign.status !== 'published' || campaign.shopId !== shopId) throw new AppError('CAMPAIGN_NOT_FOUND');
  return campaign;
}

/** Whether the campaign's 截团 has come (the planned time, or the moment the vendor ended it). */
export const campaignEnded = (campaign: Pick<CampaignDoc, 'endAt'>, now: number): boolean => now >= campaign.endAt;

/** A buyer's key in `takenBy`: no openid is stored on the campaign, and keys differ between campaigns. */
const buyerKeyOf = (campaignId: string, buyerOpenId: string): string => createHash('sha256').update(`${campaignId}\n${buyerOpenId}`).digest('hex').slice(0, 24);

/** What the buyer holds per limited item of the campaign (the per-buyer limit reads this). */
export function takenByBuyer(campaign: Pick<CampaignDoc, '_id' | 'takenBy'>, buyerOpenId: string): Record<string, number> {
  return campaign.takenBy?.[buyerKeyOf(campaign._id, buyerOpenId)] ?? {};
}

/**
 * Takes an order's quantities off the campaign's caps and the buyer's limits: one update that
 * lands only if 截团 is still ahead, every capped item has room and the buyer is within every
 * limit. False when it did not land (sold out, limit reached, or ended meanwhile).
 */
export async function takeCampaignStock(db: Db, campaign: CampaignDoc, buyerOpenId: string, quantities: Readonly<Record<string, number>>, now: number): Promise<boolean> {
  const _ = db.command;
  const conditions: Parameters<typeof _.and>[0] = [{ _id: campaign._id }, { status: 'published' }, { endAt: _.gt(now) }];
  const data: Record<string, unknown> = {};
  const within = (field: string, room: number) => conditions.push(_.or([{ [field]: _.lte(room) }, { [field]: _.exists(false) }]));
  const buyer = buyerKeyOf(campaign._id, buyerOpenId);
  for (const [itemId, quantity] of Object.entries(quantities)) {
    const item = campaign.items.find((candidate) => candidate.id === itemId);
    if (!item || quantity <= 0) continue;
    data[`taken.${itemId}`] = _.inc(quantity);
    if (item.stockCap !== null) {
      if (item.stockCap < quantity) return false;
      within(`taken.${itemId}`, item.stockCap - quantity);
    }
    if (item.limitPerBuyer !== null) {
      if (item.limitPerBuyer < quantity) return false;
      data[`takenBy.${buyer}.${itemId}`] = _.inc(quantity);
      within(`takenBy.${buyer}.${itemId}`, item.limitPerBuyer - quantity);
    }
  }
  if (Object.keys(data).length === 0) return true;
  return (await changedCount(db.collection(CAMPAIGNS).where(_.and(conditions)).update({ data }))) === 1;
}

/**
 * Gives an order's quantities back to the campaign's caps and the buyer's limits (the order was not
 * written, or was called off). A limit can only be lifted once the campaign opens, never added, so
 * the limited items now are among those counted at placement.
 */
export async function putBackCampaignStock(db: Db, campaign: CampaignDoc, buyerOpenId: string, quantities: Readonly<Record<string, number>>): Promise<void> {
  const _ = db.command;
  const data: Record<string, unknown> = {};
  const buyer = buyerKeyOf(campaign._id, buyerOpenId);
  for (const [itemId, quantity] of Object.entries(quantities)) {
    if (quantity <= 0) continue;
    data[`taken.${itemId}`] = _.inc(-quantity);
    if (campaign.items.find((item) => item.id === itemId)?.limitPerBuyer != null) data[`takenBy.${buyer}.${itemId}`] = _.inc(-quantity);
  }
  if (Object.keys(data).length === 0) return;
  await db.collection(CAMPAIGNS).where({ _id: campaign._id }).update({ data });
}

/** The order's quantities per campaign item. */
export function orderQuantities(campaign: Pick<CampaignDoc, 'items'>, order: Pick<OrderDoc, 'lines'>): Record<string, number> {
  return quantitiesByItem(campaign, order.lines);
}

/** The CloudBase query under wx-server-sdk's wrapper, which has updateAndReturn (database.modifyAndReturnDoc). */
interface BaseQuery {
  updateAndReturn(data: Record<string, unknown>): Promise<{ updated?: number; doc?: CampaignDoc | null; code?: string; message?: string }>;
}

/**
 * One atomic update of the first matching campaign, answering the document as it is after it:
 * wx-server-sdk 4.0.2 does not pass updateAndReturn through, so this calls the CloudBase query
 * its where() wraps (`_query`), as the platform's own SDK does.
 */
async function updateAndReturn(db: Db, where: Record<string, unknown>, data: Record<string, unknown>): Promise<{ updated: number; doc: CampaignDoc | null }> {
  const wrapped = db.collection(CAMPAIGNS).where(where) as unknown as { _query?: BaseQuery };
  if (!wrapped._query || typeof wrapped._query.updateAndReturn !== 'function') throw new Error('updateAndReturn is not available in this SDK');
  const reply = await wrapped._query.updateAndReturn(data);
  if (reply.code) throw new Error(`updateAndReturn failed: ${reply.code} ${reply.message ?? ''}`);
  return { updated: reply.updated ?? 0, doc: reply.doc ?? null };
}

/** The moves of an order's own figures on its campaign as it starts (+1) or stops (−1) counting. */
function counterMoves(db: Db, campaign: CampaignDoc, order: OrderDoc, sign: 1 | -1): Record<string, unknown> {
  const _ = db.command;
  const data: Record<string, unknown> = { entries: _.inc(sign) };
  for (const [itemId, quantity] of Object.entries(orderQuantities(campaign, order))) data[`counted.${itemId}`] = _.inc(sign * quantity);
  return data;
}

/**
 * Gives a counting order its 跟团号. The counter goes up with the order's own figures and the order
 * pushed on `seqOrders`, in one update that lands once per order; then the number is written on the
 * order only while it has none. An order whose number was taken but not written (its run died in
 * between) gets that number back from `seqOrders`, its figures moved again only if it `countsAgain`
 * (it stopped counting since, taking them out). No new number after 截团.
 */
async function numberOrder(db: Db, campaign: CampaignDoc, order: OrderDoc, at: number, countsAgain: boolean): Promise<OrderDoc> {
  const link = order.campaign;
  if (!link) return order;
  const _ = db.command;
  const moves = counterMoves(db, campaign, order, 1);
  const taken = (campaign.seqOrders ?? []).indexOf(order._id);
  let seq = taken + 1;
  if (taken >= 0) {
    if (countsAgain) await db.collection(CAMPAIGNS).where({ _id: campaign._id }).update({ data: moves });
  } else {
    if (campaignEnded(campaign, at)) return order;
    const { updated, doc } = await updateAndReturn(db, { _id: campaign._id, endAt: _.gt(at), seqOrders: _.neq(order._id) }, { ...moves, lastSeq: _.inc(1), seqOrders: _.push([order._id]) });
    // Not landed: 截团 came meanwhile, or a racing run numbered this order (its number is the one).
    if (updated !== 1 || !doc) return order;
    seq = doc.lastSeq;
  }
  const written = await changedCount(db.collection(ORDERS).where({ _id: order._id, 'campaign.seq': null }).update({ data: { 'campaign.seq': seq, 'campaign.countedAt': at } }));
  if (written !== 1) {
    if (taken < 0) console.error(`[orders.campaign] order ${order._id} already had a 跟团号; number ${seq} unused`);
    return order;
  }
  return { ...order, campaign: { ...link, seq, countedAt: at } };
}

/**
 * Moves the campaign's counters when a saved change makes an order start or stop counting, and
 * gives the order its 跟团号 the first time. Returns the order with its number (as saved). An order
 * that would first count after 截团 gets no number and counts nowhere (its money goes back: see
 * payment-notices.ts and vendor.ts).
 */
export async function countChange(db: Db, before: OrderDoc, saved: OrderDoc, at: number): Promise<OrderDoc> {
  const link = saved.campaign;
  if (!link) return saved;
  const was = countsInList(before);
  const now = countsInList(saved);
  if (was === now) return saved;
  const campaign = await findCampaign(db, link.campaignId);
  if (!campaign) return saved;
  if (now && link.seq === null) return numberOrder(db, campaign, saved, at, true);
  // Stops counting, or counts again with the number it already has.
  await db.collection(CAMPAIGNS).where({ _id: campaign._id }).update({ data: counterMoves(db, campaign, saved, now ? 1 : -1) });
  return saved;
}

/**
 * The orders timer's repair: numbers every counting order left without a 跟团号 (a run that died
 * between its write and the numbering), as of the moment it started counting, so one that counted
 * before 截团 is numbered after it too. Returns how many it numbered.
 */
export async function numberStrayOrders(now: number): Promise<number> {
  const db = database();
  const _ = db.command;
  const stray = await list<OrderDoc>(
    db.collection(ORDERS).where({ 'campaign.campaignId': _.exists(true), 'campaign.seq': null, state: _.in(['to_confirm', 'paid', 'shipped', 'ready_for_pickup', 'completed', 'refunding']) }).limit(100),
  );
  let numbered = 0;
  for (const order of stray.filter(countsInList)) {
    const since = order.history.find((entry) => countedAt(order, entry.at))?.at ?? now;
    try {
      // Read per order: each numbering moves the campaign's counter.
      const campaign = order.campaign && (await findCampaign(db, order.campaign.campaignId));
      if (campaign && (await numberOrder(db, campaign, order, since, false)).campaign?.seq != null) numbered++;
    } catch (err) {
      console.error(`[orders.campaign] order ${order._id} not numbered`, err);
    }
  }
  return numbered;
}

/** Why money for a campaign order goes straight back: it came after 截团, when the order did not count. */
export const LATE_PAYMENT_REASON = '截团后才收到付款，原路全额退回';

/**
 * Whether money arriving now for this order must go back in full: an unpaid order of a campaign
 * whose 截团 has come (it never counted, and the final prices are fixed without it).
 */
export async function paidTooLate(db: Db, order: OrderDoc, now: number): Promise<boolean> {
  if (!order.campaign || order.state !== 'to_pay') return false;
  const campaign = await findCampaign(db, order.campaign.campaignId);
  return campaign !== null && campaignEnded(campaign, now);
}
