// The order lifecycle as a pure state machine. Every change is an explicit event by an actor at a
// time, recorded in the order's history. Orders only move forward: a late or repeated signal is a
// no-op or a refund, said so in the result, never a step back.
import type {
  ActorRole,
  FulfilmentInput,
  OrderFulfilment,
  OrderQuote,
  OrderSource,
  OrderState,
  OrderView,
  PaymentMode,
  ResumeState,
} from './contracts/orders';
import type { PickupPoint } from './contracts/shop';
import type { z } from 'zod';
import { ERROR_MESSAGES, type ErrorCode } from './errors';
import type { Fen } from './money';
import type { OrderCampaign, OrderDoc, OrderHistoryEntry, OrderPayment, RefundRecord } from './model';

export type { ResumeState };

export type OrderEvent =
  /**
   * refundAll: the money came too late to be kept (a campaign's 截团 passed while the order was
   * unpaid): the order is called off and the money goes back in full, for this reason.
   */
  | { type: 'pay_confirmed'; amountFen: Fen; transactionId: string; subMchId: string; refundAll?: string }
  | { type: 'transfer_marked'; note: string }
  | { type: 'transfer_confirmed'; refundAll?: string }
  | { type: 'transfer_rejected' }
  | { type: 'ship'; tracking?: { carrier: string; number: string } | null; autoCompleteAt: number }
  | { type: 'ready'; autoCompleteAt: number }
  | { type: 'complete' }
  | { type: 'cancel' }
  | { type: 'expire' }
  | { type: 'refund_requested'; amountFen: Fen }
  | { type: 'refund_started'; amountFen: Fen; requestId?: string | null }
  | { type: 'refund_declined' }
  | { type: 'refund_done' }
  | { type: 'refund_failed' }
  /** A transfer order's campaign price difference (待退差价) the vendor paid back by hand. */
  | { type: 'difference_refunded'; amountFen: Fen };
export type OrderEventType = OrderEvent['type'];

export interface Actor {
  role: ActorRole;
  id?: string | null;
}

export interface TransitionContext {
  actor: Actor;
  at: number;
  reason?: string;
  /** The call asking for the change, recorded with it (see answeredRequest). */
  requestId?: string | null;
}

export interface OrderProblem {
  code: ErrorCode;
  message: string;
}

export type TransitionResult =
  | { ok: true; outcome: 'moved'; order: OrderDoc; entry: OrderHistoryEntry }
  /** Money arrived for an order already cancelled: recorded, and a full refund is now under way. */
  | { ok: true; outcome: 'refund_needed'; order: OrderDoc; entry: OrderHistoryEntry; amountFen: Fen }
  /** Nothing to do (a repeated callback, a double tap, a timer that lost the race); the order is unchanged. */
  | { ok: true; outcome: 'noop'; order: OrderDoc; why: string }
  | { ok: false; problem: OrderProblem };

/** An unpaid order rejected by the vendor gets this long again to be paid. */
export const RETRY_AFTER_REJECT_MS = 24 * 60 * 60 * 1000;

/** Who may send each event. Whether a buyer owns the order is checked here; vendor membership by the handler. */
export const EVENT_ACTORS: Record<OrderEventType, readonly ActorRole[]> = {
  pay_confirmed: ['payment'],
  transfer_marked: ['buyer'],
  transfer_confirmed: ['vendor'],
  transfer_rejected: ['vendor'],
  ship: ['vendor'],
  ready: ['vendor'],
  complete: ['buyer', 'vendor', 'system'],
  cancel: ['buyer', 'vendor', 'system'],
  expire: ['system'],
  refund_requested: ['buyer'],
  /** The system starts the refunds of a campaign's price differences (退差价). */
  refund_started: ['vendor', 'system'],
  refund_declined: ['vendor'],
  refund_done: ['payment', 'vendor'],
  refund_failed: ['payment'],
  difference_refunded: ['vendor'],
};

/** States in which the buyer's money is with the shop and the order is not being refunded. */
export const PAID_STATES: readonly OrderState[] = ['paid', 'shipped', 'ready_for_pickup', 'completed'];

/** Events a person must give a reason for (the other side reads it), and what they are told when they don't. */
const REASON_RULES: Partial<Record<OrderEventType, { roles: readonly ActorRole[]; message: string }>> = {
  transfer_rejected: { roles: ['vendor'], message: '请写明没收到款的原因，买家会看到' },
  cancel: { roles: ['vendor'], message: '请写明取消的原因，买家会看到' },
  refund_requested: { roles: ['buyer'], message: '请写明退款原因' },
  refund_declined: { roles: ['vendor'], message: '请写明不同意退款的原因，买家会看到' },
};

/** What to tell `role` when they send `event` without a reason; null when a reason is optional. */
export function reasonRequired(event: OrderEventType, role: ActorRole): string | null {
  const rule = REASON_RULES[event];
  return rule && rule.roles.includes(role) ? rule.message : null;
}

/**
 * Whether this person's call with this request id already changed the order: a retried call (a
 * lost reply, a double tap) is then answered with the order as it is, and changes nothing again.
 */
export function answeredRequest(order: Pick<OrderDoc, 'history'>, actorId: string | null | undefined, requestId: string): boolean {
  return order.history.some((entry) => entry.requestId === requestId && entry.actorId === (actorId ?? null));
}

const STATE_RANK: Record<Exclude<OrderState, 'refunding'>, number> = {
  to_pay: 0,
  to_confirm: 0,
  paid: 1,
  shipped: 2,
  ready_for_pickup: 2,
  completed: 3,
  cancelled: 4,
  refunded: 5,
};

/**
 * How far an order has come. Refunding is an overlay on the state it returns to, so its rank is
 * that state's. No transition ever lowers this number: that is what "never moves backwards" means.
 */
export function orderProgress(order: Pick<OrderDoc, 'state' | 'pendingRefund'>): number {
  if (order.state === 'refunding') return STATE_RANK[order.pendingRefund?.resume ?? 'paid'];
  return STATE_RANK[order.state];
}

/** WeChat Pay's out_refund_no for an order's next refund: the same for a replay of the same step. */
export function nextRefundNo(order: Pick<OrderDoc, '_id' | 'refunds'>): string {
  return `${order._id}R${order.refunds.length + 1}`;
}

/** The refund being paid back, if any. */
export function processingRefund(order: Pick<OrderDoc, 'state' | 'pendingRefund' | 'refunds'>): RefundRecord | null {
  const pending = order.pendingRefund;
  if (order.state !== 'refunding' || pending?.status !== 'processing') return null;
  return order.refunds.find((refund) => refund.refundNo === pending.refundNo) ?? null;
}

/**
 * Whether a change puts the order's goods back on the shelf: they never left the shop when an
 * order holding stock is cancelled, or when a paid order is refunded in full before it was
 * shipped or made ready. (An order cancelled before its payment arrived gave its stock back at
 * the cancel, so its refund returns nothing.)
 */
export function returnsStock(before: Pick<OrderDoc, 'state' | 'pendingRefund'>, after: Pick<OrderDoc, 'state' | 'pendingRefund'>): boolean {
  const calledOff = after.state === 'cancelled' || (after.state === 'refunding' && after.pendingRefund?.resume === 'cancelled');
  if (calledOff) return before.state === 'to_pay' || before.state === 'to_confirm';
  // `before` may be a refund under way, or (a vendor's offline refund starts and ends in one write) the paid order itself.
  const from = before.state === 'refunding' ? before.pendingRefund?.resume : before.state;
  return after.state === 'refunded' && from === 'paid';
}

/** Whether the buyer's time to pay is over: no payment starts now, and the timer cancels the order. */
export function payTimeOver(order: Pick<OrderDoc, 'expiresAt'>, now: number): boolean {
  return order.expiresAt !== null && now >= order.expiresAt;
}

/** What can still be refunded: paid minus already refunded. */
export function refundableFen(order: { payment: Pick<OrderPayment, 'paidFen' | 'refundedFen'> }): Fen {
  return order.payment.paidFen - order.payment.refundedFen;
}

function problem(code: ErrorCode, message: string = ERROR_MESSAGES[code]): TransitionResult {
  return { ok: false, problem: { code, message } };
}

const conflict = (message: string) => problem('ORDER_STATE_CONFLICT', message);
const noop = (order: OrderDoc, why: string): TransitionResult => ({ ok: true, outcome: 'noop', order, why });

/** The state machine's one entry point; pure: the order passed in is never mutated. */
export function transition(order: OrderDoc, event: OrderEvent, ctx: TransitionContext): TransitionResult {
  const { actor } = ctx;
  const reason = (ctx.reason ?? '').trim();
  if (!EVENT_ACTORS[event.type].includes(actor.role)) return problem('FORBIDDEN');
  if (actor.role === 'buyer' && actor.id != null && actor.id !== order.buyerOpenId) return problem('ORDER_NOT_FOUND');
  const askReason = reasonRequired(event.type, actor.role);
  const reasonMissing = askReason !== null && !reason ? problem('REASON_REQUIRED', askReason) : null;

  const move = (to: OrderState, changes: Partial<OrderDoc> = {}, amountFen: Fen | null = null): TransitionResult => {
    const entry: OrderHistoryEntry = { event: event.type, from: order.state, to, actor: actor.role, actorId: actor.id ?? null, at: ctx.at, reason, amountFen, requestId: ctx.requestId ?? null };
    const next: OrderDoc = { ...order, ...changes, state: to, updatedAt: Math.max(order.updatedAt, ctx.at), history: [...order.history, entry] };
    return { ok: true, outcome: 'moved', order: next, entry };
  };
  const paymentWith = (changes: Partial<OrderPayment>): OrderPayment => ({ ...order.payment, ...changes });
  const { state, payment } = order;

  switch (event.type) {
    case 'pay_confirmed': {
      if (payment.mode !== 'wechat') return conflict('这笔订单是转账付款，不走微信支付');
      // WeChat Pay allows one payment per order number, so a second notice is the same payment again.
      if (payment.paidFen > 0) return noop(order, 'already_paid');
      if (event.amountFen !== order.totalFen) return problem('PAYMENT_AMOUNT_MISMATCH');
      const paid = paymentWith({ paidFen: event.amountFen, paidAt: ctx.at, transactionId: event.transactionId, subMchId: event.subMchId });
      if (state === 'to_pay' && event.refundAll) {
        const started = startRefund(order, event.amountFen, event.refundAll, ctx.at, null);
        return move('refunding', {
          payment: paid,
          expiresAt: null,
          refunds: started.refunds,
          pendingRefund: { amountFen: event.amountFen, status: 'processing', refundNo: started.refundNo, requestedBy: 'system', reason: event.refundAll, at: ctx.at, resume: 'cancelled' },
        }, event.amountFen);
      }
      if (state === 'to_pay') return move('paid', { payment: paid, expiresAt: null }, event.amountFen);
      if (state === 'cancelled') {
        // Stock went back on the shelf when it was cancelled, so reviving it could oversell: return the money.
        const refundReason = '订单取消后才收到付款，原路退回';
        const started = startRefund(order, event.amountFen, refundReason, ctx.at, null);
        const result = move('refunding', {
          payment: paid,
          refunds: started.refunds,
          pendingRefund: { amountFen: event.amountFen, status: 'processing', refundNo: started.refundNo, requestedBy: 'system', reason: refundReason, at: ctx.at, resume: 'cancelled' },
        }, event.amountFen);
        if (!result.ok || result.outcome !== 'moved') return result;
        return { ok: true, outcome: 'refund_needed', order: result.order, entry: result.entry, amountFen: event.amountFen };
      }
      return conflict('订单状态不对，不能确认付款');
    }

    case 'transfer_marked': {
      if (payment.mode !== 'offline') return conflict('这笔订单用微信支付，不用标记转账');
      if (state === 'to_confirm') return noop(order, 'already_marked');
      if (state !== 'to_pay') return conflict('这笔订单不在待付款状态');
      return move('to_confirm', { payment: paymentWith({ transferNote: event.note.trim() }) });
    }

    case 'transfer_confirmed': {
      if (payment.mode !== 'offline') return conflict('这笔订单用微信支付，不用确认收款');
      if (payment.paidFen > 0) return noop(order, 'already_paid');
      // The vendor may see the money before the buyer taps 已转账: confirming from to_pay is fine.
      if (state !== 'to_pay' && state !== 'to_confirm') return conflict('订单已取消，不能确认收款');
      if (event.refundAll) {
        // The vendor pays it back by hand: a refund request from the system that must be approved in full.
        const pendingRefund = { amountFen: order.totalFen, status: 'requested' as const, refundNo: null, requestedBy: 'system' as const, reason: event.refundAll, at: ctx.at, resume: 'cancelled' as const };
        return move('refunding', { payment: paymentWith({ paidFen: order.totalFen, paidAt: ctx.at }), expiresAt: null, pendingRefund }, order.totalFen);
      }
      return move('paid', { payment: paymentWith({ paidFen: order.totalFen, paidAt: ctx.at }), expiresAt: null }, order.totalFen);
    }

    case 'transfer_rejected': {
      if (reasonMissing) return reasonMissing;
      if (state !== 'to_confirm') return conflict('买家还没有标记转账，或已经处理过了');
      // Back to waiting for money (same rank), with time to transfer again.
      return move('to_pay', { payment: paymentWith({ transferNote: null }), expiresAt: ctx.at + RETRY_AFTER_REJECT_MS });
    }

    case 'ship': {
      if (order.fulfilment.kind === 'pickup') return conflict('自提订单不用发货，请点“可以取货了”');
      if (state === 'shipped') {
        // A corrected tracking number is a re-ship: the parcel's new number replaces the old one
        // (the buyer's time to confirm stays as it was). The same number again is a double tap.
        const current = order.fulfilment.kind === 'express' ? order.fulfilment.tracking : null;
        const next = event.tracking ?? null;
        if (order.fulfilment.kind !== 'express' || !next || (current && current.carrier === next.carrier && current.number === next.number)) return noop(order, 'already_shipped');
        return move('shipped', { fulfilment: { ...order.fulfilment, tracking: next } });
      }
      if (state !== 'paid') return conflict('只有已付款的订单才能发货');
      const fulfilment: OrderFulfilment = order.fulfilment.kind === 'express' ? { ...order.fulfilment, tracking: event.tracking ?? null } : order.fulfilment;
      return move('shipped', { fulfilment, autoCompleteAt: event.autoCompleteAt });
    }

    case 'ready': {
      if (order.fulfilment.kind !== 'pickup') return conflict('这笔订单要送货，请点“发货”');
      if (state === 'ready_for_pickup') return noop(order, 'already_ready');
      if (state !== 'paid') return conflict('只有已付款的订单才能备货待取');
      return move('ready_for_pickup', { autoCompleteAt: event.autoCompleteAt });
    }

    case 'complete': {
      if (state === 'completed') return noop(order, 'already_completed');
      if (state !== 'shipped' && state !== 'ready_for_pickup') return conflict('订单还没发货，不能确认收货');
      // The system completes an order only once the buyer's time to object is over.
      if (actor.role === 'system' && (order.autoCompleteAt === null || ctx.at < order.autoCompleteAt)) return conflict('还没到自动确认收货的时间');
      return move('completed', { autoCompleteAt: null });
    }

    case 'cancel': {
      if (state === 'cancelled') return noop(order, 'already_cancelled');
      if (reasonMissing) return reasonMissing;
      if (state === 'to_pay') return move('cancelled', { expiresAt: null });
      // The buyer says the money is on its way: only the vendor, who can see it, may cancel now.
      if (state === 'to_confirm') return actor.role === 'vendor' ? move('cancelled', { expiresAt: null }) : conflict('你已标记转账，请联系店主取消');
      return conflict(PAID_STATES.includes(state) ? '订单已付款，请申请退款' : '订单已经结束，不能取消');
    }

    case 'expire': {
      // A payment may win the race with the timer; that is not an error.
      if (state !== 'to_pay') return noop(order, 'not_unpaid');
      if (!payTimeOver(order, ctx.at)) return conflict('订单还没到付款期限');
      return move('cancelled', { expiresAt: null });
    }

    case 'refund_requested': {
      if (!PAID_STATES.includes(state)) return conflict(state === 'refunding' ? '已经有一笔退款在处理了' : '这笔订单不能申请退款');
      if (reasonMissing) return reasonMissing;
      const bad = refundAmountProblem(order, event.amountFen);
      if (bad) return bad;
      return move('refunding', { pendingRefund: { amountFen: event.amountFen, status: 'requested', refundNo: null, requestedBy: 'buyer', reason, at: ctx.at, resume: state as ResumeState } }, event.amountFen);
    }

    case 'refund_started': {
      const pending = order.pendingRefund;
      const fromRequest = state === 'refunding' && pending?.status === 'requested';
      if (!fromRequest && !PAID_STATES.includes(state)) return conflict(state === 'refunding' ? '退款正在处理中' : '这笔订单没有可退的钱');
      const bad = refundAmountProblem(order, event.amountFen);
      if (bad) return bad;
      const resume: ResumeState = fromRequest && pending ? pending.resume : (state as ResumeState);
      if (resume === 'cancelled' && event.amountFen !== refundableFen(order)) return conflict('订单已取消，收到的钱要全部退回');
      const refundReason = reason || pending?.reason || '';
      const started = startRefund(order, event.amountFen, refundReason, ctx.at, event.requestId ?? null);
      return move('refunding', {
        refunds: started.refunds,
        pendingRefund: { amountFen: event.amountFen, status: 'processing', refundNo: started.refundNo, requestedBy: fromRequest && pending ? pending.requestedBy : 'vendor', reason: refundReason, at: ctx.at, resume },
      }, event.amountFen);
    }

    case 'refund_declined': {
      const pending = order.pendingRefund;
      if (state !== 'refunding' || !pending || pending.status !== 'requested') return conflict('没有待处理的退款申请');
      if (pending.resume === 'cancelled') return conflict('订单已取消，收到的钱必须退回');
      if (reasonMissing) return reasonMissing;
      return move(pending.resume, { pendingRefund: null });
    }

    case 'refund_done': {
      const pending = order.pendingRefund;
      if (state !== 'refunding' || !pending || pending.status !== 'processing') {
        return actor.role === 'payment' ? noop(order, 'no_refund_processing') : conflict('没有正在处理的退款');
      }
      // WeChat refunds are confirmed by the platform; offline ones only the vendor can vouch for.
      const expected: ActorRole = payment.mode === 'wechat' ? 'payment' : 'vendor';
      if (actor.role !== expected) return problem('FORBIDDEN');
      const refundedFen = payment.refundedFen + pending.amountFen;
      const to: OrderState = refundedFen >= payment.paidFen ? 'refunded' : pending.resume;
      return move(to, { payment: paymentWith({ refundedFen }), pendingRefund: null, refunds: refundsWith(order, pending.refundNo, 'done') }, pending.amountFen);
    }

    case 'difference_refunded': {
      // Money back like any refund, so every later refund's limit counts it; the order stays where it is.
      if (payment.mode !== 'offline') return conflict('微信支付的差价由系统原路退回');
      if (!PAID_STATES.includes(state) && state !== 'refunding') return conflict('这笔订单没有可退的钱');
      const bad = refundAmountProblem(order, event.amountFen, order.pendingRefund?.amountFen ?? 0);
      if (bad) return bad;
      return move(state, { payment: paymentWith({ refundedFen: payment.refundedFen + event.amountFen }) }, event.amountFen);
    }

    case 'refund_failed': {
      const pending = order.pendingRefund;
      if (state !== 'refunding' || !pending || pending.status !== 'processing') return noop(order, 'no_refund_processing');
      // Back to the vendor's desk: they may retry (with a new refund number) or, for a live order, decline.
      return move('refunding', { pendingRefund: { ...pending, status: 'requested', refundNo: null }, refunds: refundsWith(order, pending.refundNo, 'failed') });
    }
  }
}

/** A new refund record, numbered after every refund the order had, failed ones included. */
function startRefund(order: OrderDoc, amountFen: Fen, reason: string, at: number, requestId: string | null): { refunds: RefundRecord[]; refundNo: string } {
  const refundNo = nextRefundNo(order);
  return { refundNo, refunds: [...order.refunds, { refundNo, amountFen, mode: order.payment.mode, status: 'processing', reason, at, requestId }] };
}

function refundsWith(order: OrderDoc, refundNo: string | null, status: RefundRecord['status']): RefundRecord[] {
  return order.refunds.map((refund) => (refund.refundNo === refundNo ? { ...refund, status } : refund));
}

/** `reserved`: a refund under way that this one must leave room for. */
function refundAmountProblem(order: OrderDoc, amountFen: Fen, reserved: Fen = 0): TransitionResult | null {
  if (!Number.isSafeInteger(amountFen) || amountFen < 1) return problem('VALIDATION_FAILED', '请填写退款金额');
  const left = Math.max(0, refundableFen(order) - reserved);
  if (amountFen > left) return problem('REFUND_TOO_LARGE', `最多还能退 ¥${Math.floor(left / 100)}.${String(left % 100).padStart(2, '0')}`);
  return null;
}

// ---- Creating orders and showing them ----------------------------------------------------------

/** The stored fulfilment for a place request; the pickup point is copied so later edits don't move it. */
export function toOrderFulfilment(input: FulfilmentInput, points: readonly z.infer<typeof PickupPoint>[]): OrderFulfilment | null {
  switch (input.kind) {
    case 'express':
      return { kind: 'express', address: input.address, tracking: null };
    case 'local':
      return { kind: 'local', address: input.address };
    case 'pickup': {
      const point = points.find((candidate) => candidate.id === input.pointId);
      return point ? { kind: 'pickup', point: { ...point }, contact: input.contact } : null;
    }
  }
}

export interface NewOrder {
  id: string;
  orderNo: string;
  shopId: string;
  buyerOpenId: string;
  requestId: string;
  quote: OrderQuote;
  fulfilment: OrderFulfilment;
  mode: PaymentMode;
  buyerNote: string;
  source: OrderSource;
  at: number;
  /** How long the buyer has to pay before the order is cancelled. */
  payWithinMs: number;
  /** The group-buy campaign it is placed in, if any (no 跟团号 until it counts). */
  campaign?: OrderCampaign | null;
}

/** A freshly placed order, waiting for money, with its first history entry. */
export function createOrder(input: NewOrder): OrderDoc {
  const { quote, at } = input;
  return {
    _id: input.id,
    orderNo: input.orderNo,
    shopId: input.shopId,
    buyerOpenId: input.buyerOpenId,
    requestId: input.requestId,
    lines: quote.lines,
    goodsFen: quote.goodsFen,
    feeFen: quote.feeFen,
    totalFen: quote.totalFen,
    fulfilment: input.fulfilment,
    payment: { mode: input.mode, paidFen: 0, refundedFen: 0, paidAt: null, transactionId: null, subMchId: null, transferNote: null },
    state: 'to_pay',
    pendingRefund: null,
    refunds: [],
    source: input.source,
    buyerNote: input.buyerNote,
    history: [{ event: 'placed', from: 'to_pay', to: 'to_pay', actor: 'buyer', actorId: input.buyerOpenId, at, reason: '', amountFen: quote.totalFen, requestId: input.requestId }],
    createdAt: at,
    updatedAt: at,
    expiresAt: at + input.payWithinMs,
    autoCompleteAt: null,
    campaign: input.campaign ?? null,
  };
}

/** What a reply shows: no openids, no transaction ids. `group` adds 还差 k 人 and the deadline from the group doc. */
export function toOrderView(order: OrderDoc, group?: { missing: number; deadlineAt: number | null } | null): OrderView {
  return {
    id: order._id,
    orderNo: order.orderNo,
    shopId: order.shopId,
    state: order.state,
    lines: order.lines,
    goodsFen: order.goodsFen,
    feeFen: order.feeFen,
    totalFen: order.totalFen,
    fulfilment: order.fulfilment,
    payment: { mode: order.payment.mode, paidFen: order.payment.paidFen, refundedFen: order.payment.refundedFen, transferNote: order.payment.transferNote },
    refunds: order.refunds.map(({ refundNo, amountFen, mode, status, reason, at }) => ({ refundNo, amountFen, mode, status, reason, at })),
    pendingRefund: order.pendingRefund && {
      amountFen: order.pendingRefund.amountFen,
      status: order.pendingRefund.status,
      reason: order.pendingRefund.reason,
      requestedBy: order.pendingRefund.requestedBy,
      resume: order.pendingRefund.resume,
    },
    buyerNote: order.buyerNote,
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    history: order.history.map(({ event, from, to, actor, at, reason, amountFen }) => ({ event, from, to, actor, at, reason, amountFen })),
    campaign: order.campaign
      ? {
          campaignId: order.campaign.campaignId,
          seq: order.campaign.seq,
          difference: order.campaign.difference && { differenceFen: order.campaign.difference.differenceFen, refundedFen: order.campaign.difference.refundedFen, status: order.campaign.difference.status },
        }
      : null,
    group: order.group
      ? {
          offerId: order.group.offerId,
          groupId: order.group.groupId,
          leader: order.group.leader,
          seat: order.group.seat,
          status: order.group.status,
          size: order.group.size,
          missing: group ? group.missing : null,
          deadlineAt: group ? group.deadlineAt : null,
        }
      : null,
    live: order.live ? { showId: order.live.showId, itemIds: Object.keys(order.live.taken) } : null,
  };
}
