import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { feeLabelOf, FulfilmentInfo, OrderActions, OrderAmounts, OrderLines, OrderTimeline, StateBadge } from '../../../components/order';
import { ErrorState, LoadingState } from '../../../components/status';
import { ordersContract, type OrderView } from '@core/contracts';
import type { ErrorBody } from '@core/errors';
import { formatFen } from '@core/money';
import { nextActions } from '@core/order-actions';
import { ORDER_NAMES } from '@core/order-names';
import '../seller.css';
import './index.css';

type Load = { status: 'loading' } | { status: 'failed'; error: ErrorBody } | { status: 'done'; order: OrderView };

const BUTTON_CLASS = { primary: 'primary-button', secondary: 'secondary-button', danger: 'danger-button' } as const;

/** One order for the shop: who and where, the goods and money, and the next steps for its state. */
export default function VendorOrderPage() {
  const { params } = useRouter();
  const orderId = decodeURIComponent(params.orderId ?? '');
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const fetchOrder = async () => {
    const reply = await call(ordersContract, 'getOrder', { orderId });
    setLoad(reply.ok ? { status: 'done', order: reply.data.order } : { status: 'failed', error: reply.error });
  };
  useDidShow(() => void fetchOrder());

  if (load.status === 'failed') return <ErrorState error={load.error} onRetry={() => void fetchOrder()} />;
  if (load.status === 'loading') return <LoadingState />;
  const { order } = load;

  return (
    <View className='vendor-page vendor-order'>
      <View className='vendor-card vendor-order-state'>
        <View className='vendor-order-head'>
          <StateBadge state={order.state} />
          <Text className='vendor-order-no'>订单号 {order.orderNo}</Text>
        </View>
        <Text className='vendor-order-pay'>
          {ORDER_NAMES.payment[order.payment.mode]} · 合计 {formatFen(order.totalFen)}
        </Text>
        {order.payment.transferNote !== null && <Text className='vendor-order-transfer-note'>买家说已转账：{order.payment.transferNote || '（没写备注）'}</Text>}
        <OrderActions orderId={order.id} actions={nextActions(order, 'vendor', Date.now())} buttonClass={BUTTON_CLASS} onDone={fetchOrder} />
      </View>

      <View className='vendor-card'>
        <Text className='vendor-card-title'>收货</Text>
        <FulfilmentInfo fulfilment={order.fulfilment} />
        {order.buyerNote && <Text className='vendor-note vendor-order-buyer-note'>买家留言：{order.buyerNote}</Text>}
      </View>

      <View className='vendor-card'>
        <Text className='vendor-card-title'>商品</Text>
        <OrderLines lines={order.lines} />
        <OrderAmounts goodsFen={order.goodsFen} feeFen={order.feeFen} totalFen={order.totalFen} feeLabel={feeLabelOf(order.fulfilment.kind)} paidFen={order.payment.paidFen} refundedFen={order.payment.refundedFen} />
      </View>

      <View className='vendor-card'>
        <Text className='vendor-card-title'>订单记录</Text>
        <OrderTimeline history={order.history} />
      </View>
    </View>
  );
}
