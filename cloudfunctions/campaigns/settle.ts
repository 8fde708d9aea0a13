// 截团 and what follows it: the campaign ends with one conditional write (tapped twice, it ends
// once), then settlement runs through the orders function's own settlement module, the one the
// orders timer runs for every campaign whose 截团 has passed (so a failure here is retried there).
import { AppError } from '@core/errors';
import type { CampaignDoc, CampaignResult } from '@core/campaigns';
import type { Clock } from '@core/clock';
import type { Db } from '../_shared/db';
import { markDifferenceRefunded, settleCampaign } from '../orders/campaign-settle';
import { findCampaign, resultOf, saveCampaign, withDefaults, type CampaignOrderDoc } from './store';

/** How often a change that lost to a racing write (an order counted, the timer froze the tiers) is decided again. */
const ATTEMPTS = 5;

/**
 * Ends the campaign with `end`, decided again from a fresh read when a racing write changed the
 * campaign in between, then settles it. Returns the campaign as it is afterwards.
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
    await settle(db, campaignId, clock.now());
    return (await findCampaign(db, campaignId)) ?? campaign;
  }
}

/**
 * Settles an ended campaign. The end is already recorded, so a failure here is not the vendor's:
 * it is logged and left to the orders timer, which settles every ended campaign not yet settled.
 */
async function settle(db: Db, campaignId: string, now: number): Promise<void> {
  try {
    await settleCampaign(db, campaignId, now);
  } catch (err) {
    console.error(`[campaigns] campaign ${campaignId} ended; settlement left to the orders timer`, err);
  }
}

/**
 * A transfer order's 待退差价 paid back by the vendor's own hand: marked once, however often it is
 * tapped (a racing twin that marked it first answers the order as marked).
 */
export async function markRefunded(db: Db, orderId: string, openid: string, note: string, at: number): Promise<CampaignOrderDoc> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const order = await markDifferenceRefunded(db, orderId, openid, note, at);
      if (!order.campaign) throw new AppError('CAMPAIGN_DIFFERENCE_NOT_DUE');
      return withDefaults(order as CampaignOrderDoc);
    } catch (err) {
      if (err instanceof AppError && err.code === 'ORDER_STATE_CONFLICT' && attempt < ATTEMPTS) continue;
      throw err;
    }
  }
}
