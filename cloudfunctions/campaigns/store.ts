// Reading and writing campaigns. A vendor's change is one conditional write on the version it was
// decided from (updatedAt), and writes only what the vendor edits: the counters (lastSeq, entries,
// counted, taken) move under buyers' orders with atomic updates from the orders function, and a
// vendor's save must never write them back.
import { randomBytes } from 'node:crypto';
import { AppError } from '@core/errors';
import type { CampaignContext, CampaignDoc, CampaignOrder, CampaignProblem, CampaignProduct, CampaignResult } from '@core/campaigns';
import type { OrderCampaign, OrderDoc, ShopDoc } from '@core/model';
import type { Permission } from '@core/shops';
import { requirePermission, type Membership } from '../_shared/auth';
import { changedCount, findById, list, type Db } from '../_shared/db';

export const CAMPAIGNS = 'campaigns';
export const ORDERS = 'orders';
/** The most documents one read returns on the server. */
export const READ_MAX = 1000;

/** Editing campaigns is running goods; their orders (names, phones, refunds) are running orders. */
export const EDIT_PERMISSION: Permission = 'manageGoods';
export const ORDERS_PERMISSION: Permission = 'manageOrders';

/** A stored order of a campaign. */
export type CampaignOrderDoc = OrderDoc & { campaign: OrderCampaign };

/** A document id: 24 random hex digits, as the database makes them. */
export function newId(): string {
  return randomBytes(12).toString('hex');
}

export async function findCampaign(db: Db, campaignId: string): Promise<CampaignDoc | null> {
  return findById<CampaignDoc>(db, CAMPAIGNS, campaignId);
}

/**
 * The campaign and the caller's role in its shop. A campaign of a shop the caller does not work is
 * answered like one that does not exist only when the shop is gone; a stranger hears NOT_A_MEMBER,
 * as every vendor action answers.
 */
export async function vendorCampaign(db: Db, campaignId: string, openid: string, permission: Permission): Promise<Membership & { campaign: CampaignDoc }> {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND');
  try {
    return { ...(await requirePermission(db, campaign.shopId, openid, permission)), campaign };
  } catch (err) {
    if (err instanceof AppError && err.code === 'SHOP_NOT_FOUND') throw new AppError('CAMPAIGN_NOT_FOUND');
    throw err;
  }
}

/** A campaign buyers may see: published (scheduled, open or ended); a draft does not exist for them. */
export async function publicCampaign(db: Db, campaignId: string): Promise<CampaignDoc> {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign || campaign.status !== 'published') throw new AppError('CAMPAIGN_NOT_FOUND');
  return campaign;
}

/** The shop's products the items name (of any shop: validation reports another shop's as not found). */
export async function productsOf(db: Db, productIds: readonly string[]): Promise<CampaignProduct[]> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return [];
  return list<CampaignProduct>(db.collection('products').where({ _id: db.command.in(ids) }).limit(READ_MAX));
}

export async function contextOf(db: Db, shop: ShopDoc, productIds: readonly string[]): Promise<CampaignContext> {
  return { shop, products: await productsOf(db, productIds) };
}

/** The first problem as the error, with every problem as a field message. */
export function refusal(problems: readonly CampaignProblem[]): AppError {
  const [first] = problems;
  return new AppError(first.code, first.message, problems.map((problem) => ({ path: problem.path, message: problem.message })));
}

/** The campaign a pure change produced, or its problems as the error. */
export function resultOf(result: CampaignResult): { campaign: CampaignDoc; moved: boolean } {
  if (!result.ok) throw refusal(result.problems);
  return { campaign: result.campaign, moved: result.outcome === 'moved' };
}

/** What a vendor's change may write: everything but the counters and the settlement. */
const EDITABLE = ['title', 'text', 'images', 'startAt', 'endAt', 'items', 'fulfilment', 'status', 'publishedAt', 'endedEarly'] as const;

/**
 * Writes the vendor's fields of `after` over `before` only if the campaign is still at the version
 * it was read at; otherwise CAMPAIGN_STATE_CONFLICT. `updatedAt` strictly increases.
 */
export async function saveCampaign(db: Db, before: CampaignDoc, after: CampaignDoc): Promise<CampaignDoc> {
  const _ = db.command;
  const updatedAt = Math.max(after.updatedAt, before.updatedAt + 1);
  const data: Record<string, unknown> = { updatedAt };
  for (const key of EDITABLE) {
    const value = after[key];
    // _.set replaces objects and arrays whole; a plain object would be merged field by field.
    data[key] = value !== null && typeof value === 'object' ? _.set(value) : value;
  }
  const updated = await changedCount(db.collection(CAMPAIGNS).where({ _id: before._id, updatedAt: before.updatedAt }).update({ data }));
  if (updated !== 1) throw new AppError('CAMPAIGN_STATE_CONFLICT');
  const saved = await findCampaign(db, before._id);
  if (!saved) throw new AppError('CAMPAIGN_NOT_FOUND');
  return saved;
}

export async function insertCampaign(db: Db, campaign: CampaignDoc): Promise<CampaignDoc> {
  await db.collection(CAMPAIGNS).add({ data: campaign });
  return campaign;
}

// ---- Orders of a campaign ------------------------------------------------------------------------

/** Every order of the campaign matching `where`, read in pages of the server's maximum. */
export async function campaignOrders(db: Db, campaignId: string, where: Record<string, unknown> = {}): Promise<CampaignOrderDoc[]> {
  const orders: CampaignOrderDoc[] = [];
  for (;;) {
    const page = await list<CampaignOrderDoc>(
      db.collection(ORDERS).where({ ...where, 'campaign.campaignId': campaignId }).orderBy('createdAt', 'asc').orderBy('_id', 'asc').skip(orders.length).limit(READ_MAX),
    );
    orders.push(...page);
    if (page.length < READ_MAX) return orders.map(withDefaults);
  }
}

/** Orders saved before pending refunds said where they resume get the usual resume state. */
export function withDefaults(order: CampaignOrderDoc): CampaignOrderDoc {
  return { ...order, pendingRefund: order.pendingRefund && { ...order.pendingRefund, resume: order.pendingRefund.resume ?? 'paid' } };
}

/** A stored campaign order as the campaign rules read it. */
export const asCampaignOrder = (order: CampaignOrderDoc): CampaignOrder => order as unknown as CampaignOrder;

/** By 跟团号, orders without one last (oldest first among them). */
export function bySeq(a: CampaignOrderDoc, b: CampaignOrderDoc): number {
  const sa = a.campaign.seq ?? Number.MAX_SAFE_INTEGER;
  const sb = b.campaign.seq ?? Number.MAX_SAFE_INTEGER;
  return sa - sb || a.createdAt - b.createdAt || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

/** A page cursor: the offset into the list, as text. */
export function offsetOf(cursor: string | undefined): number {
  const offset = cursor === undefined ? 0 : Number(cursor);
  return Number.isSafeInteger(offset) && offset >= 0 ? offset : 0;
}

export function pageOf<T>(rows: readonly T[], cursor: string | undefined, limit: number): { rows: T[]; nextCursor: string | null } {
  const offset = offsetOf(cursor);
  return { rows: rows.slice(offset, offset + limit), nextCursor: rows.length > offset + limit ? String(offset + limit) : null };
}
