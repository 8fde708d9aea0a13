// Share codes: short, unguessable, one per (sharer, shop, target), so a vendor sharing the same
// product twice gets the same code and its visits add up.
import type { ShareTarget } from '@core/contracts';
import { AppError } from '@core/errors';
import { isVisibleToBuyers } from '@core/catalog';
import type { ProductDoc, ShareRefDoc, ShopDoc } from '@core/model';
import type { CampaignDoc } from '@core/campaigns';
import { GROUPS, type GroupDoc } from '@core/group-buy';
import type { LiveShowDoc } from '@core/live';
import { SHARE_CODE_LENGTH, sameTarget } from '@core/share';
import { randomCode } from '../_shared/codes';
import { findById, list, type Db } from '../_shared/db';

/**
 * The shop must exist, a product target must be one of its goods buyers can see, a campaign one of
 * its published campaigns, a 拼团 one of its groups that buyers can open (its starter paid), a live
 * show one of its shows not called off.
 */
export async function checkTarget(db: Db, shopId: string, target: ShareTarget): Promise<ShopDoc> {
  const shop = await findById<ShopDoc>(db, 'shops', shopId);
  if (!shop) throw new AppError('SHOP_NOT_FOUND');
  if (target.kind === 'product') {
    const product = await findById<ProductDoc>(db, 'products', target.productId);
    if (!product || product.shopId !== shopId || !isVisibleToBuyers(product)) throw new AppError('PRODUCT_NOT_FOUND');
  }
  if (target.kind === 'campaign') {
    // A draft is nobody's to share yet: buyers could not open it.
    const campaign = await findById<CampaignDoc>(db, 'campaigns', target.campaignId);
    if (!campaign || campaign.shopId !== shopId || campaign.status !== 'published') throw new AppError('CAMPAIGN_NOT_FOUND');
  }
  if (target.kind === 'group') {
    // A forming group (its starter has not paid) is nobody's to see yet, as getGroup says.
    const group = await findById<GroupDoc>(db, GROUPS, target.groupId);
    if (!group || group.shopId !== shopId || group.state === 'forming') throw new AppError('GROUP_NOT_FOUND');
  }
  if (target.kind === 'live') {
    // A called-off show has no page; an item must be one of the show's.
    const show = await findById<LiveShowDoc>(db, 'liveShows', target.showId);
    if (!show || show.shopId !== shopId || show.status === 'cancelled') throw new AppError('LIVE_SHOW_NOT_FOUND');
    if (target.itemId !== undefined && !show.items.some((item) => item.id === target.itemId)) throw new AppError('LIVE_ITEM_NOT_FOUND');
  }
  return shop;
}

export async function refFor(db: Db, shopId: string, sharerOpenId: string, target: ShareTarget, now: number): Promise<ShareRefDoc> {
  const mine = await list<ShareRefDoc>(db.collection('shareRefs').where({ shopId, sharerOpenId }).limit(100));
  const existing = mine.find((ref) => sameTarget(ref.target, target));
  if (existing) return existing;
  const ref: ShareRefDoc = { _id: randomCode(SHARE_CODE_LENGTH), shopId, sharerOpenId, target, createdAt: now };
  // 31^10 codes: a collision is practically impossible, and the unique _id would refuse one.
  await db.collection('shareRefs').add({ data: ref });
  return ref;
}
