// How orders read to people: times in Asia/Shanghai, where a unit price came from, what each
// history event was, and how long is left to pay.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { ActorRole, Address, OrderView, PricedOrderLine } from '@core/contracts';
import { formatLi } from '@core/money';

dayjs.extend(utc);

const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** "重庆市酉阳县桃花源街道 8 号": an address on one line, as couriers write it. */
export function addressLine(address: Address): string {
  return `${address.province}${address.city}${address.district}${address.detail}`;
}

/** "12月1日 14:05" */
export function formatTime(at: number): string {
  return dayjs(at).utcOffset(SHANGHAI_OFFSET_MINUTES).format('M月D日 HH:mm');
}

/** "满1000条 ¥0.065/条" for a bulk price, "¥0.07/条" for the plain one. */
export function unitPriceNote(line: Pick<PricedOrderLine, 'unitPriceLi' | 'unit' | 'priceSource'>): string {
  const price = `${formatLi(line.unitPriceLi)}/${line.unit}`;
  return line.priceSource.kind === 'tier' ? `满${line.priceSource.minQty}${line.unit} ${price}` : price;
}

const EVENT_NAMES: Record<string, string> = {
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
};

const ACTOR_NAMES: Record<ActorRole, string> = { buyer: '买家', vendor: '店主', system: '系统', payment: '微信支付' };

export function eventName(event: string): string {
  return EVENT_NAMES[event] ?? event;
}

export function actorName(actor: ActorRole): string {
  return ACTOR_NAMES[actor];
}

/** "还剩 28 分钟付款" / "还剩 1 小时 5 分钟付款"; null when there is no deadline or it has passed. */
export function payCountdown(order: Pick<OrderView, 'expiresAt'>, now: number): string | null {
  if (order.expiresAt === null || order.expiresAt <= now) return null;
  const minutes = Math.ceil((order.expiresAt - now) / 60_000);
  const hours = Math.floor(minutes / 60);
  const left = hours > 0 ? `${hours} 小时${minutes % 60 ? ` ${minutes % 60} 分钟` : ''}` : `${minutes} 分钟`;
  return `还剩 ${left}付款，过时订单自动取消`;
}
