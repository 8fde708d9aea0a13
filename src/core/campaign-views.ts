// Campaigns as replies show them: buyers get the goods with tiers and progress, counters, and the
// public list with masked names; vendors get the whole campaign, its figures, and its orders with
// full names and phones. Shapes are the contract's (contracts/campaigns.ts).
import type { CampaignCard, CampaignItemView, CampaignOrderRow, CampaignPublic, CampaignRow, CampaignVendorView, MyEntry, PublicEntry } from './contracts/campaigns';
import type { OrderFulfilment } from './contracts/orders';
import { pickupPointOpen, type PickupPoint } from './contracts/shop';
import type { z } from 'zod';
import { lowestPriceLi, progressText, tierProgress } from './campaign-pricing';
import { capLeftOf } from './campaign-ordering';
import { deadlineText, entryText, maskName } from './campaign-text';
import { campaignState, countsInList, type CampaignDoc, type CampaignItem, type CampaignOrder, type CampaignProduct } from './campaigns';
import type { Fen } from './money';

function itemView(campaign: CampaignDoc, item: CampaignItem, product: CampaignProduct | undefined): CampaignItemView {
  const countedQty = campaign.counted[item.id] ?? 0;
  const progress = tierProgress(item, countedQty);
  const unit = product?.unit ?? '';
  const final = campaign.settlement?.items.find((candidate) => candidate.itemId === item.id) ?? null;
  return {
    id: item.id,
    productId: item.productId,
    name: product?.name ?? '',
    unit,
    image: product?.images[0] ?? '',
    skus: (product?.skus ?? []).filter((sku) => item.skuIds.includes(sku.id)).map(({ id, spec, minQty, stepQty }) => ({ id, spec, minQty, stepQty })),
    priceLi: item.priceLi,
    tiers: [...item.tiers],
    limitPerBuyer: item.limitPerBuyer,
    capLeft: capLeftOf(campaign, item),
    countedQty,
    current: progress.current,
    next: progress.next,
    progressText: final ? '' : progressText(progress, unit, item.tiers.length > 0),
    final: final && { priceLi: final.priceLi, minQty: final.minQty },
  };
}

export function campaignItemViews(campaign: CampaignDoc, products: readonly CampaignProduct[]): CampaignItemView[] {
  return campaign.items.map((item) => itemView(campaign, item, products.find((product) => product._id === item.productId)));
}

/** Group totals by unit, in the order units first appear: "共 82 斤、12 盒". */
export function unitTotals(items: readonly Pick<CampaignItemView, 'unit' | 'countedQty'>[]): { unit: string; quantity: number }[] {
  const totals: { unit: string; quantity: number }[] = [];
  for (const item of items) {
    const row = totals.find((total) => total.unit === item.unit);
    if (row) row.quantity += item.countedQty;
    else totals.push({ unit: item.unit, quantity: item.countedQty });
  }
  return totals;
}

/** The campaign as buyers see it; only the shop's pickup points the campaign offers. */
export function toCampaignPublic(campaign: CampaignDoc, products: readonly CampaignProduct[], points: readonly z.infer<typeof PickupPoint>[], now: number): CampaignPublic {
  const items = campaignItemViews(campaign, products);
  return {
    id: campaign._id,
    shopId: campaign.shopId,
    title: campaign.title,
    text: campaign.text,
    images: campaign.images,
    startAt: campaign.startAt,
    endAt: campaign.endAt,
    state: campaignState(campaign, now),
    items,
    fulfilment: { express: campaign.fulfilment.express, local: campaign.fulfilment.local, pickupPoints: points.filter((point) => pickupPointOpen(point) && campaign.fulfilment.pickupPointIds.includes(point.id)) },
    entries: campaign.entries,
    totals: unitTotals(items),
    lowestPriceLi: campaign.items.length ? Math.min(...campaign.items.map(lowestPriceLi)) : 0,
  };
}

/**
 * A scheduled or open campaign as the shop's home page lists it: its first photo (else its first
 * product's), when it closes or opens, how many joined, and its lowest price with that item's unit.
 */
export function toCampaignCard(campaign: CampaignDoc, products: readonly CampaignProduct[], now: number): CampaignCard {
  const productOf = (productId: string) => products.find((product) => product._id === productId);
  const prices = campaign.items.map((item) => ({ item, priceLi: lowestPriceLi(item) }));
  const lowest = prices.reduce<(typeof prices)[number] | undefined>((best, each) => (best && best.priceLi <= each.priceLi ? best : each), undefined);
  const state = campaignState(campaign, now) === 'scheduled' ? 'scheduled' : 'open';
  return {
    id: campaign._id,
    title: campaign.title,
    image: campaign.images[0] ?? productOf(campaign.items[0]?.productId ?? '')?.images[0] ?? '',
    state,
    startAt: campaign.startAt,
    endAt: campaign.endAt,
    timeText: state === 'scheduled' ? `${deadlineText(campaign.startAt, now)} 开团` : `${deadlineText(campaign.endAt, now)} 截团`,
    entries: campaign.entries,
    lowestPriceLi: lowest?.priceLi ?? 0,
    unit: (lowest && productOf(lowest.item.productId)?.unit) ?? '',
    from: campaign.items.length > 1 || campaign.items.some((item) => item.tiers.length > 0),
  };
}

export function settlementStatusOf(campaign: Pick<CampaignDoc, 'settlement'>): CampaignRow['settlement'] {
  return campaign.settlement?.status ?? 'none';
}

export function toCampaignVendorView(campaign: CampaignDoc, products: readonly CampaignProduct[], now: number): CampaignVendorView {
  const views = campaignItemViews(campaign, products);
  return {
    id: campaign._id,
    shopId: campaign.shopId,
    state: campaignState(campaign, now),
    title: campaign.title,
    text: campaign.text,
    images: campaign.images,
    startAt: campaign.startAt,
    endAt: campaign.endAt,
    items: views.map((view, index) => ({ ...view, skuIds: [...campaign.items[index].skuIds], stockCap: campaign.items[index].stockCap, takenQty: campaign.taken[view.id] ?? 0 })),
    fulfilment: campaign.fulfilment,
    endedEarly: campaign.endedEarly && { at: campaign.endedEarly.at, plannedEndAt: campaign.endedEarly.plannedEndAt },
    copiedFrom: campaign.copiedFrom,
    entries: campaign.entries,
    settlement: settlementStatusOf(campaign),
    updatedAt: campaign.updatedAt,
  };
}

/** A row of the vendor's list; the money figures come from the campaign's orders (summed by the function). */
export function toCampaignRow(campaign: CampaignDoc, products: readonly CampaignProduct[], money: { takenFen: Fen; refundedFen: Fen }, now: number): CampaignRow {
  return {
    id: campaign._id,
    title: campaign.title,
    state: campaignState(campaign, now),
    startAt: campaign.startAt,
    endAt: campaign.endAt,
    entries: campaign.entries,
    items: campaignItemViews(campaign, products).map(({ id, name, unit, countedQty, current }) => ({ id, name, unit, countedQty, current })),
    takenFen: money.takenFen,
    refundedFen: money.refundedFen,
    settlement: settlementStatusOf(campaign),
  };
}

const summaryOf = (order: Pick<CampaignOrder, 'lines'>) => entryText(order.lines);

/** One line of the public list; null for an order that does not count (it leaves the list). */
export function toPublicEntry(order: CampaignOrder, viewerOpenId: string | null): PublicEntry | null {
  const { seq, countedAt: at, displayName, avatar } = order.campaign;
  if (seq === null || at === null || !countsInList(order)) return null;
  return { seq, name: maskName(displayName), avatar, summary: summaryOf(order), at, mine: viewerOpenId !== null && viewerOpenId === order.buyerOpenId };
}

function receiverOf(fulfilment: OrderFulfilment): { name: string; phone: string } {
  return fulfilment.kind === 'pickup' ? fulfilment.contact : fulfilment.address;
}

function differenceView(order: CampaignOrder): CampaignOrderRow['difference'] {
  const difference = order.campaign.difference;
  return difference && { differenceFen: difference.differenceFen, refundedFen: difference.refundedFen, status: difference.status };
}

/** An order as the vendor's campaign list shows it: full name and phone, struck through when it no longer counts. */
export function toCampaignOrderRow(order: CampaignOrder): CampaignOrderRow {
  const receiver = receiverOf(order.fulfilment);
  const point = order.fulfilment.kind === 'pickup' ? order.fulfilment.point : null;
  return {
    orderId: order._id,
    orderNo: order.orderNo,
    seq: order.campaign.seq,
    state: order.state,
    counts: countsInList(order),
    buyerName: receiver.name,
    phone: receiver.phone,
    summary: summaryOf(order),
    lines: order.lines.map(({ productId, skuId, name, spec, unit, quantity, unitPriceLi, totalFen }) => ({ productId, skuId, name, spec, unit, quantity, unitPriceLi, totalFen })),
    totalFen: order.totalFen,
    paidFen: order.payment.paidFen,
    refundedFen: order.payment.refundedFen,
    mode: order.payment.mode,
    fulfilment: { kind: order.fulfilment.kind, pointId: point?.id ?? null, pointName: point?.name ?? null },
    buyerNote: order.buyerNote,
    createdAt: order.createdAt,
    countedAt: order.campaign.countedAt,
    difference: differenceView(order),
  };
}

/** The buyer's own order in the campaign. */
export function toMyEntry(order: CampaignOrder): MyEntry {
  return {
    orderId: order._id,
    orderNo: order.orderNo,
    seq: order.campaign.seq,
    state: order.state,
    counts: countsInList(order),
    summary: summaryOf(order),
    totalFen: order.totalFen,
    paidFen: order.payment.paidFen,
    difference: differenceView(order),
  };
}
