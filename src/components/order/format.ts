// How orders read to people: times in Asia/Shanghai, where a unit price came from, and how long
// is left to pay. Names of states, kinds, modes and events are in @core/order-names.
import type { Address, OrderView, PricedOrderLine } from '@core/contracts';
import { formatShanghai } from '@core/dates';
import { formatLi } from '@core/money';

/** "重庆市酉阳县桃花源街道 8 号": an address on one line, as couriers write it. */
export function addressLine(address: Address): string {
  return `${address.province}${address.city}${address.district}${address.detail}`;
}

/** "12月1日 14:05" */
export function formatTime(at: number): string {
  return formatShanghai(at, 'M月D日 HH:mm');
}

/** "满1000条 ¥0.065/条" for a bulk price, "¥0.07/条" for the plain one. */
export function unitPriceNote(line: Pick<PricedOrderLine, 'unitPriceLi' | 'unit' | 'priceSource'>): string {
  const price = `${formatLi(line.unitPriceLi)}/${line.unit}`;
  return line.priceSource.kind === 'tier' ? `满${line.priceSource.minQty}${line.unit} ${price}` : price;
}

/** "还剩 28 分钟付款" / "还剩 1 小时 5 分钟付款"; null when there is no deadline or it has passed. */
export function payCountdown(order: Pick<OrderView, 'expiresAt'>, now: number): string | null {
  if (order.expiresAt === null || order.expiresAt <= now) return null;
  const minutes = Math.ceil((order.expiresAt - now) / 60_000);
  const hours = Math.floor(minutes / 60);
  const left = hours > 0 ? `${hours} 小时${minutes % 60 ? ` ${minutes % 60} 分钟` : ''}` : `${minutes} 分钟`;
  return `还剩 ${left}付款，过时订单自动取消`;
}
