import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { feeLabelOf, FulfilmentInfo, OrderActions, OrderAmounts, OrderLines, OrderHead, OrderTimeline } from '../../../components/order';
import { BrokenLink, RemoteStatus } from '../../../components/status';
import { PrivacySheet } from '../../../components/privacy-sheet';
import { scanned } from '../../../utils/scan';
import { ordersContract, type OrderView } from '@core/contracts';
import { formatFen } from '@core/money';
import { nextActions } from '@core/order-actions';
import { ORDER_NAMES } from '@core/order-names';
import { useRoute } from '../../../utils/use-route';
import '../../../components/page.css';
import './index.css';

const BUTTON_CLASS = { primary: 'primary-button', secondary: 'secondary-button', danger: 'danger-button' } as const;

/** The tracking number from the parcel's bar code; the mini-program only (a browser has no camera scan). */
const SCAN_TRACKING = process.env.TARO_ENV === 'weapp' ? () => scanned(['barCode', 'qrCode']) : undefined;

/**
 * One order for the shop: who and where, the goods and money, and the next steps for its state
 * (发货 asks for the carrier from the list and the tracking number, typed or scanned on the mini-program).
 */
export default function VendorOrderPage() {
  const route = useRoute('shopOrder');
  const { state, load, retry, reload } = useRemote<OrderView>();
  // Back on the page, the order stays shown while it is fetched again.
  useDidShow(() => {
    if (!route) return;
    void load(async () => {
      const reply = await call(ordersContract, 'getOrder', { orderId: route.orderId });
      return reply.ok ? { ok: true, data: reply.data.order } : reply;
    }, { quiet: true });
  });

  if (!route) return <BrokenLink />;
  if (state.status !== 'done') return <RemoteStatus state={state} onRetry={retry} />;
  const order = state.data;

  return (
    <View className='app-page vendor-order'>
      <View className='card vendor-order-state'>
        <OrderHead order={order} />
        <Text className='vendor-order-pay'>
          {ORDER_NAMES.payment[order.payment.mode]} · 合计 {formatFen(order.totalFen)}
        </Text>
        {order.payment.transferNote !== null && <Text className='vendor-order-transfer-note'>买家说已转账：{order.payment.transferNote || '（没写备注）'}</Text>}
        <OrderActions orderId={order.id} actions={nextActions(order, 'vendor', Date.now())} buttonClass={BUTTON_CLASS} scan={SCAN_TRACKING} onDone={reload} />
      </View>

      <View className='card'>
        <Text className='card-title'>收货</Text>
        <FulfilmentInfo fulfilment={order.fulfilment} />
        {order.buyerNote && <Text className='note vendor-order-buyer-note'>买家留言：{order.buyerNote}</Text>}
      </View>

      <View className='card'>
        <Text className='card-title'>商品</Text>
        <OrderLines lines={order.lines} />
        <OrderAmounts goodsFen={order.goodsFen} feeFen={order.feeFen} totalFen={order.totalFen} feeLabel={feeLabelOf(order.fulfilment.kind)} paidFen={order.payment.paidFen} refundedFen={order.payment.refundedFen} />
      </View>

      <View className='card'>
        <Text className='card-title'>订单记录</Text>
        <OrderTimeline history={order.history} />
      </View>
      {/* Scanning a tracking number (发货 on the mini-program) asks for the camera through it. */}
      <PrivacySheet />
    </View>
  );
}
