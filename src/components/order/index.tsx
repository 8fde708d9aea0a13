import { Image, Text, View } from '@tarojs/components';
import { displayUrl } from '../../api/upload';
import type { OrderSummary, OrderView, PricedOrderLine } from '@core/contracts';
import { formatFen } from '@core/money';
import { eventName, ORDER_NAMES } from '@core/order-names';
import { addressLine, formatTime, unitPriceNote } from './format';
import './index.css';

export { addressLine, formatTime, payCountdown, unitPriceNote } from './format';
export { OrderActions, useIntentIds } from './actions';

/** The order's goods: photo, name and spec, unit price with where it came from, quantity, line total. */
export function OrderLines({ lines }: { lines: PricedOrderLine[] }) {
  return (
    <View className='order-lines'>
      {lines.map((line) => (
        <View key={`${line.productId}-${line.skuId}`} className='order-line'>
          {line.image ? <Image className='order-line-image' src={displayUrl(line.image)} mode='aspectFill' /> : <View className='order-line-image' />}
          <View className='order-line-body'>
            <Text className='order-line-name'>{line.name}</Text>
            {line.spec && <Text className='order-line-spec'>{line.spec}</Text>}
            <Text className='order-line-price'>
              {unitPriceNote(line)} × {line.quantity}
            </Text>
          </View>
          <Text className='order-line-total'>{formatFen(line.totalFen)}</Text>
        </View>
      ))}
    </View>
  );
}

interface AmountsProps {
  goodsFen: number;
  feeFen: number;
  totalFen: number;
  /** "运费" / "配送费"; pickup orders have no fee row. */
  feeLabel: string | null;
  paidFen?: number;
  refundedFen?: number;
}

/** 商品 / 运费 / 合计 (and 已付 / 已退 once money moved), amounts computed by the server. */
export function OrderAmounts({ goodsFen, feeFen, totalFen, feeLabel, paidFen = 0, refundedFen = 0 }: AmountsProps) {
  return (
    <View className='order-amounts'>
      <View className='amount-row amount-goods'>
        <Text>商品</Text>
        <Text>{formatFen(goodsFen)}</Text>
      </View>
      {feeLabel && (
        <View className='amount-row amount-fee'>
          <Text>{feeLabel}</Text>
          <Text>{feeFen === 0 ? '免费' : formatFen(feeFen)}</Text>
        </View>
      )}
      <View className='amount-row amount-total'>
        <Text>合计</Text>
        <Text className='amount-total-value'>{formatFen(totalFen)}</Text>
      </View>
      {paidFen > 0 && (
        <View className='amount-row amount-paid'>
          <Text>已付</Text>
          <Text>{formatFen(paidFen)}</Text>
        </View>
      )}
      {refundedFen > 0 && (
        <View className='amount-row amount-refunded'>
          <Text>已退</Text>
          <Text>{formatFen(refundedFen)}</Text>
        </View>
      )}
    </View>
  );
}

export function feeLabelOf(kind: OrderView['fulfilment']['kind']): string | null {
  return kind === 'express' ? '运费' : kind === 'local' ? '配送费' : null;
}

/** How the goods get to the buyer: the address, or the pickup point and who picks up. */
export function FulfilmentInfo({ fulfilment }: { fulfilment: OrderView['fulfilment'] }) {
  if (fulfilment.kind === 'pickup') {
    const { point, contact } = fulfilment;
    return (
      <View className='fulfilment-info'>
        <Text className='fulfilment-kind'>{ORDER_NAMES.fulfilment.pickup}</Text>
        <Text className='fulfilment-main'>{point.name}</Text>
        <Text className='fulfilment-sub'>{point.address}</Text>
        {point.hours && <Text className='fulfilment-sub'>{point.hours}</Text>}
        <Text className='fulfilment-sub'>
          取货人 {contact.name} {contact.phone}
        </Text>
      </View>
    );
  }
  const { address } = fulfilment;
  return (
    <View className='fulfilment-info'>
      <Text className='fulfilment-kind'>{ORDER_NAMES.fulfilment[fulfilment.kind]}</Text>
      <Text className='fulfilment-main'>
        {address.name} {address.phone}
      </Text>
      <Text className='fulfilment-sub'>{addressLine(address)}</Text>
      {fulfilment.kind === 'express' && fulfilment.tracking && (
        <Text className='fulfilment-sub fulfilment-tracking'>
          快递 {fulfilment.tracking.carrier} {fulfilment.tracking.number}
        </Text>
      )}
    </View>
  );
}

/** What happened to the order, newest first, with who did it and why. */
export function OrderTimeline({ history }: { history: OrderView['history'] }) {
  return (
    <View className='order-timeline'>
      {[...history].reverse().map((entry, index) => (
        <View key={`${entry.at}-${index}`} className={`timeline-entry ${index === 0 ? 'is-latest' : ''}`}>
          <View className='timeline-dot' />
          <View className='timeline-body'>
            <Text className='timeline-title'>
              {eventName(entry.event)}
              {entry.amountFen !== null && entry.event !== 'placed' ? ` ${formatFen(entry.amountFen)}` : ''}
            </Text>
            <Text className='timeline-meta'>
              {formatTime(entry.at)} · {ORDER_NAMES.actor[entry.actor]} · {ORDER_NAMES.state[entry.to]}
            </Text>
            {entry.reason && <Text className='timeline-reason'>{entry.reason}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}

export function StateBadge({ state }: { state: OrderView['state'] }) {
  return <Text className={`state-badge state-${state}`}>{ORDER_NAMES.state[state]}</Text>;
}

/** The top of an order page, for buyer and vendor alike: its state, large, and its number. */
export function OrderHead({ order }: { order: Pick<OrderView, 'state' | 'orderNo'> }) {
  return (
    <View className='order-head'>
      <StateBadge state={order.state} />
      <Text className='order-no'>订单号 {order.orderNo}</Text>
    </View>
  );
}

interface SummaryProps {
  order: OrderSummary;
  onOpen: () => void;
  /** Vendors see who it goes to. */
  showReceiver?: boolean;
}

/** One order in a list: photo, "腊肉 等 3 件", state, total, when; tap to open. */
export function OrderSummaryRow({ order, onOpen, showReceiver = false }: SummaryProps) {
  return (
    <View className='order-summary' onClick={onOpen}>
      <View className='order-summary-head'>
        <Text className='order-summary-no'>订单 {order.orderNo}</Text>
        <StateBadge state={order.state} />
      </View>
      <View className='order-summary-body'>
        {order.image ? <Image className='order-line-image' src={displayUrl(order.image)} mode='aspectFill' /> : <View className='order-line-image' />}
        <View className='order-line-body'>
          <Text className='order-line-name'>{order.lineCount > 1 ? `${order.title} 等 ${order.lineCount} 件` : order.title}</Text>
          <Text className='order-line-spec'>
            {formatTime(order.createdAt)}
            {showReceiver && order.receiverName ? ` · ${order.receiverName}` : ''}
          </Text>
          {showReceiver && order.returning && <Text className='order-returning'>老客</Text>}
        </View>
        <Text className='order-line-total'>{formatFen(order.totalFen)}</Text>
      </View>
    </View>
  );
}
