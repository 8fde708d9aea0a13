// How orders read to people: the one table of names for order states, fulfilment kinds, payment
// modes, history events and who did them, and the one way an order line is labelled. Pages,
// checkout messages, subscribe messages and WeChat Pay's bill all read from here.
import type { ActorRole, FulfilmentKind, OrderState, PaymentMode, PricedOrderLine } from './contracts/orders';
import type { OrderEventType } from './orders';

/**
 * One section per kind of thing that has a name. Group-buy and live selling add their own
 * sections (their states, their history events) here, beside these, so every name stays in one place.
 */
export const ORDER_NAMES = {
  state: {
    to_pay: '待付款',
    to_confirm: '待确认收款',
    paid: '待发货',
    shipped: '已发货',
    ready_for_pickup: '待取货',
    completed: '已完成',
    cancelled: '已取消',
    refunding: '退款中',
    refunded: '已退款',
  } satisfies Record<OrderState, string>,
  fulfilment: { express: '快递', local: '同城配送', pickup: '到店自提' } satisfies Record<FulfilmentKind, string>,
  payment: { wechat: '微信支付', offline: '转账给店主' } satisfies Record<PaymentMode, string>,
  /** How each payment mode goes, in a line under its name at checkout. */
  paymentHow: {
    wechat: '下单后马上付',
    offline: '用微信扫店主的收款码，店主收到后确认',
  } satisfies Record<PaymentMode, string>,
  event: {
    placed: '下单',
    pay_confirmed: '微信支付成功',
    transfer_marked: '买家说已转账',
    transfer_confirmed: '店主确认收款',
    transfer_rejected: '店主说没收到款',
    ship: '已发货',
    ready: '可以取货了',
    complete: '确认收货',
    cancel: '取消订单',
    expire: '超时没付款，自动取消',
    refund_requested: '申请退款',
    refund_started: '开始退款',
    refund_declined: '店主拒绝退款',
    refund_done: '退款完成',
    refund_failed: '退款没成功',
    difference_refunded: '已退差价',
  } satisfies Record<OrderEventType | 'placed', string>,
  actor: { buyer: '买家', vendor: '店主', system: '系统', payment: '微信支付' } satisfies Record<ActorRole, string>,
} as const;

/** A history entry's event by name; an event this app does not know yet shows as it is stored. */
export function eventName(event: string): string {
  return (ORDER_NAMES.event as Record<string, string>)[event] ?? event;
}

/** "酉阳柴火烟熏腊肉（五花）", or just the name for goods with one unnamed spec. */
export function lineLabel(line: Pick<PricedOrderLine, 'name' | 'spec'>): string {
  return line.spec ? `${line.name}（${line.spec}）` : line.name;
}
