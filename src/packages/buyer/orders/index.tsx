import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { OrderSummaryRow } from '../../../components/order';
import { EmptyState, ErrorState, LoadingState } from '../../../components/status';
import { ordersContract, type OrderState, type OrderSummary } from '@core/contracts';
import type { ErrorBody } from '@core/errors';
import { ORDER_NAMES } from '@core/order-names';
import { buyerUrls } from '../urls';
import '../buyer.css';
import './index.css';

const TABS: { state: OrderState | undefined; label: string }[] = [
  { state: undefined, label: '全部' },
  ...(['to_pay', 'paid', 'shipped', 'refunding'] as const).map((state) => ({ state, label: ORDER_NAMES.state[state] })),
];

type Load = { status: 'loading' } | { status: 'failed'; error: ErrorBody } | { status: 'done'; orders: OrderSummary[]; nextCursor: string | null };

/** 我的订单: newest first, by state, with 加载更多. */
export default function MyOrdersPage() {
  const [tab, setTab] = useState(0);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [more, setMore] = useState(false);

  const show = async (index: number, after?: { orders: OrderSummary[]; cursor: string }) => {
    setTab(index);
    if (!after) setLoad({ status: 'loading' });
    const { state } = TABS[index];
    const reply = await call(ordersContract, 'myOrders', { ...(state ? { state } : {}), ...(after ? { cursor: after.cursor } : {}), limit: 20 });
    if (!reply.ok) return setLoad({ status: 'failed', error: reply.error });
    setLoad({ status: 'done', orders: [...(after?.orders ?? []), ...reply.data.orders], nextCursor: reply.data.nextCursor });
  };
  // Back from an order: its state may have changed.
  useDidShow(() => void show(tab));

  const loadMore = async () => {
    if (load.status !== 'done' || !load.nextCursor || more) return;
    setMore(true);
    await show(tab, { orders: load.orders, cursor: load.nextCursor });
    setMore(false);
  };

  return (
    <View className='buyer-page my-orders'>
      <View className='order-tabs'>
        {TABS.map((item, index) => (
          <View key={item.label} className={`order-tab ${index === tab ? 'is-current' : ''}`} onClick={() => void show(index)}>
            {item.label}
          </View>
        ))}
      </View>
      {load.status === 'loading' && <LoadingState />}
      {load.status === 'failed' && <ErrorState error={load.error} onRetry={() => void show(tab)} />}
      {load.status === 'done' && load.orders.length === 0 && <EmptyState text='这里还没有订单' />}
      {load.status === 'done' &&
        load.orders.map((order) => <OrderSummaryRow key={order.id} order={order} onOpen={() => void Taro.navigateTo({ url: buyerUrls.order(order.id) })} />)}
      {load.status === 'done' && load.nextCursor && (
        <View className='buyer-card'>
          <Button className='buyer-button is-secondary load-more' onClick={() => void loadMore()}>
            {more ? '正在加载…' : '加载更多'}
          </Button>
        </View>
      )}
    </View>
  );
}
