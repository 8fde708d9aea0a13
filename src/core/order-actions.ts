// What a person may do next with an order, as data: the order pages render their buttons, forms
// and confirm dialogs from it and re-derive nothing. Every action offered is one the state machine
// (orders.ts `transition`) accepts from that person now; tests/unit/order-actions.test.ts checks
// that for every reachable order, and lists what the machine would accept but no button offers.
import type { ActorRole, FulfilmentKind, GroupState, OrderState, PaymentMode, ResumeState } from './contracts/orders';
import { formatFen, type Fen } from './money';
import { PAID_STATES, payTimeOver, reasonRequired, refundableFen, type OrderEventType } from './orders';
import { CARRIERS } from './shipping-record';

/** The people who work an order by hand: its buyer, and the shop's owner or staff. */
export type OrderPerson = Extract<ActorRole, 'buyer' | 'vendor'>;

/** What the rules read of an order; a stored order and its view both have it. */
export interface OrderFacts {
  state: OrderState;
  totalFen: Fen;
  expiresAt: number | null;
  fulfilment: { kind: FulfilmentKind };
  payment: { mode: PaymentMode; paidFen: Fen; refundedFen: Fen };
  pendingRefund: { amountFen: Fen; status: 'requested' | 'processing'; requestedBy: ActorRole; resume: ResumeState } | null;
  /** A 拼团 order's group; absent or null for every other order. */
  group?: { status: GroupState } | null;
}

/**
 * A 拼团 order whose group has not succeeded: paid or not, it is no order to hand over yet (every
 * member may still be refunded). The orders function refuses to ship it (GROUP_NOT_SUCCEEDED) and
 * keeps it off the vendor's to-ship list.
 */
export const awaitingGroup = (order: Pick<OrderFacts, 'group'>): boolean => !!order.group && order.group.status !== 'succeeded';

export type OrderActionKey =
  // the buyer's
  | 'pay'
  | 'mark-transferred'
  | 'confirm-receipt'
  | 'request-refund'
  | 'cancel-paid-order'
  // the vendor's
  | 'confirm-transfer'
  | 'reject-transfer'
  | 'ship'
  | 'mark-ready'
  | 'picked-up'
  | 'approve-refund'
  | 'decline-refund'
  | 'refund'
  // both
  | 'cancel-order';

/** What an action asks for before it is sent. */
export type ActionInput =
  | { key: 'amount'; label: string; maxFen: Fen; initialFen: Fen }
  /** `required` is what to say when it is left empty; null when it may be. */
  | { key: 'reason'; label: string; placeholder: string; required: string | null }
  | { key: 'note' | 'number'; label: string; placeholder: string; maxlength: number }
  /** One of a fixed list, or none. */
  | { key: 'carrier'; label: string; options: readonly string[] };

export interface OrderAction {
  key: OrderActionKey;
  /** The state machine event it asks for (pay: the payment it starts). */
  event: OrderEventType;
  /** The button's words. */
  label: string;
  style: 'primary' | 'secondary' | 'danger';
  /** Asked before an action without inputs is sent; null sends it at once (pay opens WeChat's own sheet). */
  confirm: string | null;
  inputs: ActionInput[];
  /** The amount it moves when none is typed: the amount the buyer asked for, the whole order. */
  amountFen: Fen | null;
  /** The reason sent when none is asked for. */
  reason: string;
  /** Said once it is done. */
  done: string;
}

type Draft = Pick<OrderAction, 'key' | 'event' | 'label' | 'style' | 'done'> & Partial<OrderAction>;
const action = (draft: Draft): OrderAction => ({ confirm: null, inputs: [], amountFen: null, reason: '', ...draft });

const amountInput = (maxFen: Fen): ActionInput => ({ key: 'amount', label: '退多少钱（元）', maxFen, initialFen: maxFen });
const reasonInput = (event: OrderEventType, role: OrderPerson, label: string, placeholder: string): ActionInput => ({
  key: 'reason',
  label,
  placeholder,
  required: reasonRequired(event, role),
});

const isPaid = (order: OrderFacts) => PAID_STATES.includes(order.state);

function buyerActions(order: OrderFacts, now: number): OrderAction[] {
  const { state, payment } = order;
  const refundable = refundableFen(order);
  const actions: OrderAction[] = [];
  if (state === 'to_pay' && !payTimeOver(order, now)) {
    actions.push(
      payment.mode === 'wechat'
        ? action({ key: 'pay', event: 'pay_confirmed', label: `去支付 ${formatFen(order.totalFen)}`, style: 'primary', done: '付款成功' })
        : action({
            key: 'mark-transferred',
            event: 'transfer_marked',
            label: '我已转账',
            style: 'primary',
            inputs: [{ key: 'note', label: '给店主说一句', placeholder: '比如：用老公的微信转的，尾号 1234', maxlength: 100 }],
            done: '已告诉店主',
          }),
    );
  }
  if (state === 'shipped' || state === 'ready_for_pickup') {
    const label = order.fulfilment.kind === 'pickup' ? '我已取货' : '确认收货';
    actions.push(action({ key: 'confirm-receipt', event: 'complete', label, style: 'primary', confirm: '确认已经收到东西了吗？', done: '已确认收货' }));
  }
  if (isPaid(order) && refundable > 0) {
    actions.push(
      action({
        key: 'request-refund',
        event: 'refund_requested',
        label: '申请退款',
        style: 'secondary',
        inputs: [amountInput(refundable), reasonInput('refund_requested', 'buyer', '为什么退', '比如：少发了一斤')],
        done: '已提交',
      }),
    );
  }
  if (state === 'to_pay') {
    actions.push(action({ key: 'cancel-order', event: 'cancel', label: '取消订单', style: 'danger', confirm: '取消后就不能再付款了，确定取消吗？', done: '已取消' }));
  }
  // Paid but not handed over: cancelling is asking for all the money back; the vendor agrees and the goods go back on the shelf.
  if (state === 'paid' && payment.refundedFen === 0 && refundable > 0) {
    actions.push(
      action({
        key: 'cancel-paid-order',
        event: 'refund_requested',
        label: '取消订单',
        style: 'danger',
        confirm: '已经付款了，取消要店主同意，钱会原路退回。确定取消吗？',
        amountFen: refundable,
        reason: '还没发货，买家取消订单',
        done: '已申请取消，等店主同意',
      }),
    );
  }
  return actions;
}

function vendorActions(order: OrderFacts): OrderAction[] {
  const { state, payment, fulfilment, pendingRefund: pending } = order;
  const refundable = refundableFen(order);
  const actions: OrderAction[] = [];
  if (payment.mode === 'offline' && (state === 'to_pay' || state === 'to_confirm')) {
    actions.push(
      action({ key: 'confirm-transfer', event: 'transfer_confirmed', label: '确认收款', style: 'primary', confirm: `确认已经收到买家转来的 ${formatFen(order.totalFen)} 了吗？`, done: '已确认收款' }),
    );
  }
  if (state === 'to_confirm') {
    actions.push(
      action({
        key: 'reject-transfer',
        event: 'transfer_rejected',
        label: '没收到款',
        style: 'secondary',
        inputs: [reasonInput('transfer_rejected', 'vendor', '跟买家说一下', '比如：还没看到你的转账，请再看看')],
        done: '已告诉买家',
      }),
    );
  }
  const handOver = state === 'paid' && !awaitingGroup(order);
  if (handOver && fulfilment.kind !== 'pickup') {
    const tracking: ActionInput[] =
      fulfilment.kind === 'express'
        ? [
            // The carriers WeChat's shipping record knows (one table, shipping-record.ts).
            { key: 'carrier', label: '快递公司（可不选）', options: CARRIERS.map((carrier) => carrier.names[0]) },
            { key: 'number', label: '快递单号', placeholder: '快递单上的单号（可不填）', maxlength: 40 },
          ]
        : [];
    actions.push(action({ key: 'ship', event: 'ship', label: '发货', style: 'primary', inputs: tracking, confirm: '确认已经送出去了吗？', done: '已发货' }));
  }
  if (handOver && fulfilment.kind === 'pickup') {
    actions.push(action({ key: 'mark-ready', event: 'ready', label: '可以取货了', style: 'primary', confirm: '告诉买家可以来取货了吗？', done: '已告诉买家' }));
  }
  if (state === 'ready_for_pickup') {
    actions.push(action({ key: 'picked-up', event: 'complete', label: '买家已取货', style: 'primary', confirm: '买家已经把东西取走了吗？', done: '订单完成' }));
  }
  if (state === 'refunding' && pending?.status === 'requested') {
    // Requested by the buyer, or a refund WeChat Pay refused that is back on the vendor's desk.
    const asked = pending.requestedBy === 'buyer';
    const amount = formatFen(pending.amountFen);
    actions.push(
      action({
        key: 'approve-refund',
        event: 'refund_started',
        label: asked ? `同意退款 ${amount}` : `重新退款 ${amount}`,
        style: 'primary',
        confirm: `退给买家 ${amount}，确定吗？`,
        amountFen: pending.amountFen,
        done: '已退款',
      }),
    );
    // Money that came in for a cancelled order must go back: that refund cannot be declined.
    if (pending.resume !== 'cancelled') {
      actions.push(
        action({
          key: 'decline-refund',
          event: 'refund_declined',
          label: asked ? '拒绝退款' : '不退了',
          style: 'secondary',
          inputs: [reasonInput('refund_declined', 'vendor', asked ? '为什么不同意' : '为什么不退了', '比如：东西已经吃了一半')],
          done: asked ? '已拒绝' : '不退了',
        }),
      );
    }
  }
  if (isPaid(order) && refundable > 0) {
    actions.push(
      action({
        key: 'refund',
        event: 'refund_started',
        label: '退款',
        style: 'secondary',
        inputs: [amountInput(refundable), reasonInput('refund_started', 'vendor', '退款原因', '比如：少发了一斤')],
        done: '已退款',
      }),
    );
  }
  if (state === 'to_pay' || state === 'to_confirm') {
    actions.push(
      action({
        key: 'cancel-order',
        event: 'cancel',
        label: '取消订单',
        style: 'danger',
        inputs: [reasonInput('cancel', 'vendor', '取消原因', '比如：卖完了，买家同意取消')],
        done: '已取消',
      }),
    );
  }
  return actions;
}

/**
 * The actions `role` may take on the order at `now`, in the order the page shows them. Hidden on
 * purpose, though the state machine would accept them: paying or marking a transfer once the time
 * to pay is over (the order is being cancelled); a vendor completing a shipped order (only the
 * buyer, or the timer, knows the parcel arrived); a vendor refunding another amount than a waiting
 * request asks for (they approve or decline it first); a vendor shipping or readying a 拼团 order
 * before its group succeeded (the function refuses it).
 */
export function nextActions(order: OrderFacts, role: OrderPerson, now: number): OrderAction[] {
  return role === 'buyer' ? buyerActions(order, now) : vendorActions(order);
}

/** What the buyer should know in each state, in one plain sentence. */
export function buyerHint(order: OrderFacts, now: number): string {
  switch (order.state) {
    case 'to_pay':
      if (payTimeOver(order, now)) return '付款时间已过，订单马上会自动取消';
      return order.payment.mode === 'wechat' ? '还没付款，点下面“去支付”' : '请按下面的说明转账给店主，转好后点“我已转账”';
    case 'to_confirm':
      return '你说已经转账了，等店主看到钱后确认';
    case 'paid':
      return order.fulfilment.kind === 'pickup' ? '已付款，店主备好货会告诉你来取' : '已付款，等店主发货';
    case 'shipped':
      return '店主已发货，收到东西后请点“确认收货”';
    case 'ready_for_pickup':
      return '货已备好，可以去取了';
    case 'completed':
      return '订单已完成，谢谢惠顾';
    case 'cancelled':
      return '订单已取消';
    case 'refunding':
      return order.pendingRefund?.status === 'processing' ? '店主已同意退款，钱正在原路退回' : '退款处理中，店主同意后钱会退回';
    case 'refunded':
      return '钱已经退回';
  }
}
