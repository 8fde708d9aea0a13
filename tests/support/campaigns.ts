// Campaign fixtures for function tests: a campaign of the demo shop ready to open, and orders of a
// campaign put straight into the database as the orders function would have left them.
import type { CampaignInput, OrderState } from '@core/contracts';
import type { CampaignDoc } from '@core/campaigns';
import type { OrderCampaign, OrderDoc } from '@core/model';
import { createOrder } from '@core/orders';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { TestEmulator } from './emulator';

const HOUR = 60 * 60 * 1000;
/** The demo shop's pickup point. */
export const POINT = { id: 'town', name: '镇上老张腊味店', address: '酉阳县龙潭镇老街 18 号', hours: '每天 8:00-20:00' };

/** A campaign of the demo shop ready to open: 腊肉（五花） at ¥50.00, ¥45.00 from 50 斤 on, capped at 100. */
export function larouCampaign(fields: Partial<CampaignInput> = {}): CampaignInput {
  const now = Date.now();
  return {
    title: '腊肉接龙',
    text: '今年第一批，冬至前发货。',
    images: ['/media/seed/larou.svg'],
    startAt: now,
    endAt: now + 24 * HOUR,
    items: [{ productId: 'larou', skuIds: ['wuhua'], priceLi: 50_000, tiers: [{ minQty: 50, priceLi: 45_000 }], limitPerBuyer: null, stockCap: 100 }],
    fulfilment: { express: true, local: false, pickupPointIds: ['town'] },
    ...fields,
  };
}

let orderSeq = 0;

/** Puts an order of the campaign straight into the database, as the orders function would have left it. */
export function insertCampaignOrder(
  emu: TestEmulator,
  campaignId: string,
  opts: { buyer: string; state?: OrderState; seq?: number | null; name?: string; quantity?: number; pickup?: boolean; receiver?: string; phone?: string; difference?: OrderCampaign['difference'] },
): string {
  orderSeq += 1;
  const now = Date.now();
  const quantity = opts.quantity ?? 2;
  const line = { productId: 'larou', skuId: 'wuhua', name: '酉阳柴火烟熏腊肉', spec: '五花', unit: '斤', image: '', quantity, unitPriceLi: 50_000, priceSource: { kind: 'campaign' as const, campaignId, itemId: 'i1', minQty: 1 }, totalFen: quantity * 5000 };
  const receiver = { name: opts.receiver ?? '王阿姨', phone: opts.phone ?? '13800138000' };
  const address = { ...receiver, province: '重庆市', city: '重庆市', district: '酉阳县', detail: '桃花源街道 1 号' };
  const order = createOrder({
    id: `camp-o-${process.pid}-${orderSeq}`,
    orderNo: `2612020${String(orderSeq).padStart(5, '0')}`,
    shopId: DEMO_SHOP_ID,
    buyerOpenId: opts.buyer,
    requestId: `camp-${orderSeq}`,
    quote: { lines: [line], goodsFen: line.totalFen, feeFen: 0, totalFen: line.totalFen },
    fulfilment: opts.pickup ? { kind: 'pickup', point: POINT, contact: receiver } : { kind: 'express', address, tracking: null },
    mode: 'offline',
    buyerNote: '',
    source: { ref: null, scene: null },
    at: now,
    payWithinMs: 30 * 60_000,
  });
  const state = opts.state ?? 'paid';
  const paid = state !== 'to_pay' && state !== 'to_confirm' && state !== 'cancelled';
  const seq = opts.seq === undefined ? orderSeq : opts.seq;
  const campaign: OrderCampaign = { campaignId, seq, countedAt: seq === null ? null : now, displayName: opts.name ?? receiver.name, avatar: '', difference: opts.difference ?? null };
  const doc: OrderDoc = {
    ...order,
    state,
    expiresAt: paid ? null : order.expiresAt,
    payment: { ...order.payment, paidFen: paid ? line.totalFen : 0, paidAt: paid ? now : null },
    history: [...order.history, ...(state === 'to_pay' ? [] : [{ event: 'pay_confirmed' as const, from: 'to_pay' as const, to: state, actor: 'system' as const, actorId: null, at: now, reason: '', amountFen: null }])],
    campaign,
  };
  emu.db.insert('orders', { ...doc });
  return doc._id;
}

let campaignSeq = 0;

/**
 * Puts a campaign of the demo shop straight into the database: a draft unless `state` says
 * otherwise (scheduled, open or ended by its times), with one item (腊肉（五花）, capped at 100).
 */
export function insertCampaign(emu: TestEmulator, state: 'draft' | 'scheduled' | 'open' | 'ended' = 'draft', fields: Partial<CampaignDoc> = {}): string {
  campaignSeq += 1;
  const now = Date.now();
  const input = larouCampaign();
  const times = {
    draft: { startAt: now, endAt: now + 24 * HOUR },
    scheduled: { startAt: now + HOUR, endAt: now + 24 * HOUR },
    open: { startAt: now - HOUR, endAt: now + 24 * HOUR },
    ended: { startAt: now - 2 * HOUR, endAt: now - HOUR },
  }[state];
  const doc: CampaignDoc = {
    _id: `test-campaign-${process.pid}-${campaignSeq}`,
    shopId: DEMO_SHOP_ID,
    title: input.title,
    text: input.text,
    images: input.images,
    ...times,
    items: input.items.map((item, index) => ({ ...item, id: `i${index + 1}` })),
    fulfilment: input.fulfilment,
    status: state === 'draft' ? 'draft' : 'published',
    publishedAt: state === 'draft' ? null : times.startAt,
    endedEarly: null,
    lastSeq: 0,
    entries: 0,
    counted: {},
    taken: {},
    settlement: null,
    copiedFrom: null,
    createdBy: 'demo-owner-laozhang',
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  emu.db.insert('campaigns', { ...doc });
  return doc._id;
}

/** A transfer order's 待退差价 as settlement records it: ¥10.00 owed, not yet marked. */
export function dueDifference(closedAt: number): NonNullable<OrderCampaign['difference']> {
  return { closedAt, paidGoodsFen: 10_000, repricedGoodsFen: 9_000, differenceFen: 1_000, settledFen: 1_000, refundedFen: 0, status: 'due', refundNo: null, at: closedAt };
}
