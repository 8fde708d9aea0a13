// nextActions against the state machine: for every order the machine can reach, for the buyer and
// the vendor, before and after the time to pay, every button offered is a change `transition`
// accepts from that person (with the amounts and reasons its form allows), and every change the
// machine would accept from them is offered, or hidden on purpose for a reason written below.
import fc from 'fast-check';
import { awaitingGroup, nextActions, type OrderAction, type OrderPerson } from '@core/order-actions';
import { expressCompanyCode } from '@core/shipping-record';
import { EVENT_ACTORS, payTimeOver, refundableFen, toOrderView, transition, type Actor, type OrderEvent, type OrderEventType, type TransitionResult } from '@core/orders';
import { BUYER, HANDED_OVER_UNTIL, MCH, MIN, newOrder, PAYMENT, SYSTEM, T0, VENDOR, type Order } from './order-fixtures';

const PEOPLE: Record<OrderPerson, Actor> = { buyer: BUYER, vendor: VENDOR };
const changed = (result: TransitionResult) => result.ok && result.outcome !== 'noop';

/** The event an action sends, as the handler builds it from what the person typed. */
function eventOf(action: OrderAction, order: Order, amountFen: number): OrderEvent {
  switch (action.event) {
    case 'pay_confirmed':
      return { type: 'pay_confirmed', amountFen: order.totalFen, transactionId: 'wx-1', subMchId: MCH };
    case 'transfer_marked':
      return { type: 'transfer_marked', note: '转了' };
    case 'ship':
      return { type: 'ship', tracking: null, autoCompleteAt: HANDED_OVER_UNTIL };
    case 'ready':
      return { type: 'ready', autoCompleteAt: HANDED_OVER_UNTIL };
    case 'refund_requested':
    case 'refund_started':
      return { type: action.event, amountFen };
    default:
      return { type: action.event } as OrderEvent;
  }
}

/** Pay is offered to the buyer, but the money arrives as the payment platform's event. */
const senderOf = (action: OrderAction, role: OrderPerson): Actor => (action.event === 'pay_confirmed' ? PAYMENT : PEOPLE[role]);

/** What each person might send, with amounts at the edges and a reason given. */
function candidates(order: Order, role: OrderPerson): { event: OrderEvent; reason: string }[] {
  const amounts = [...new Set([1, refundableFen(order), order.pendingRefund?.amountFen ?? 1])].filter((amount) => amount >= 1);
  const events: OrderEvent[] = [
    { type: 'transfer_marked', note: '转了' },
    { type: 'transfer_confirmed' },
    { type: 'transfer_rejected' },
    { type: 'ship', autoCompleteAt: HANDED_OVER_UNTIL },
    { type: 'ready', autoCompleteAt: HANDED_OVER_UNTIL },
    { type: 'complete' },
    { type: 'cancel' },
    ...amounts.flatMap((amountFen): OrderEvent[] => [
      { type: 'refund_requested', amountFen },
      { type: 'refund_started', amountFen },
    ]),
    { type: 'refund_declined' },
    { type: 'refund_done' },
  ];
  return events.filter((event) => EVENT_ACTORS[event.type].includes(role)).map((event) => ({ event, reason: '原因' }));
}

/**
 * Changes the machine accepts from a person that no button offers, each with why. Anything else
 * the machine accepts must be offered.
 */
const HIDDEN: { role: OrderPerson; event: OrderEventType; when: (order: Order, now: number, event: OrderEvent) => boolean; why: string }[] = [
  {
    role: 'buyer',
    event: 'transfer_marked',
    when: (order, now) => payTimeOver(order, now),
    why: 'the time to pay is over and the timer is cancelling the order: nobody should send money for it now',
  },
  {
    role: 'vendor',
    event: 'complete',
    when: (order) => order.state === 'shipped',
    why: 'only the buyer (or the timer, after the shop’s days) knows a parcel arrived; the vendor completes pickups only',
  },
  {
    role: 'vendor',
    event: 'refund_started',
    when: (order, _now, event) => order.state === 'refunding' && event.type === 'refund_started' && event.amountFen !== order.pendingRefund?.amountFen,
    why: 'a waiting request is approved as asked or declined; any other amount is refunded after that',
  },
];

/** Whether an offered action sends this event (with this amount, for refunds). */
function offers(action: OrderAction, event: OrderEvent): boolean {
  if (action.event !== event.type) return false;
  if (!('amountFen' in event) || event.type === 'pay_confirmed') return true;
  const typed = action.inputs.find((input) => input.key === 'amount');
  return typed?.key === 'amount' ? event.amountFen >= 1 && event.amountFen <= typed.maxFen : event.amountFen === action.amountFen;
}

/** A fingerprint of what nextActions and the machine can tell apart, so the search visits each kind of order once. */
function shapeOf(order: Order): string {
  const { state, payment, pendingRefund: pending, fulfilment, refunds } = order;
  const refunded = payment.refundedFen === 0 ? 'none' : payment.refundedFen === payment.paidFen ? 'all' : 'part';
  return JSON.stringify([state, payment.mode, fulfilment.kind, payment.paidFen > 0, refunded, pending && [pending.status, pending.requestedBy, pending.resume, pending.amountFen === refundableFen(order)], refunds.at(-1)?.status ?? null]);
}

/** The refund action finishes an offline refund in the same write that starts it: no order waits halfway. */
function offlineRefundDone(order: Order, at: number): Order {
  if (order.payment.mode !== 'offline' || order.pendingRefund?.status !== 'processing') return order;
  const done = transition(order, { type: 'refund_done' }, { actor: VENDOR, at });
  if (!done.ok) throw new Error(`an offline refund could not finish: ${done.problem.message}`);
  return done.order;
}

/** Every kind of order reachable from a fresh one by the events people, the timer and WeChat Pay send. */
function reachableOrders(): Order[] {
  const found = new Map<string, Order>();
  let frontier = (['wechat', 'offline'] as const).flatMap((mode) => (['express', 'pickup'] as const).map((kind) => newOrder(mode, kind)));
  for (const order of frontier) found.set(shapeOf(order), order);
  for (let depth = 0; depth < 8 && frontier.length > 0; depth++) {
    const next: Order[] = [];
    for (const order of frontier) {
      const refundable = refundableFen(order);
      const steps: [OrderEvent, Actor, number][] = [
        ...(['buyer', 'vendor'] as const).flatMap((role) => candidates(order, role).map(({ event }): [OrderEvent, Actor, number] => [event, PEOPLE[role], order.updatedAt + MIN])),
        [{ type: 'pay_confirmed', amountFen: order.totalFen, transactionId: 'wx-1', subMchId: MCH }, PAYMENT, order.updatedAt + MIN],
        [{ type: 'expire' }, SYSTEM, order.expiresAt ?? order.updatedAt + MIN],
        [{ type: 'complete' }, SYSTEM, HANDED_OVER_UNTIL],
        [{ type: 'refund_done' }, PAYMENT, order.updatedAt + MIN],
        [{ type: 'refund_failed' }, PAYMENT, order.updatedAt + MIN],
        [{ type: 'refund_started', amountFen: Math.max(1, Math.floor(refundable / 2)) }, VENDOR, order.updatedAt + MIN],
      ];
      for (const [event, actor, at] of steps) {
        const result = transition(order, event, { actor, at, reason: '原因' });
        if (!result.ok || result.outcome === 'noop') continue;
        const reached = offlineRefundDone(result.order, at);
        const shape = shapeOf(reached);
        if (found.has(shape)) continue;
        found.set(shape, reached);
        next.push(reached);
      }
    }
    frontier = next;
  }
  return [...found.values()];
}

/** Before the time to pay is over, at its last moment, and after; or just now for orders without one. */
const timesFor = (order: Order): number[] => (order.expiresAt === null ? [order.updatedAt + MIN] : [order.expiresAt - MIN, order.expiresAt, order.expiresAt + 5 * MIN]);

const ORDERS = reachableOrders();
const CASES = ORDERS.flatMap((order) => (['buyer', 'vendor'] as const).flatMap((role) => timesFor(order).map((now) => ({ order, role, now }))));
const label = ({ order, role, now }: (typeof CASES)[number]) =>
  `${role} on ${shapeOf(order)} ${order.expiresAt === null ? '' : now < order.expiresAt ? 'before the time to pay is over' : 'once the time to pay is over'}`;

describe('order actions: what the pages offer is what the state machine accepts', () => {
  it('explores every state, every kind of waiting refund, and both sides of the time to pay', () => {
    expect(new Set(ORDERS.map((order) => order.state))).toEqual(new Set(['to_pay', 'to_confirm', 'paid', 'shipped', 'ready_for_pickup', 'completed', 'cancelled', 'refunding', 'refunded']));
    const waiting = ORDERS.flatMap((order) => (order.pendingRefund ? [`${order.pendingRefund.status}/${order.pendingRefund.requestedBy}/${order.pendingRefund.resume}`] : []));
    expect(waiting).toEqual(expect.arrayContaining(['requested/buyer/paid', 'requested/vendor/shipped', 'processing/system/cancelled', 'requested/system/cancelled']));
    expect(CASES.some(({ order, now }) => order.state === 'to_pay' && payTimeOver(order, now))).toBe(true);
  });

  it('offers only changes the machine accepts from that person, with every amount and reason its form allows', () => {
    for (const current of CASES) {
      const { order, role, now } = current;
      const actions = nextActions(toOrderView(order), role, now);
      // A page reads the view; the server could read the stored order: both get the same answer.
      expect(nextActions(order, role, now)).toEqual(actions);
      for (const action of actions) {
        const at = now;
        const accepts = (amountFen: number, reason: string) => transition(order, eventOf(action, order, amountFen), { actor: senderOf(action, role), at, reason });
        const amount = action.inputs.find((input) => input.key === 'amount');
        const reason = action.inputs.find((input) => input.key === 'reason');
        const given = reason ? '原因' : action.reason;
        if (amount?.key === 'amount') {
          fc.assert(fc.property(fc.integer({ min: 1, max: amount.maxFen }), (amountFen) => changed(accepts(amountFen, given))), { numRuns: 20 });
          expect([changed(accepts(1, given)), changed(accepts(amount.maxFen, given)), changed(accepts(amount.initialFen, given))]).toEqual([true, true, true]);
          expect(accepts(amount.maxFen + 1, given)).toMatchObject({ ok: false, problem: { code: 'REFUND_TOO_LARGE' } });
        } else {
          const result = accepts(action.amountFen ?? 0, given);
          if (!changed(result)) throw new Error(`${action.key} offered to the ${label(current)} but refused: ${JSON.stringify(result)}`);
        }
        if (reason?.key === 'reason') {
          // The form insists on a reason exactly where the machine does, with the machine's words.
          const without = accepts(amount ? 1 : (action.amountFen ?? 0), '');
          if (reason.required) expect(without).toEqual({ ok: false, problem: { code: 'REASON_REQUIRED', message: reason.required } });
          else expect(changed(without)).toBe(true);
        }
      }
    }
  });

  it('hides nothing the machine would accept from that person, except what is listed with its reason', () => {
    for (const current of CASES) {
      const { order, role, now } = current;
      const actions = nextActions(toOrderView(order), role, now);
      for (const { event, reason } of candidates(order, role)) {
        if (!changed(transition(order, event, { actor: PEOPLE[role], at: now, reason }))) continue;
        if (actions.some((action) => offers(action, event))) continue;
        const hidden = HIDDEN.find((rule) => rule.role === role && rule.event === event.type && rule.when(order, now, event));
        if (!hidden) throw new Error(`${JSON.stringify(event)} is accepted from the ${label(current)} but not offered`);
      }
    }
  });

  it('uses every listed exception somewhere, so the list says only what is true', () => {
    const used = HIDDEN.filter((rule) =>
      CASES.some(({ order, role, now }) =>
        candidates(order, role).some(
          ({ event, reason }) => rule.role === role && rule.event === event.type && rule.when(order, now, event) && changed(transition(order, event, { actor: PEOPLE[role], at: now, reason })),
        ),
      ),
    );
    expect(used.map((rule) => rule.why)).toEqual(HIDDEN.map((rule) => rule.why));
  });
});

describe('order actions: what each person sees', () => {
  const paidByTransfer = () => {
    const result = transition(newOrder('offline'), { type: 'transfer_confirmed' }, { actor: VENDOR, at: T0 + MIN });
    if (!result.ok) throw new Error('not paid');
    return result.order;
  };
  const keys = (order: Order, role: OrderPerson, now = T0 + 2 * MIN) => nextActions(toOrderView(order), role, now).map((action) => action.key);

  it('offers the buyer 去支付 with the amount until the time to pay is over, then only 取消订单', () => {
    const order = newOrder('wechat');
    expect(nextActions(order, 'buyer', T0 + MIN).map((action) => [action.key, action.label])).toEqual([
      ['pay', '去支付 ¥126.00'],
      ['cancel-order', '取消订单'],
    ]);
    expect(keys(order, 'buyer', T0 + 30 * MIN)).toEqual(['cancel-order']);
  });

  it('asks the vendor shipping an express order to pick the carrier from the carriers WeChat knows and to type or scan the tracking number', () => {
    const ship = nextActions(paidByTransfer(), 'vendor', T0).find((action) => action.key === 'ship');
    expect(ship?.inputs).toEqual([
      { key: 'carrier', label: expect.stringContaining('快递公司'), options: ['顺丰', '中通', '圆通', '韵达', '申通', '极兔', 'EMS', '邮政', '京东'] },
      expect.objectContaining({ key: 'number', label: '快递单号', maxlength: 40 }),
    ]);
    for (const option of ship?.inputs[0].key === 'carrier' ? ship.inputs[0].options : []) expect(expressCompanyCode(option)).not.toBeNull();
  });

  it('lets the vendor confirm a transfer before the buyer marks it, and cancel only with a reason', () => {
    const order = newOrder('offline');
    expect(keys(order, 'vendor')).toEqual(['confirm-transfer', 'cancel-order']);
    const cancel = nextActions(order, 'vendor', T0).find((action) => action.key === 'cancel-order');
    expect(cancel?.inputs).toEqual([expect.objectContaining({ key: 'reason', required: '请写明取消的原因，买家会看到' })]);
  });

  it('offers a paid order’s refund up to what is left, and the buyer a cancel that asks for all of it', () => {
    const refunded = transition(paidByTransfer(), { type: 'refund_started', amountFen: 2600 }, { actor: VENDOR, at: T0 + 2 * MIN });
    if (!refunded.ok) throw new Error('not refunded');
    const done = transition(refunded.order, { type: 'refund_done' }, { actor: VENDOR, at: T0 + 2 * MIN });
    if (!done.ok) throw new Error('not done');
    const refund = nextActions(done.order, 'vendor', T0).find((action) => action.key === 'refund');
    expect(refund?.inputs[0]).toEqual({ key: 'amount', label: '退多少钱（元）', maxFen: 10_000, initialFen: 10_000 });
    expect(nextActions(paidByTransfer(), 'buyer', T0).find((action) => action.key === 'cancel-paid-order')).toMatchObject({ amountFen: 12_600, event: 'refund_requested' });
    expect(keys(done.order, 'buyer')).toEqual(['request-refund']);
  });

  it('asks the vendor to approve or decline a buyer’s request, and to send again a refund WeChat Pay refused', () => {
    const asked = transition(paidByTransfer(), { type: 'refund_requested', amountFen: 500 }, { actor: BUYER, at: T0 + 2 * MIN, reason: '坏了一个' });
    if (!asked.ok) throw new Error('not asked');
    expect(nextActions(asked.order, 'vendor', T0).map((action) => action.label)).toEqual(['同意退款 ¥5.00', '拒绝退款']);
    expect(keys(asked.order, 'buyer')).toEqual([]);

    const paid = transition(newOrder('wechat'), { type: 'pay_confirmed', amountFen: 12_600, transactionId: 'wx-1', subMchId: MCH }, { actor: PAYMENT, at: T0 + MIN });
    if (!paid.ok) throw new Error('not paid');
    const started = transition(paid.order, { type: 'refund_started', amountFen: 800 }, { actor: VENDOR, at: T0 + 2 * MIN });
    if (!started.ok) throw new Error('not started');
    expect(keys(started.order, 'vendor')).toEqual([]);
    const failed = transition(started.order, { type: 'refund_failed' }, { actor: PAYMENT, at: T0 + 3 * MIN });
    if (!failed.ok) throw new Error('not failed');
    expect(nextActions(toOrderView(failed.order), 'vendor', T0).map((action) => action.label)).toEqual(['重新退款 ¥8.00', '不退了']);
  });

  it('offers the vendor no 发货 or 可以取货了 for a paid 拼团 order until its group succeeded, and the refund all along', () => {
    const paid = transition(newOrder('wechat'), { type: 'pay_confirmed', amountFen: 12_600, transactionId: 'wx-1', subMchId: MCH }, { actor: PAYMENT, at: T0 + MIN });
    if (!paid.ok) throw new Error('not paid');
    const inGroup = (status: 'forming' | 'open' | 'succeeded' | 'failed') => ({ ...toOrderView(paid.order), group: { status } });
    expect(keys(paid.order, 'vendor')).toContain('ship');
    for (const status of ['forming', 'open', 'failed'] as const) {
      expect(nextActions(inGroup(status), 'vendor', T0).map((action) => action.key)).toEqual(['refund']);
      expect(awaitingGroup(inGroup(status))).toBe(true);
    }
    expect(nextActions(inGroup('succeeded'), 'vendor', T0).map((action) => action.key)).toEqual(['ship', 'refund']);
    const pickup = { ...inGroup('open'), fulfilment: { kind: 'pickup' as const } };
    expect(nextActions(pickup, 'vendor', T0).map((action) => action.key)).toEqual(['refund']);
    expect(nextActions({ ...pickup, group: { status: 'succeeded' as const } }, 'vendor', T0).map((action) => action.key)).toEqual(['mark-ready', 'refund']);
  });
});
