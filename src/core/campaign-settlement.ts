// Settlement at 截团 (退差价). The final tier of each item is fixed once, from the group total
// counted at 截团; every counted order is then repriced line by line at min(price paid, final tier
// price), rounded half-up to the fen per line as every line is, and the difference goes back:
// WeChat Pay orders by a partial refund, transfer orders as a 待退差价 the vendor pays back.
// Nobody ever pays more than at placement; cancellations after 截团 re-price nobody (the final
// tiers never move once fixed); settling again changes nothing (what was given back is an input).
import type { DifferenceStatus, SettlementTotals } from './contracts/campaigns';
import type { PaymentMode } from './contracts/orders';
import { tierInForce } from './campaign-pricing';
import { campaignState, itemOf, type CampaignDoc, type CampaignResult } from './campaigns';
import { ERROR_MESSAGES } from './errors';
import { lineTotalFen, sumFen, type Fen, type Li } from './money';

/** An item's price fixed at 截团. */
export interface FinalItemPrice {
  itemId: string;
  /** The group total counted at 截团. */
  countedQty: number;
  /** The tier in force at that total, and where it starts (1 for the campaign price). */
  priceLi: Li;
  minQty: number;
}

/** Stored on the campaign, written once (a conditional update on `settlement: null`). */
export interface CampaignSettlement {
  /** The 截团 the totals are counted at (the campaign's endAt when it ended). */
  closedAt: number;
  /** When the final tiers were fixed (at or after closedAt: the timer or the vendor's tap). */
  frozenAt: number;
  items: FinalItemPrice[];
  /** settling: orders are being settled; settled: every counted order was. */
  status: 'settling' | 'settled';
  settledAt: number | null;
}

/** a − b, never below 0, for amounts in 分. Belongs in money.ts (one module does money arithmetic). */
export function fenAbove(a: Fen, b: Fen): Fen {
  return Math.max(0, sumFen([a]) - sumFen([b]));
}

/** The final tier of every item from the group totals at 截团 (countedTotals(campaign, orders, endAt)). */
export function finalPrices(campaign: Pick<CampaignDoc, 'items'>, totals: Readonly<Record<string, number>>): FinalItemPrice[] {
  return campaign.items.map((item) => {
    const countedQty = totals[item.id] ?? 0;
    return { itemId: item.id, countedQty, ...tierInForce(item, countedQty) };
  });
}

/**
 * Fixes the final tiers once the campaign has ended. Whoever comes first (the vendor's 截团, a
 * second tap, the timer) fixes them; everyone after gets a noop and reads the same prices.
 * The function writes it only where `settlement` is still null.
 */
export function freezeSettlement(campaign: CampaignDoc, totals: Readonly<Record<string, number>>, now: number): CampaignResult {
  if (campaign.settlement) return { ok: true, outcome: 'noop', campaign, why: 'already_frozen' };
  if (campaignState(campaign, now) !== 'ended') {
    return { ok: false, problems: [{ code: 'CAMPAIGN_STATE_CONFLICT', path: '', message: '还没截团，不能结算' }] };
  }
  const items = finalPrices(campaign, totals);
  const counted = Object.fromEntries(items.map((item) => [item.itemId, item.countedQty]));
  const settlement: CampaignSettlement = { closedAt: campaign.endAt, frozenAt: now, items, status: 'settling', settledAt: null };
  return { ok: true, outcome: 'moved', campaign: { ...campaign, counted, settlement, updatedAt: Math.max(campaign.updatedAt, now) } };
}

/** Marks the settlement done once every counted order is settled. */
export function completeSettlement(campaign: CampaignDoc, now: number): CampaignResult {
  const settlement = campaign.settlement;
  if (!settlement) return { ok: false, problems: [{ code: 'CAMPAIGN_STATE_CONFLICT', path: '', message: '还没截团，不能结算' }] };
  if (settlement.status === 'settled') return { ok: true, outcome: 'noop', campaign, why: 'already_settled' };
  return { ok: true, outcome: 'moved', campaign: { ...campaign, settlement: { ...settlement, status: 'settled', settledAt: now }, updatedAt: Math.max(campaign.updatedAt, now) } };
}

// ---- One order ---------------------------------------------------------------------------------

export interface SettlementLine {
  productId: string;
  skuId: string;
  quantity: number;
  /** The unit price paid, as snapshotted on the line. */
  unitPriceLi: Li;
  /** The line amount paid. */
  totalFen: Fen;
}

export interface SettlementOrder {
  orderId: string;
  mode: PaymentMode;
  lines: readonly SettlementLine[];
  /** 0 until the money is confirmed (a transfer still awaiting the vendor). */
  paidFen: Fen;
  refundedFen: Fen;
  /** A refund asked for or under way, not yet in refundedFen: it may not be refunded twice. */
  pendingRefundFen: Fen;
  /** What this settlement already gave back or started for the order (0 the first time). */
  settledFen: Fen;
}

export interface RepricedLine {
  productId: string;
  skuId: string;
  quantity: number;
  paidUnitLi: Li;
  paidFen: Fen;
  finalUnitLi: Li;
  repricedFen: Fen;
}

/**
 * What to do now. wechat_refund: send a partial refund. vendor_refund: a 待退差价 for the vendor.
 * await_payment: owed once the transfer is confirmed (settle again then). await_refund: another
 * refund is under way; settle again when it is over. none: nothing to give back now.
 */
export type RefundMode = 'wechat_refund' | 'vendor_refund' | 'await_payment' | 'await_refund' | 'none';

export interface OrderSettlement {
  orderId: string;
  lines: RepricedLine[];
  paidGoodsFen: Fen;
  repricedGoodsFen: Fen;
  /** paidGoodsFen − repricedGoodsFen: what the final prices owe the buyer in all. */
  differenceFen: Fen;
  /** The part not yet given back by settlement (differenceFen − settledFen). */
  dueFen: Fen;
  /** To give back now: the due part, never more than paid − refunded − a refund under way. */
  refundFen: Fen;
  mode: RefundMode;
}

/** A line at min(price paid, final price), rounded half-up per line; never above what the line cost. */
export function repriceLine(line: SettlementLine, finalPriceLi: Li | null): RepricedLine {
  const finalUnitLi = finalPriceLi === null ? line.unitPriceLi : Math.min(line.unitPriceLi, finalPriceLi);
  const repricedFen = Math.min(line.totalFen, lineTotalFen(finalUnitLi, line.quantity));
  return { productId: line.productId, skuId: line.skuId, quantity: line.quantity, paidUnitLi: line.unitPriceLi, paidFen: line.totalFen, finalUnitLi, repricedFen };
}

/** The final price a SKU's lines settle at; null for a SKU outside the campaign (its lines keep their price). */
function finalPriceOf(campaign: Pick<CampaignDoc, 'items'>, prices: readonly FinalItemPrice[], productId: string, skuId: string): Li | null {
  const item = itemOf(campaign, productId, skuId);
  return item ? (prices.find((price) => price.itemId === item.id)?.priceLi ?? null) : null;
}

/** Settles one counted order against the final prices. Pure and idempotent: feed back settledFen and it owes nothing more. */
export function settleOrder(campaign: Pick<CampaignDoc, 'items'>, prices: readonly FinalItemPrice[], order: SettlementOrder): OrderSettlement {
  const lines = order.lines.map((line) => repriceLine(line, finalPriceOf(campaign, prices, line.productId, line.skuId)));
  const paidGoodsFen = sumFen(lines.map((line) => line.paidFen));
  const repricedGoodsFen = sumFen(lines.map((line) => line.repricedFen));
  const differenceFen = fenAbove(paidGoodsFen, repricedGoodsFen);
  const dueFen = fenAbove(differenceFen, order.settledFen);
  const refundableFen = fenAbove(order.paidFen, order.refundedFen + order.pendingRefundFen);
  const base = { orderId: order.orderId, lines, paidGoodsFen, repricedGoodsFen, differenceFen, dueFen };
  if (dueFen === 0) return { ...base, refundFen: 0, mode: 'none' };
  if (order.paidFen === 0) return { ...base, refundFen: 0, mode: 'await_payment' };
  if (order.pendingRefundFen > 0) return { ...base, refundFen: 0, mode: 'await_refund' };
  const refundFen = Math.min(dueFen, refundableFen);
  if (refundFen === 0) return { ...base, refundFen: 0, mode: 'none' };
  return { ...base, refundFen, mode: order.mode === 'wechat' ? 'wechat_refund' : 'vendor_refund' };
}

export interface CampaignSettlementResult {
  orders: OrderSettlement[];
  paidGoodsFen: Fen;
  repricedGoodsFen: Fen;
  differenceFen: Fen;
  refundFen: Fen;
}

/** Settles every counted order (in the order given) and sums what they paid, owe and get back. */
export function settleCampaign(campaign: Pick<CampaignDoc, 'items'>, prices: readonly FinalItemPrice[], orders: readonly SettlementOrder[]): CampaignSettlementResult {
  const settled = orders.map((order) => settleOrder(campaign, prices, order));
  return {
    orders: settled,
    paidGoodsFen: sumFen(settled.map((order) => order.paidGoodsFen)),
    repricedGoodsFen: sumFen(settled.map((order) => order.repricedGoodsFen)),
    differenceFen: sumFen(settled.map((order) => order.differenceFen)),
    refundFen: sumFen(settled.map((order) => order.refundFen)),
  };
}

// ---- The difference as recorded on the order ----------------------------------------------------

/** Stored on a campaign order (OrderCampaign.difference) as settlement reaches it. */
export interface OrderDifference {
  /** The 截团 whose final prices it was settled at. */
  closedAt: number;
  paidGoodsFen: Fen;
  repricedGoodsFen: Fen;
  differenceFen: Fen;
  /** Given back or started by settlement (a WeChat refund sent, a 待退差价 owed): the next settleOrder's settledFen. */
  settledFen: Fen;
  /** Of that, paid back and confirmed. */
  refundedFen: Fen;
  status: DifferenceStatus;
  /** The WeChat refund's out_refund_no; null for transfers. */
  refundNo: string | null;
  at: number;
  /** A 待退差价 marked as paid back: the vendor's note and who marked it. Absent otherwise. */
  note?: string;
  markedBy?: string;
}

/**
 * What to record after settling an order (and starting its refund, if any). The function writes it
 * only if the order's difference is still `previous` (a compare-and-set), so two settlements
 * racing give back once.
 */
export function recordSettlement(previous: OrderDifference | null, result: OrderSettlement, closedAt: number, opts: { at: number; refundNo?: string | null }): OrderDifference {
  const settledFen = (previous?.settledFen ?? 0) + result.refundFen;
  const refundedFen = previous?.refundedFen ?? 0;
  const status = ((): DifferenceStatus => {
    if (result.mode === 'wechat_refund') return 'processing';
    if (result.mode === 'vendor_refund') return 'due';
    if (result.mode === 'await_payment' || result.mode === 'await_refund') return 'waiting';
    if (previous && (previous.status === 'processing' || previous.status === 'due')) return previous.status;
    return refundedFen > 0 ? 'done' : 'none';
  })();
  return {
    closedAt,
    paidGoodsFen: result.paidGoodsFen,
    repricedGoodsFen: result.repricedGoodsFen,
    differenceFen: result.differenceFen,
    settledFen,
    refundedFen,
    status,
    refundNo: result.mode === 'wechat_refund' ? (opts.refundNo ?? null) : (previous?.refundNo ?? null),
    at: opts.at,
  };
}

export type DifferenceResult =
  | { ok: true; outcome: 'moved'; difference: OrderDifference }
  | { ok: true; outcome: 'noop'; difference: OrderDifference; why: string }
  | { ok: false; problem: { code: 'CAMPAIGN_DIFFERENCE_NOT_DUE'; message: string } };

/**
 * The money went back: the vendor marks a 待退差价 as paid (due), or WeChat Pay confirms the
 * refund (processing). Marked twice, it is marked once.
 */
export function differenceRefunded(difference: OrderDifference | null, at: number): DifferenceResult {
  if (difference?.status === 'done') return { ok: true, outcome: 'noop', difference, why: 'already_refunded' };
  if (!difference || (difference.status !== 'due' && difference.status !== 'processing')) {
    return { ok: false, problem: { code: 'CAMPAIGN_DIFFERENCE_NOT_DUE', message: ERROR_MESSAGES.CAMPAIGN_DIFFERENCE_NOT_DUE } };
  }
  return { ok: true, outcome: 'moved', difference: { ...difference, refundedFen: difference.settledFen, status: 'done', at } };
}

/** A WeChat refund of the difference failed: nothing went back, so it is owed again (the next settlement starts a new refund). */
export function differenceRefundFailed(difference: OrderDifference, at: number): OrderDifference {
  if (difference.status !== 'processing') return difference;
  return { ...difference, settledFen: difference.refundedFen, status: 'waiting', refundNo: null, at };
}

/** The vendor's settlement figures over the campaign's recorded differences. */
export function settlementTotals(differences: readonly (OrderDifference | null)[]): SettlementTotals {
  const recorded = differences.filter((difference): difference is OrderDifference => difference !== null);
  const sumWhere = (status: DifferenceStatus, pick: (difference: OrderDifference) => Fen) => sumFen(recorded.filter((difference) => difference.status === status).map(pick));
  return {
    orders: recorded.length,
    paidGoodsFen: sumFen(recorded.map((difference) => difference.paidGoodsFen)),
    repricedGoodsFen: sumFen(recorded.map((difference) => difference.repricedGoodsFen)),
    differenceFen: sumFen(recorded.map((difference) => difference.differenceFen)),
    refundedFen: sumFen(recorded.map((difference) => difference.refundedFen)),
    dueFen: sumWhere('due', (difference) => fenAbove(difference.settledFen, difference.refundedFen)),
    waitingFen: sumWhere('waiting', (difference) => fenAbove(difference.differenceFen, difference.settledFen)),
    processingFen: sumWhere('processing', (difference) => fenAbove(difference.settledFen, difference.refundedFen)),
  };
}

/** The settlement input for a stored campaign order. */
export function settlementOrderOf(order: {
  _id: string;
  lines: readonly SettlementLine[];
  payment: { mode: PaymentMode; paidFen: Fen; refundedFen: Fen };
  pendingRefund: { amountFen: Fen } | null;
  campaign: { difference: OrderDifference | null };
}): SettlementOrder {
  return {
    orderId: order._id,
    mode: order.payment.mode,
    lines: order.lines,
    paidFen: order.payment.paidFen,
    refundedFen: order.payment.refundedFen,
    pendingRefundFen: order.pendingRefund?.amountFen ?? 0,
    settledFen: order.campaign.difference?.settledFen ?? 0,
  };
}
