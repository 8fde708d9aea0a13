// Replies as the contract shapes them, with image refs turned into URLs buyers (and H5) can load.
import type { CampaignCard, CampaignOrderRow, CampaignPublic, CampaignVendorView, PublicEntry } from '@core/contracts';
import type { CampaignDoc, CampaignProduct } from '@core/campaigns';
import { toCampaignCard, toCampaignOrderRow, toCampaignPublic, toCampaignVendorView, toPublicEntry } from '@core/campaign-views';
import type { ShopDoc } from '@core/model';
import { toDisplayUrls } from '../_shared/media';
import type { Db } from '../_shared/db';
import { asCampaignOrder, productsOf, type CampaignOrderDoc } from './store';

const show = (urls: Map<string, string>, ref: string): string => urls.get(ref) ?? ref;

/**
 * The whole campaign for its vendor. The campaign's own photos stay as stored (the editor sends
 * them back on save); the goods' thumbnails become URLs.
 */
export async function vendorViewOf(db: Db, campaign: CampaignDoc, now: number): Promise<{ campaign: CampaignVendorView }> {
  const products = await productsOf(db, campaign.items.map((item) => item.productId));
  const view = toCampaignVendorView(campaign, products, now);
  const urls = await toDisplayUrls(view.items.map((item) => item.image));
  return { campaign: { ...view, items: view.items.map((item) => ({ ...item, image: show(urls, item.image) })) } };
}

/** The campaign as buyers see it, with every picture as a URL. */
export async function publicViewOf(campaign: CampaignDoc, products: readonly CampaignProduct[], shop: ShopDoc, now: number): Promise<CampaignPublic> {
  const view = toCampaignPublic(campaign, products, shop.fulfilment.pickup.enabled ? shop.fulfilment.pickup.points : [], now);
  const urls = await toDisplayUrls([...view.images, ...view.items.map((item) => item.image)]);
  return { ...view, images: view.images.map((ref) => show(urls, ref)), items: view.items.map((item) => ({ ...item, image: show(urls, item.image) })) };
}

/** The home page's cards, with their photos as URLs. */
export async function campaignCardsOf(campaigns: readonly CampaignDoc[], products: readonly CampaignProduct[], now: number): Promise<CampaignCard[]> {
  const cards = campaigns.map((campaign) => toCampaignCard(campaign, products, now));
  const urls = await toDisplayUrls(cards.map((card) => card.image));
  return cards.map((card) => ({ ...card, image: show(urls, card.image) }));
}

/** Public entries (masked names, avatars as URLs); orders that do not count are left out. */
export async function publicEntriesOf(orders: readonly CampaignOrderDoc[], viewer: string | null): Promise<PublicEntry[]> {
  const entries = orders.map((order) => toPublicEntry(asCampaignOrder(order), viewer)).filter((entry): entry is PublicEntry => entry !== null);
  const urls = await toDisplayUrls(entries.map((entry) => entry.avatar));
  return entries.map((entry) => ({ ...entry, avatar: show(urls, entry.avatar) }));
}

export const orderRowOf = (order: CampaignOrderDoc): CampaignOrderRow => toCampaignOrderRow(asCampaignOrder(order));
