import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { addToCart } from '../../../api/cart';
import { call } from '../../../api/call';
import { requestPayment } from '../../../api/pay';
import { askForRefundNotice } from '../../../api/subscribe';
import { displayUrl } from '../../../api/upload';
import { ActionForm } from '../../../components/action-form';
import { feeLabelOf, FulfilmentInfo, OrderAmounts, OrderLines, OrderTimeline, payCountdown, StateBadge } from '../../../components/order';
import { ErrorState, LoadingState } from '../../../components/status';
import { ordersContract, shopContract, type OrderView, type OutputOf, type Reply } from '@core/contracts';
import type { ErrorBody } from '@core/errors';
import { formatFen } from '@core/money';
import { parseYuanToFen } from '../../../utils/yuan';
import { buyerUrls } from '../urls';
import '../buyer.css';
import './index.css';

type Detail = OutputOf<typeof ordersContract, 'getOrder'>;
type Load = { status: 'loading' } | { status: 'failed'; error: ErrorBody } | { status: 'done'; detail: Detail };
type Panel = 'transfer' | 'refund' | null;

/** What the buyer should know in each state, in one plain sentence. */
function stateHint(order: OrderView): string {
  switch (order.state) {
    case 'to_pay':
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
      return '退款处理中，店主同意后钱会退回';
    case 'refunded':
      return '钱已经退回';
  }
}

const PAID_STATES: OrderView['state'][] = ['paid', 'shipped', 'ready_for_pickup', 'completed'];

/**
 * One order for its buyer: state and what to do next (pay, transfer, confirm receipt, refund,
 * cancel, buy again), the goods with their prices, the amounts, where it goes, and its history.
 */
export default function OrderPage() {
  const { params } = useRouter();
  const orderId = decodeURIComponent(params.orderId ?? '');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [panel, setPanel] = useState<Panel>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const payOnOpen = useRef(params.pay === '1');

  const fetchOrder = async (): Promise<Detail | null> => {
    const reply = await call(ordersContract, 'getOrder', { orderId });
    if (!reply.ok) {
      setLoad({ status: 'failed', error: reply.error });
      return null;
    }
    setLoad({ status: 'done', detail: reply.data });
    return reply.data;
  };
  useDidShow(() => void fetchOrder());

  // The countdown to the payment deadline moves on by itself.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const order = load.status === 'done' ? load.detail.order : null;

  const pay = async () => {
    if (!order || busy) return;
    setBusy(true);
    setError(null);
    const reply = await call(ordersContract, 'pay', { orderId });
    if (!reply.ok) {
      setBusy(false);
      return setError(reply.error.message);
    }
    const outcome = await requestPayment({ payment: reply.data.payment, outTradeNo: reply.data.outTradeNo, totalFen: order.totalFen });
    if (outcome === 'paid') {
      // WeChat tells the server by its own callback: wait a moment for it to arrive.
      for (let attempt = 0; attempt < 10; attempt++) {
        const detail = await fetchOrder();
        if (!detail || detail.order.state !== 'to_pay') break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      void Taro.showToast({ title: '付款成功', icon: 'success' });
    } else if (outcome === 'failed') setError('付款没成功，请再试一次，或联系店主');
    setBusy(false);
  };

  // Straight from 提交订单 with WeChat Pay: open the pay sheet at once.
  useEffect(() => {
    if (order && payOnOpen.current && order.state === 'to_pay' && order.payment.mode === 'wechat') {
      payOnOpen.current = false;
      void pay();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [order]);

  /** Runs an order action and shows the order it returns. */
  const act = async (run: () => Promise<Reply<unknown>>, done: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const reply = await run();
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    setPanel(null);
    void Taro.showToast({ title: done, icon: 'success' });
    await fetchOrder();
  };

  const confirmThen = (content: string, then: () => void) =>
    void Taro.showModal({ title: '请确认', content, confirmText: '确定', cancelText: '再想想' }).then(({ confirm }) => confirm && then());

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
    void Taro.navigateTo({ url: buyerUrls.cart(order.shopId) });
  };

  if (load.status === 'failed') return <ErrorState error={load.error} onRetry={() => void fetchOrder()} />;
  if (load.status === 'loading' || !order) return <LoadingState />;
  const { payee } = load.detail;
  const countdown = order.state === 'to_pay' ? payCountdown(order, now) : null;
  const refundable = order.payment.paidFen - order.payment.refundedFen;

  return (
    <View className='buyer-page order-page'>
      <View className='buyer-card order-state-card'>
        <View className='order-state-row'>
          <StateBadge state={order.state} />
          <Text className='order-no'>订单号 {order.orderNo}</Text>
        </View>
        <Text className='order-state-hint'>{stateHint(order)}</Text>
        {countdown && <Text className='order-countdown'>{countdown}</Text>}

        {order.state === 'to_pay' && order.payment.mode === 'wechat' && (
          <Button className={`buyer-button pay-now ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void pay()}>
            去支付 {formatFen(order.totalFen)}
          </Button>
        )}

        {order.state === 'to_pay' && order.payment.mode === 'offline' && (
          <View className='payee'>
            {payee?.qrImage ? <Image className='payee-qr' src={displayUrl(payee.qrImage)} mode='aspectFit' showMenuByLongpress /> : <Text className='buyer-note'>店主还没上传收款码，请联系店主转账</Text>}
            <Text className='payee-amount'>要转 {formatFen(order.totalFen)}</Text>
            {payee?.instructions && <Text className='payee-instructions'>{payee.instructions}</Text>}
            <Text className='payee-order-no'>转账时请在备注里写订单号：{order.orderNo}</Text>
            <Button className='buyer-button is-secondary copy-order-no' onClick={() => void Taro.setClipboardData({ data: order.orderNo })}>
              复制订单号
            </Button>
            {panel === 'transfer' ? (
              <ActionForm
                name='transfer'
                title='我已转账'
                fields={[{ key: 'note', label: '给店主说一句', placeholder: '比如：用老公的微信转的，尾号 1234', maxlength: 100 }]}
                confirmText='我已转账'
                busy={busy}
                error={error}
                onCancel={() => setPanel(null)}
                onSubmit={({ note }) => void act(() => call(ordersContract, 'markTransferred', { orderId, note: note.trim() }), '已告诉店主')}
              />
            ) : (
              <Button className='buyer-button mark-transferred' onClick={() => setPanel('transfer')}>
                我已转账
              </Button>
            )}
          </View>
        )}

        {(order.state === 'shipped' || order.state === 'ready_for_pickup') && (
          <Button className='buyer-button confirm-receipt' onClick={() => confirmThen('确认已经收到东西了吗？', () => void act(() => call(ordersContract, 'complete', { orderId }), '已确认收货'))}>
            {order.fulfilment.kind === 'pickup' ? '我已取货' : '确认收货'}
          </Button>
        )}

        {PAID_STATES.includes(order.state) && refundable > 0 &&
          (panel === 'refund' ? (
            <ActionForm
              name='refund'
              title='申请退款'
              fields={[
                { key: 'amount', label: '退多少钱（元）', type: 'yuan', initial: String(refundable / 100), hint: `最多 ${formatFen(refundable)}` },
                { key: 'reason', label: '为什么退', placeholder: '比如：少发了一斤', maxlength: 100 },
              ]}
              confirmText='提交申请'
              busy={busy}
              error={error}
              onCancel={() => setPanel(null)}
              onSubmit={({ amount, reason }) => {
                const amountFen = parseYuanToFen(amount.trim());
                if (amountFen === null || amountFen < 1) return setError('请填写退款金额，比如 10 或 9.9');
                if (!reason.trim()) return setError('请写明退款原因');
                void askForRefundNotice();
                void act(() => call(ordersContract, 'requestRefund', { orderId, amountFen, reason: reason.trim() }), '已提交');
              }}
            />
          ) : (
            <Button className='buyer-button is-secondary request-refund' onClick={() => setPanel('refund')}>
              申请退款
            </Button>
          ))}

        {order.state === 'to_pay' && (
          <Button className='buyer-button is-danger cancel-order' onClick={() => confirmThen('取消后就不能再付款了，确定取消吗？', () => void act(() => call(ordersContract, 'cancel', { orderId, reason: '' }), '已取消'))}>
            取消订单
          </Button>
        )}
        {/* Paid but not handed over: cancelling is asking for all the money back; the vendor agrees and the goods go back on the shelf. */}
        {order.state === 'paid' && order.payment.refundedFen === 0 && panel !== 'refund' && (
          <Button
            className='buyer-button is-danger cancel-paid-order'
            onClick={() =>
              confirmThen('已经付款了，取消要店主同意，钱会原路退回。确定取消吗？', () => {
                void askForRefundNotice();
                void act(() => call(ordersContract, 'requestRefund', { orderId, amountFen: order.totalFen, reason: '还没发货，买家取消订单' }), '已申请取消，等店主同意');
              })
            }
          >
            取消订单
          </Button>
        )}
        {error && !panel && <Text className='buyer-problem order-error'>{error}</Text>}
      </View>

      <View className='buyer-card order-goods'>
        <Text className='buyer-card-title'>买的东西</Text>
        <OrderLines lines={order.lines} />
        <OrderAmounts goodsFen={order.goodsFen} feeFen={order.feeFen} totalFen={order.totalFen} feeLabel={feeLabelOf(order.fulfilment.kind)} paidFen={order.payment.paidFen} refundedFen={order.payment.refundedFen} />
        <Button className='buyer-button is-secondary buy-again' onClick={() => void buyAgain()}>
          再买一次
        </Button>
      </View>

      <View className='buyer-card order-fulfilment'>
        <Text className='buyer-card-title'>收货</Text>
        <FulfilmentInfo fulfilment={order.fulfilment} />
        {order.buyerNote && <Text className='buyer-note order-buyer-note'>留言：{order.buyerNote}</Text>}
      </View>

      <View className='buyer-card order-history'>
        <Text className='buyer-card-title'>订单记录</Text>
        <OrderTimeline history={order.history} />
      </View>
    </View>
  );
}
