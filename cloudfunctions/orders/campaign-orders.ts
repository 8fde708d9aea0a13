// Orders placed in a group-buy campaign (团, 接龙): the campaign's own figures move with its orders.
// - The stock cap: `taken.<itemId>` goes up by a conditional update when an order is placed (only
//   while the cap allows it and 截团 is ahead) and down again wherever its product stock goes back.
// - Counting: when an order starts to count (countsInList) it gets its 跟团号 from the campaign's
//   atomic counter (updateAndReturn with _.inc on lastSeq, entries and counted.<itemId>), then the
//   number is written on the order only while it has none; an order that stops counting takes
//   itself out of entries and counted, and one that counts again puts itself back (number kept).
// Every move is an atomic $inc, so concurrent buyers never lose or share a number.
import { countsInList, quantitiesByItem, type CampaignDoc } from '@core/campaigns';
import { AppError } from '@core/errors';
import type { OrderDoc } from '@core/model';
import { changedCount, findById, type Db } from '../_shared/db';

export const CAMPAIGNS = 'campaigns';
const ORDERS = 'orders';

export async function findCampaign(db: Db, campaignId: string): Promise<CampaignDoc | null> {
  return findById<CampaignDoc>(db, CAMPAIGNS, campaignId);
}

/** A campaign buyers may see: published, of this shop. Drafts and other shops' campaigns are not found. */
export async function loadBuyableCampaign(db: Db, campaignId: string, shopId: string): Promise<CampaignDoc> {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign || campaign.status !== 'published' || campaign.shopId !== shopId) throw new AppError('CAMPAIGN_NOT_FOUND');
  return campaign;
}

/** Whether the campaign's 截团 has come (the planned time, or the moment the vendor ended it). */
export const campaignEnded = (campaign: Pick<CampaignDoc, 'endAt'>, now: number): boolean => now >= campaign.endAt;

/**
 * Takes an order's quantities off the campaign's caps: one update that lands only if 截团 is still
 * ahead and every capped item has room. False when it did not land (sold out, or ended meanwhile).
 */
export async function takeCampaignStock(db: Db, campaign: CampaignDoc, quantities: Readonly<Record<string, number>>, now: number): Promise<boolean> {
  const _ = db.command;
  const conditions: Parameters<typeof _.and>[0] = [{ _id: campaign._id }, { status: 'published' }, { endAt: _.gt(now) }];
  const data: Record<string, unknown> = {};
  for (const [itemId, quantity] of Object.entries(quantities)) {
    const item = campaign.items.find((candidate) => candidate.id === itemId);
    if (!item || quantity <= 0) continue;
    data[`taken.${itemId}`] = _.inc(quantity);
    if (item.stockCap !== null) {
      const room = item.stockCap - quantity;
      if (room < 0) return false;
      conditions.push(_.or([{ [`taken.${itemId}`]: _.lte(room) }, { [`taken.${itemId}`]: _.exists(false) }]));
    }
  }
  if (Object.keys(data).length === 0) return true;
  return (await changedCount(db.collection(CAMPAIGNS).where(_.and(conditions)).update({ data }))) === 1;
}

/** Gives an order's quantities back to the campaign's caps (the order was not written, or was called off). */
export async function putBackCampaignStock(db: Db, campaignId: string, quantities: Readonly<Record<string, number>>): Promise<void> {
  const _ = db.command;
  const data: Record<string, unknown> = {};
  for (const [itemId, quantity] of Object.entries(quantities)) if (quantity > 0) data[`taken.${itemId}`] = _.inc(-quantity);
  if (Object.keys(data).length === 0) return;
  await db.collection(CAMPAIGNS).where({ _id: campaignId }).update({ data });
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
  const _ = db.command;
  const campaign = await findCampaign(db, link.campaignId);
  if (!campaign) return saved;
  const quantities = orderQuantities(campaign, saved);
  const sign = now ? 1 : -1;
  const data: Record<string, unknown> = { entries: _.inc(sign) };
  for (const [itemId, quantity] of Object.entries(quantities)) data[`counted.${itemId}`] = _.inc(sign * quantity);

  if (!now || link.seq !== null) {
    // Stops counting, or counts again with the number it already has.
    await db.collection(CAMPAIGNS).where({ _id: campaign._id }).update({ data });
    return saved;
  }
  if (campaignEnded(campaign, at)) return saved;
  const { updated, doc } = await updateAndReturn(db, { _id: campaign._id, endAt: _.gt(at) }, { ...data, lastSeq: _.inc(1) });
  if (updated !== 1 || !doc) return saved;
  const seq = doc.lastSeq;
  const written = await changedCount(db.collection(ORDERS).where({ _id: saved._id, 'campaign.seq': null }).update({ data: { 'campaign.seq': seq, 'campaign.countedAt': at } }));
  // Counting starts in one conditional commit, so nothing else numbers the order meanwhile.
  if (written !== 1) console.error(`[orders.campaign] order ${saved._id} already had a 跟团号; number ${seq} unused`);
  return { ...saved, campaign: { ...link, seq, countedAt: at } };
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
