import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { ActionForm, type ActionField } from '../../../components/action-form';
import { feeLabelOf, FulfilmentInfo, OrderAmounts, OrderLines, OrderTimeline, StateBadge } from '../../../components/order';
import { ErrorState, LoadingState } from '../../../components/status';
import { ordersContract, type OrderView, type Reply } from '@core/contracts';
import type { ErrorBody } from '@core/errors';
import { formatFen } from '@core/money';
import { fenToYuanText, parseYuanToFen } from '../../../utils/yuan';
import '../seller.css';
import './index.css';

type Load = { status: 'loading' } | { status: 'failed'; error: ErrorBody } | { status: 'done'; order: OrderView };

interface Action {
  key: string;
  label: string;
  style: 'primary' | 'secondary' | 'danger';
  /** Asked before running; none runs it after a plain confirm. */
  fields?: ActionField[];
  run: (values: Record<string, string>) => Promise<Reply<unknown>> | string;
  done: string;
}

const PAID_STATES: OrderView['state'][] = ['paid', 'shipped', 'ready_for_pickup', 'completed'];

function actionsFor(order: OrderView): Action[] {
  const orderId = order.id;
  const reason = (label: string, placeholder: string): ActionField => ({ key: 'reason', label, placeholder, maxlength: 100 });
  const refundable = order.payment.paidFen - order.payment.refundedFen;
  const needReason = (values: Record<string, string>) => values.reason.trim();
  const actions: Action[] = [];
  const { state } = order;
  const offlineUnpaid = order.payment.mode === 'offline' && (state === 'to_pay' || state === 'to_confirm');

  if (offlineUnpaid) {
    actions.push({ key: 'confirm-transfer', label: '确认收款', style: 'primary', run: () => call(ordersContract, 'confirmTransfer', { orderId }), done: '已确认收款' });
  }
  if (state === 'to_confirm') {
    actions.push({
      key: 'reject-transfer',
      label: '没收到款',
      style: 'secondary',
      fields: [reason('跟买家说一下', '比如：还没看到你的转账，请再看看')],
      run: (values) => (needReason(values) ? call(ordersContract, 'rejectTransfer', { orderId, reason: needReason(values) }) : '请写明没收到款的原因，买家会看到'),
      done: '已告诉买家',
    });
  }
  if (state === 'paid' && order.fulfilment.kind !== 'pickup') {
    actions.push({
      key: 'ship',
      label: '发货',
      style: 'primary',
      fields:
        order.fulfilment.kind === 'express'
          ? [
              { key: 'carrier', label: '快递公司', placeholder: '比如：中通（可不填）', maxlength: 20 },
              { key: 'number', label: '快递单号', placeholder: '可不填', maxlength: 40 },
            ]
          : [],
      run: (values) => {
        const carrier = (values.carrier ?? '').trim();
        const number = (values.number ?? '').trim();
        return call(ordersContract, 'ship', { orderId, tracking: carrier || number ? { carrier, number } : null });
      },
      done: '已发货',
    });
  }
  if (state === 'paid' && order.fulfilment.kind === 'pickup') {
    actions.push({ key: 'mark-ready', label: '可以取货了', style: 'primary', run: () => call(ordersContract, 'markReady', { orderId }), done: '已告诉买家' });
  }
  if (state === 'ready_for_pickup') {
    actions.push({ key: 'picked-up', label: '买家已取货', style: 'primary', run: () => call(ordersContract, 'complete', { orderId }), done: '订单完成' });
  }
  const requested = order.pendingRefund?.status === 'requested' ? order.pendingRefund.amountFen : null;
  if (requested !== null) {
    actions.push({ key: 'approve-refund', label: `同意退款 ${formatFen(requested)}`, style: 'primary', run: () => call(ordersContract, 'refund', { orderId, amountFen: requested, reason: '' }), done: '已退款' });
    actions.push({
      key: 'decline-refund',
      label: '拒绝退款',
      style: 'secondary',
      fields: [reason('为什么不同意', '比如：东西已经吃了一半')],
      run: (values) => (needReason(values) ? call(ordersContract, 'declineRefund', { orderId, reason: needReason(values) }) : '请写明不同意退款的原因，买家会看到'),
      done: '已拒绝',
    });
  }
  if (PAID_STATES.includes(state) && refundable > 0) {
    actions.push({
      key: 'refund',
      label: '退款',
      style: 'secondary',
      fields: [
        { key: 'amount', label: '退多少钱（元）', type: 'yuan', initial: fenToYuanText(refundable), hint: `最多 ${formatFen(refundable)}` },
        reason('退款原因', '比如：少发了一斤'),
      ],
      run: (values) => {
        const amountFen = parseYuanToFen(values.amount.trim());
        if (amountFen === null || amountFen < 1) return '请填写退款金额，比如 10 或 9.9';
        return call(ordersContract, 'refund', { orderId, amountFen, reason: values.reason.trim() });
      },
      done: '已退款',
    });
  }
  if (state === 'to_pay' || state === 'to_confirm') {
    actions.push({
      key: 'cancel',
      label: '取消订单',
      style: 'danger',
      fields: [reason('取消原因', '比如：卖完了，买家同意取消')],
      run: (values) => (needReason(values) ? call(ordersContract, 'cancel', { orderId, reason: needReason(values) }) : '请写明取消的原因，买家会看到'),
      done: '已取消',
    });
  }
  return actions;
}

const BUTTON_CLASS = { primary: 'primary-button', secondary: 'secondary-button', danger: 'danger-button' } as const;

/** One order for the shop: who and where, the goods and money, and the next steps for its state. */
export default function VendorOrderPage() {
  const { params } = useRouter();
  const orderId = decodeURIComponent(params.orderId ?? '');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fetchOrder = async () => {
    const reply = await call(ordersContract, 'getOrder', { orderId });
    setLoad(reply.ok ? { status: 'done', order: reply.data.order } : { status: 'failed', error: reply.error });
  };
  useDidShow(() => void fetchOrder());

  if (load.status === 'failed') return <ErrorState error={load.error} onRetry={() => void fetchOrder()} />;
  if (load.status === 'loading') return <LoadingState />;
  const { order } = load;

  const run = async (action: Action, values: Record<string, string>) => {
    if (busy) return;
    setError(null);
    const started = action.run(values);
    if (typeof started === 'string') return setError(started);
    setBusy(true);
    const reply = await started;
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    setOpen(null);
    void Taro.showToast({ title: action.done, icon: 'success' });
    await fetchOrder();
  };

  const start = (action: Action) => {
    setError(null);
    if (action.fields?.length) return setOpen(action.key);
    void Taro.showModal({ title: '请确认', content: `${action.label}？`, confirmText: '确定', cancelText: '再想想' }).then(({ confirm }) => confirm && void run(action, {}));
  };

  const actions = actionsFor(order);
  const opened = actions.find((action) => action.key === open);
  return (
    <View className='vendor-page vendor-order'>
      <View className='vendor-card vendor-order-state'>
        <View className='vendor-order-head'>
          <StateBadge state={order.state} />
          <Text className='vendor-order-no'>订单号 {order.orderNo}</Text>
        </View>
        <Text className='vendor-order-pay'>
          {order.payment.mode === 'wechat' ? '微信支付' : '转账给店主'} · 合计 {formatFen(order.totalFen)}
        </Text>
        {order.payment.transferNote !== null && <Text className='vendor-order-transfer-note'>买家说已转账：{order.payment.transferNote || '（没写备注）'}</Text>}
        {opened?.fields ? (
          <ActionForm
            key={opened.key}
            name={opened.key}
            title={opened.label}
            fields={opened.fields}
            confirmText={opened.label}
            danger={opened.style === 'danger'}
            busy={busy}
            error={error}
            onCancel={() => setOpen(null)}
            onSubmit={(values) => void run(opened, values)}
          />
        ) : (
          <View className='vendor-order-actions'>
            {actions.map((action) => (
              <Button key={action.key} className={`${BUTTON_CLASS[action.style]} order-action-${action.key}`} onClick={() => start(action)}>
                {action.label}
              </Button>
            ))}
            {error && <Text className='field-error order-action-error'>{error}</Text>}
          </View>
        )}
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
