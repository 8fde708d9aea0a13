// What may be shared: a target must be something buyers can open. The codes themselves are minted
// by _shared/share-refs.ts (the live function hands out links too).
import type { ShareTarget } from '@core/contracts';
import { AppError } from '@core/errors';
import { isVisibleToBuyers } from '@core/catalog';
import type { ProductDoc, ShopDoc } from '@core/model';
import type { CampaignDoc } from '@core/campaigns';
import { GROUPS, type GroupDoc } from '@core/group-buy';
import type { LiveShowDoc } from '@core/live';
import { findById, type Db } from '../_shared/db';

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
