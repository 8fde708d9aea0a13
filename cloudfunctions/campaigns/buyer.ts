// What buyers read of a campaign (anyone with the link, even without a login): the campaign page,
// the public 接龙 list with masked names, the 接龙文案; and, signed in, their own entries and the
// name the list shows for them. Never a full name, never a phone number.
import { SHOP_CAMPAIGNS_MAX, type campaignsContract, type PublicEntry } from '@core/contracts';
import { AppError } from '@core/errors';
import { countsInList, type CampaignDoc } from '@core/campaigns';
import { campaignGroupText, entryText } from '@core/campaign-text';
import { toMyEntry } from '@core/campaign-views';
import { toShopPublic } from '@core/catalog';
import type { ShopDoc } from '@core/model';
import type { ActionImpls } from '../_shared/handler';
import { database, findById, list, type Db } from '../_shared/db';
import { toDisplayUrls } from '../_shared/media';
import { asCampaignOrder, bySeq, CAMPAIGNS, campaignOrders, ORDERS, productsOf, publicCampaign, withDefaults, type CampaignOrderDoc } from './store';
import { campaignCardsOf, publicEntriesOf, publicViewOf } from './views';

type Impls = ActionImpls<typeof campaignsContract>;

/** The states in which an order may be on the list (countsInList decides each). */
const LISTED_STATES = ['to_confirm', 'paid', 'shipped', 'ready_for_pickup', 'completed', 'refunding'];
const FIRST_PAGE = 20;

async function shopOf(db: Db, campaign: CampaignDoc): Promise<ShopDoc> {
  const shop = await findById<ShopDoc>(db, 'shops', campaign.shopId);
  // A shop that is gone takes its campaigns with it.
  if (!shop) throw new AppError('CAMPAIGN_NOT_FOUND');
  return shop;
}

/**
 * The public list newest first: entries with a 跟团号 below `before` (all when absent), up to
 * `limit`; orders that stopped counting are skipped. nextBefore is set while older ones remain.
 */
async function entriesPage(db: Db, campaignId: string, viewer: string | null, before: number | undefined, limit: number): Promise<{ entries: PublicEntry[]; nextBefore: number | null }> {
  const _ = db.command;
  const listed = (below: number) => _.and([{ 'campaign.campaignId': campaignId, state: _.in(LISTED_STATES) }, { 'campaign.seq': _.gt(0) }, { 'campaign.seq': _.lt(below) }]);
  const entries: PublicEntry[] = [];
  let below = before ?? Number.MAX_SAFE_INTEGER;
  for (;;) {
    const batch = await list<CampaignOrderDoc>(
      db
        .collection(ORDERS)
        .where(listed(below))
        .orderBy('campaign.seq', 'desc')
        .limit(limit - entries.length),
    );
    entries.push(...(await publicEntriesOf(batch.map(withDefaults), viewer)));
    if (batch.length === 0) return { entries, nextBefore: null };
    below = batch[batch.length - 1].campaign.seq as number;
    if (entries.length >= limit) break;
  }
  const older = (await db.collection(ORDERS).where(listed(below)).count()) as { total: number };
  return { entries, nextBefore: older.total > 0 ? below : null };
}

export const buyerActions: Pick<Impls, 'getCampaign' | 'listEntries' | 'myEntry' | 'shareText' | 'renameEntry' | 'shopCampaigns'> = {
  async getCampaign({ campaignId }, ctx) {
    const db = database();
    const campaign = await publicCampaign(db, campaignId);
    const [shop, products, page] = await Promise.all([
      shopOf(db, campaign),
      productsOf(db, campaign.items.map((item) => item.productId)),
      entriesPage(db, campaignId, ctx.openid ?? null, undefined, FIRST_PAGE),
    ]);
    const shopView = toShopPublic(shop);
    const avatar = (await toDisplayUrls([shopView.avatar])).get(shopView.avatar) ?? shopView.avatar;
    return { shop: { ...shopView, avatar }, campaign: await publicViewOf(campaign, products, shop, ctx.clock.now()), ...page };
  },

  async shopCampaigns({ shopId }, ctx) {
    const db = database();
    if (!(await findById<ShopDoc>(db, 'shops', shopId))) throw new AppError('SHOP_NOT_FOUND');
    const now = ctx.clock.now();
    // Published and not yet at 截团 is scheduled or open (campaignState); one bounded read of this shop's
    // only, closing soonest first: those are the ones a buyer must not miss.
    const campaigns = await list<CampaignDoc>(
      db
        .collection(CAMPAIGNS)
        .where({ shopId, status: 'published', endAt: db.command.gt(now) })
        .orderBy('endAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(SHOP_CAMPAIGNS_MAX),
    );
    const products = await productsOf(db, campaigns.flatMap((campaign) => campaign.items.map((item) => item.productId)));
    return { campaigns: await campaignCardsOf(campaigns, products, now) };
  },

  async listEntries({ campaignId, before, limit }, ctx) {
    const db = database();
    await publicCampaign(db, campaignId);
    return entriesPage(db, campaignId, ctx.openid ?? null, before, limit);
  },

  async myEntry({ campaignId }, ctx) {
    const db = database();
    await publicCampaign(db, campaignId);
    const orders = await campaignOrders(db, campaignId, { buyerOpenId: ctx.openid });
    return { entries: orders.map((order) => toMyEntry(asCampaignOrder(order))) };
  },

  async shareText({ campaignId }, ctx) {
    const db = database();
    const campaign = await publicCampaign(db, campaignId);
    const [shop, products, orders] = await Promise.all([shopOf(db, campaign), productsOf(db, campaign.items.map((item) => item.productId)), campaignOrders(db, campaignId)]);
    const items = campaign.items.map((item) => {
      const product = products.find((candidate) => candidate._id === item.productId);
      // One SKU of several is named with its spec: "腊肉（五花）".
      const specs = item.skuIds.length === 1 && (product?.skus.length ?? 0) > 1 ? (product?.skus.find((sku) => sku.id === item.skuIds[0])?.spec ?? '') : '';
      const name = specs ? `${product?.name ?? ''}（${specs}）` : (product?.name ?? '');
      return { priceLi: item.priceLi, tiers: item.tiers, name, unit: product?.unit ?? '', countedQty: campaign.counted[item.id] ?? 0 };
    });
    const entries = orders
      .filter((order) => order.campaign.seq !== null && countsInList(asCampaignOrder(order)))
      .sort(bySeq)
      .map((order) => ({ seq: order.campaign.seq as number, name: order.campaign.displayName, summary: entryText(order.lines) }));
    return { text: campaignGroupText({ shopName: shop.name, title: campaign.title, text: campaign.text, endAt: campaign.endAt, items, entries, now: ctx.clock.now() }) };
  },

  async renameEntry({ campaignId, name, avatar }, ctx) {
    const db = database();
    await publicCampaign(db, campaignId);
    const data: Record<string, string> = { 'campaign.displayName': name };
    if (avatar !== undefined) data['campaign.avatar'] = avatar;
    // Only the list's name changes: no state, no version, so no change of the order itself is lost.
    await db.collection(ORDERS).where({ 'campaign.campaignId': campaignId, buyerOpenId: ctx.openid }).update({ data });
    const orders = await campaignOrders(db, campaignId, { buyerOpenId: ctx.openid });
    return { entries: orders.map((order) => toMyEntry(asCampaignOrder(order))) };
  },
};
