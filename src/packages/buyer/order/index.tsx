import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { addToCart } from '../../../api/cart';
import { call } from '../../../api/call';
import { requestPayment } from '../../../api/pay';
import { askForRefundNotice } from '../../../api/subscribe';
import { displayUrl } from '../../../api/upload';
import { useRemote } from '../../../utils/use-remote';
import { feeLabelOf, FulfilmentInfo, OrderActions, OrderAmounts, OrderHead, OrderLines, OrderTimeline, payCountdown, useIntentIds } from '../../../components/order';
import { BrokenLink, RemoteStatus } from '../../../components/status';
import { ordersContract, shopContract, type OutputOf } from '@core/contracts';
import { formatFen } from '@core/money';
import { buyerHint, nextActions } from '@core/order-actions';
import { routes } from '@core/routes';
import { differenceText } from '../../../utils/difference';
import { GroupLine } from './group-line';
import { PickupCode } from './pickup-code';
import { useRoute } from '../../../utils/use-route';
import { copied } from '../../../utils/clipboard';
import { PrivacySheet } from '../../../components/privacy-sheet';
import '../../../components/page.css';
import './index.css';

type Detail = OutputOf<typeof ordersContract, 'getOrder'>;

const BUTTON_CLASS = { primary: 'primary-button', secondary: 'secondary-button', danger: 'danger-button' } as const;

/** A campaign's order: its 跟团号 (once paid), the price difference after 截团, and the way back to the list. */
function CampaignLine({ campaign }: { campaign: NonNullable<Detail['order']['campaign']> }) {
  const difference = differenceText(campaign.difference, 'buyer');
  return (
    <View className='order-campaign' onClick={() => void Taro.navigateTo({ url: routes.campaign({ campaignId: campaign.campaignId }) })}>
      <View className='order-campaign-row'>
        <Text className={`order-seq ${campaign.seq === null ? 'is-pending' : ''}`}>{campaign.seq !== null ? `跟团号 ${campaign.seq}` : '付款后排上跟团号'}</Text>
        <Text className='order-campaign-link'>看接龙 ›</Text>
      </View>
      {difference && <Text className='order-difference'>{difference}</Text>}
    </View>
  );
}

/**
 * One order for its buyer: state and what to do next (pay, transfer, confirm receipt, refund,
 * cancel, buy again), the goods with their prices, the amounts, where it goes, and its history.
 */
export default function OrderPage() {
  const route = useRoute('order');
  const orderId = route?.orderId ?? '';
  const { state, load, retry, reload } = useRemote<Detail>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const payOnOpen = useRef(route?.pay === true);
  const intents = useIntentIds();

  // Back on the page, the order stays shown while it is fetched again.
  useDidShow(() => {
    if (route) void load(() => call(ordersContract, 'getOrder', { orderId }), { quiet: true });
  });

  // The countdown to the payment deadline moves on by itself.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const order = state.status === 'done' ? state.data.order : null;

  const pay = async () => {
    if (!order || busy) return;
    setBusy(true);
    setError(null);
    const reply = await call(ordersContract, 'pay', { orderId }, { requestId: intents.idFor('pay') });
    if (!reply.ok) {
      setBusy(false);
      return setError(reply.error.message);
    }
    const outcome = await requestPayment({ payment: reply.data.payment, outTradeNo: reply.data.outTradeNo, totalFen: order.totalFen });
    if (outcome === 'paid') {
      intents.succeeded('pay');
      // WeChat tells the server by its own callback: wait a moment for it to arrive.
      for (let attempt = 0; attempt < 10; attempt++) {
        const reply = await reload();
        if (!reply?.ok || reply.data.order.state !== 'to_pay') break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      void Taro.showToast({ title: '付款成功', icon: 'success' });
    } else if (outcome === 'failed') setError('付款没成功，请再试一次，或联系店主');
    setBusy(false);
  };

  // Straight from 提交订单 with WeChat Pay: open the pay sheet at once.
  useEffect(() => {
    if (order && payOnOpen.current && nextActions(order, 'buyer', Date.now()).some((action) => action.key === 'pay')) {
      payOnOpen.current = false;
      void pay();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [order]);

  const buyAgain = async () => {
    if (!order) return;
    setBusy(true);
    const productIds = [...new Set(order.lines.map((line) => line.productId))];
    const replies = await Promise.all(productIds.map((productId) => call(shopContract, 'getProduct', { productId })));
    let added = 0;
    for (const line of order.lines) {
      const reply = replies[productIds.indexOf(line.productId)];
      const sku = reply.ok ? reply.data.product.skus.find((candidate) => candidate.id === line.skuId) : undefined;
      if (!reply.ok || !sku) continue;
      const { product } = reply.data;
      addToCart(order.shopId, { productId: line.productId, skuId: line.skuId, quantity: line.quantity, name: product.name, spec: sku.spec, unit: product.unit, image: product.image, minQty: sku.minQty, stepQty: sku.stepQty });
      added++;
    }
    setBusy(false);
    if (added === 0) return setError('这些东西已经下架了');
    void Taro.navigateTo({ url: routes.cart({ shopId: order.shopId }) });
  };

  if (!route) return <BrokenLink />;
  if (state.status !== 'done' || !order) return <RemoteStatus state={state} onRetry={retry} />;
  const { payee } = state.data;
  const countdown = order.state === 'to_pay' ? payCountdown(order, now) : null;
  const actions = nextActions(order, 'buyer', now);
  const payAction = actions.find((action) => action.key === 'pay');
  const transferring = actions.some((action) => action.key === 'mark-transferred');

  return (
    <View className='app-page order-page'>
      <View className='card order-state-card'>
        <OrderHead order={order} />
        <Text className='order-state-hint'>{buyerHint(order, now)}</Text>
        {order.campaign && <CampaignLine campaign={order.campaign} />}
        {order.group && <GroupLine group={order.group} payment={order.payment} />}
        {countdown && <Text className='order-countdown'>{countdown}</Text>}
        {order.fulfilment.kind === 'pickup' && !order.pendingRefund && <PickupCode orderId={order.id} state={order.state} />}

        {payAction && (
          <Button className={`primary-button pay-now order-action-pay ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void pay()}>
            {payAction.label}
          </Button>
        )}
        {error && <Text className='inline-error order-error'>{error}</Text>}

        {transferring && (
          <View className='payee'>
            {payee?.qrImage ? <Image className='payee-qr' src={displayUrl(payee.qrImage)} mode='aspectFit' showMenuByLongpress /> : <Text className='note'>店主还没上传收款码，请联系店主转账</Text>}
            <Text className='payee-amount'>要转 {formatFen(order.totalFen)}</Text>
            {payee?.instructions && <Text className='payee-instructions'>{payee.instructions}</Text>}
            <Text className='payee-order-no'>转账时请在备注里写订单号：{order.orderNo}</Text>
            <Button className='secondary-button copy-order-no' onClick={() => void copied(order.orderNo, '订单号已复制')}>
              复制订单号
            </Button>
          </View>
        )}

        <OrderActions
          orderId={order.id}
          actions={actions}
          buttonClass={BUTTON_CLASS}
          onSend={(action) => action.event === 'refund_requested' && void askForRefundNotice()}
          onDone={reload}
        />
      </View>

      <View className='card order-goods'>
        <Text className='card-title'>买的东西</Text>
        <OrderLines lines={order.lines} />
        <OrderAmounts goodsFen={order.goodsFen} feeFen={order.feeFen} totalFen={order.totalFen} feeLabel={feeLabelOf(order.fulfilment.kind)} paidFen={order.payment.paidFen} refundedFen={order.payment.refundedFen} />
        {!order.campaign && (
          <Button className='secondary-button buy-again' onClick={() => void buyAgain()}>
            再买一次
          </Button>
        )}
      </View>

      <View className='card order-fulfilment'>
        <Text className='card-title'>收货</Text>
        <FulfilmentInfo fulfilment={order.fulfilment} />
        {order.buyerNote && <Text className='note order-buyer-note'>留言：{order.buyerNote}</Text>}
      </View>

      <View className='card order-history'>
        <Text className='card-title'>订单记录</Text>
        <OrderTimeline history={order.history} />
      </View>
      <PrivacySheet />
    </View>
  );
}
