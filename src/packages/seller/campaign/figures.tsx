// The campaign detail's read-only parts: its goods with quantities and prices, its orders by
// 跟团号, and the settlement after 截团 with the 待退差价 rows.
import { Button, Text, View } from '@tarojs/components';
import type { CampaignOrderRow, CampaignVendorView, OutputOf, campaignsContract } from '@core/contracts';
import { formatFen, formatLi } from '@core/money';
import { ORDER_NAMES } from '@core/order-names';
import { formatTime } from '../../../components/order';
import { differenceText } from '../../../utils/difference';

type Settlement = OutputOf<typeof campaignsContract, 'settlement'>;

/** Each item: how much the group took, the price in force (or fixed at 截团), and what is left under its cap. */
export function CampaignGoods({ campaign }: { campaign: CampaignVendorView }) {
  return (
    <View className='campaign-goods'>
      {campaign.items.map((item) => (
        <View key={item.id} className={`campaign-goods-item item-${item.id}`}>
          <View className='campaign-goods-head'>
            <Text className='campaign-goods-name'>{item.name}</Text>
            <Text className='campaign-goods-qty'>
              已接 {item.countedQty} {item.unit}
            </Text>
          </View>
          <Text className='note campaign-goods-price'>
            {item.final ? `截团价 ${formatLi(item.final.priceLi)}/${item.unit}` : `现价 ${formatLi(item.current.priceLi)}/${item.unit}`}
            {item.progressText ? ` · ${item.progressText}` : ''}
          </Text>
          <Text className='note campaign-goods-taken'>
            已下单 {item.takenQty} {item.unit}
            {item.stockCap !== null ? ` / 限量 ${item.stockCap} ${item.unit}` : ''}
            {item.limitPerBuyer !== null ? ` · 每人限购 ${item.limitPerBuyer}` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** One order of the campaign: 跟团号, full name and phone, what and how much; struck through when it does not count. */
export function CampaignOrderItem({ order, onOpen }: { order: CampaignOrderRow; onOpen: () => void }) {
  const difference = differenceText(order.difference, 'vendor');
  return (
    <View className={`campaign-order ${order.counts ? 'is-counted' : 'is-not-counted'} campaign-order-state-${order.state}`} onClick={onOpen}>
      <View className='campaign-order-head'>
        <Text className='campaign-order-seq'>{order.seq === null ? '—' : `${order.seq}号`}</Text>
        <Text className='campaign-order-name'>{order.buyerName}</Text>
        <Text className='campaign-order-phone'>{order.phone}</Text>
        <Text className={`state-badge state-${order.state}`}>{ORDER_NAMES.state[order.state]}</Text>
      </View>
      <Text className='campaign-order-summary'>{order.summary}</Text>
      <View className='campaign-order-foot'>
        <Text className='note campaign-order-how'>
          {order.fulfilment.pointName ? `自提：${order.fulfilment.pointName}` : ORDER_NAMES.fulfilment[order.fulfilment.kind]} · {ORDER_NAMES.payment[order.mode]} · {formatTime(order.createdAt)}
        </Text>
        <Text className='campaign-order-total'>{formatFen(order.totalFen)}</Text>
      </View>
      {order.buyerNote && <Text className='note campaign-order-note'>留言：{order.buyerNote}</Text>}
      {difference && <Text className={`campaign-order-difference is-${order.difference?.status ?? 'none'}`}>{difference}</Text>}
    </View>
  );
}

const TOTAL_ROWS: { key: keyof Settlement['totals']; label: string; money: boolean }[] = [
  { key: 'orders', label: '算数的订单', money: false },
  { key: 'paidGoodsFen', label: '大家付的货款', money: true },
  { key: 'repricedGoodsFen', label: '按截团价算', money: true },
  { key: 'differenceFen', label: '要退的差价', money: true },
  { key: 'refundedFen', label: '已经退了', money: true },
  { key: 'processingFen', label: '正在退回微信', money: true },
  { key: 'dueFen', label: '待你退（转账的订单）', money: true },
  { key: 'waitingFen', label: '等确认收款后再退', money: true },
];

interface SettlementProps {
  settlement: Settlement;
  /** The order being marked, if one is. */
  marking: string | null;
  onMark: (order: CampaignOrderRow) => void;
  onOpen: (order: CampaignOrderRow) => void;
}

/** After 截团: the price fixed for each item, the money figures, and each order owed a difference (待退 ones with 已退). */
export function SettlementFigures({ settlement, marking, onMark, onOpen }: SettlementProps) {
  const { totals } = settlement;
  return (
    <View className='campaign-settlement-figures'>
      {settlement.status !== 'settled' && <Text className='form-saved campaign-settling'>正在按截团价算差价，稍等一会儿再看</Text>}
      {settlement.items.map((item) => (
        <View key={item.id} className='amount-row settlement-item'>
          <Text>
            {item.name} · 共 {item.countedQty} {item.unit}
          </Text>
          <Text className='settlement-final-price'>
            {formatLi(item.final.priceLi)}/{item.unit}
          </Text>
        </View>
      ))}
      {TOTAL_ROWS.filter((row) => row.key === 'orders' || row.key === 'differenceFen' || totals[row.key] > 0).map((row) => (
        <View key={row.key} className={`amount-row settlement-${row.key}`}>
          <Text>{row.label}</Text>
          <Text className='settlement-value'>{row.money ? formatFen(totals[row.key]) : `${totals[row.key]} 单`}</Text>
        </View>
      ))}
      {settlement.orders.map((order) => (
        <View key={order.orderId} className={`difference-row difference-${order.difference?.status ?? 'none'}`}>
          <View className='difference-who' onClick={() => onOpen(order)}>
            <Text className='difference-name'>
              {order.seq === null ? '' : `${order.seq}号 `}
              {order.buyerName} {order.phone}
            </Text>
            <Text className='note difference-note'>{differenceText(order.difference, 'vendor') ?? '没有差价'}</Text>
          </View>
          {order.difference?.status === 'due' && (
            <Button className={`small-button difference-mark-refunded ${marking === order.orderId ? 'is-disabled' : ''}`} disabled={marking !== null || undefined} onClick={() => onMark(order)}>
              {marking === order.orderId ? '请稍等…' : '我已退'}
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
