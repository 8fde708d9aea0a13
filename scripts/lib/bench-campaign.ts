// The campaign rush of `npm run bench`: BUYERS buyers join one 接龙 at once through the gateway
// (place with the campaign's id, then 已转账), the vendor confirms every transfer, ends it (截团),
// and marks every 待退差价 as paid back. Checked: every counted order has a 跟团号, 1..N with no
// gap or twin; the final tier is the one the counted total reaches; what went back equals, to the
// fen, the sum over orders of (paid − repriced at the final tier).
import type { CampaignDoc } from '@core/campaigns';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { OrderDoc } from '@core/model';
import { formatLi, lineTotalFen, sumFen } from '@core/money';
import { all, callAs, OWNER, RUSH_ADDRESS as address, type Db } from './bench-gateway';
import { saleProduct, SALE_SKU } from './bench-sale';

export interface CampaignRush {
  counted: number;
  seqDense: boolean;
  finalTier: string;
  refundedOk: boolean;
  placePerSec: number;
  failures: number;
}

export async function campaignRush(db: Db, url: string, buyers: number): Promise<CampaignRush> {
  const now = Date.now();
  const productId = 'bench-campaign';
  const campaignId = 'bench-campaign';
  const tiers = [
    { minQty: Math.max(2, Math.floor(buyers * 0.3)), priceLi: 25_000 },
    { minQty: Math.max(3, Math.floor(buyers * 0.6)), priceLi: 22_500 },
  ];
  const campaign: CampaignDoc = {
    _id: campaignId,
    shopId: DEMO_SHOP_ID,
    title: '今晚截单：酉阳腊肉',
    text: '',
    images: [],
    startAt: now - 60_000,
    endAt: now + 3600_000,
    items: [{ id: 'i1', productId, skuIds: [SALE_SKU], priceLi: 30_000, tiers, limitPerBuyer: 5, stockCap: buyers * 2 }],
    fulfilment: { express: true, local: false, pickupPointIds: [] },
    status: 'published',
    publishedAt: now - 60_000,
    endedEarly: null,
    lastSeq: 0,
    entries: 0,
    counted: {},
    taken: {},
    settlement: null,
    copiedFrom: null,
    createdBy: OWNER,
    createdAt: now,
    updatedAt: now,
  };
  await db.collection('products').add({ data: saleProduct(productId, buyers * 10) });
  await db.collection('campaigns').add({ data: campaign });

  let failures = 0;
  const placeStart = performance.now();
  const placed = await Promise.all(
    Array.from({ length: buyers }, (_unused, i) =>
      callAs(url, `rush-buyer-${i}`, 'orders', 'place', { shopId: DEMO_SHOP_ID, campaignId, lines: [{ productId, skuId: SALE_SKU, quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'offline' }, `rush-${i}`),
    ),
  );
  const placePerSec = (buyers / (performance.now() - placeStart)) * 1000;
  const orderIds = placed.map((reply) => (reply.ok ? (reply.data?.order?.id ?? null) : null));
  failures += orderIds.filter((id) => id === null).length;

  // 已转账 (the order counts and gets its 跟团号), then the vendor's 已收款.
  const marked = await Promise.all(orderIds.map((orderId, i) => (orderId ? callAs(url, `rush-buyer-${i}`, 'orders', 'markTransferred', { orderId, note: '' }, `rush-mark-${i}`) : null)));
  failures += marked.filter((reply) => reply && !reply.ok).length;
  const confirmed = await Promise.all(orderIds.map((orderId, i) => (orderId ? callAs(url, OWNER, 'orders', 'confirmTransfer', { orderId }, `rush-confirm-${i}`) : null)));
  failures += confirmed.filter((reply) => reply && !reply.ok).length;

  // 截团, tapped again until the settlement is complete (the timer's part, in a benchmark without timers).
  for (let attempt = 0; attempt < 10; attempt++) {
    const ended = await callAs(url, OWNER, 'campaigns', 'endNow', { campaignId }, `rush-end-${attempt}`);
    if (!ended.ok) failures++;
    const { data } = (await db.collection('campaigns').where({ _id: campaignId }).get()) as unknown as { data: CampaignDoc[] };
    if (data[0]?.settlement?.status === 'settled') break;
  }
  const due = (await all<OrderDoc>(db, 'orders', { 'campaign.campaignId': campaignId })).filter((order) => order.campaign?.difference?.status === 'due');
  const marks = await Promise.all(due.map((order, i) => callAs(url, OWNER, 'campaigns', 'markDifferenceRefunded', { orderId: order._id, note: '' }, `rush-refund-${i}`)));
  failures += marks.filter((reply) => !reply.ok).length;

  const { data: campaigns } = (await db.collection('campaigns').where({ _id: campaignId }).get()) as unknown as { data: CampaignDoc[] };
  const final = campaigns[0]?.settlement?.items.find((item) => item.itemId === 'i1');
  const orders = await all<OrderDoc>(db, 'orders', { 'campaign.campaignId': campaignId });
  const numbered = orders.filter((order) => order.campaign?.seq != null);
  const seqs = numbered.map((order) => order.campaign?.seq ?? 0).sort((a, b) => a - b);
  const seqDense = seqs.every((seq, index) => seq === index + 1) && campaigns[0]?.lastSeq === seqs.length;
  const expected = final ? sumFen(numbered.map((order) => sumFen(order.lines.map((line) => line.totalFen - Math.min(line.totalFen, lineTotalFen(Math.min(line.unitPriceLi, final.priceLi), line.quantity)))))) : -1;
  const refunded = sumFen(numbered.map((order) => order.campaign?.difference?.refundedFen ?? 0));
  return {
    counted: numbered.length,
    seqDense,
    finalTier: final ? `${formatLi(final.priceLi)}@${final.countedQty}` : 'none',
    refundedOk: final !== undefined && refunded === expected && numbered.every((order) => order.campaign?.difference?.status === 'done' || order.campaign?.difference?.differenceFen === 0),
    placePerSec,
    failures,
  };
}
