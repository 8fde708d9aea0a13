import { Button, Input, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { OrderSummaryRow } from '../../../components/order';
import { EmptyState, ErrorState, LoadingState } from '../../../components/status';
import { ordersContract, type OrderState, type OutputOf } from '@core/contracts';
import type { ErrorBody } from '@core/errors';
import { ORDER_NAMES } from '@core/order-names';
import { shopUrl, useShopId } from '../shop-id';
import '../seller.css';
import './index.css';

type Listing = OutputOf<typeof ordersContract, 'listShopOrders'>;
type Load = { status: 'loading' } | { status: 'failed'; error: ErrorBody } | { status: 'done'; data: Listing };

/** The states a vendor acts on first, then the rest; null is every order. */
const TABS: (OrderState | null)[] = ['to_confirm', 'paid', 'refunding', 'to_pay', 'shipped', 'ready_for_pickup', 'completed', 'cancelled', 'refunded', null];

/** 订单: the shop's orders by state with how many are in each, and a search by order number, name or phone. */
export default function ShopOrdersPage() {
  const shopId = useShopId();
  const [tab, setTab] = useState<OrderState | null>('paid');
  const [keyword, setKeyword] = useState('');
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const show = async (state: OrderState | null, word = keyword, cursor?: string) => {
    setTab(state);
    if (!cursor) setLoad({ status: 'loading' });
    const reply = await call(ordersContract, 'listShopOrders', { shopId, ...(state ? { state } : {}), ...(word.trim() ? { keyword: word.trim().slice(0, 20) } : {}), ...(cursor ? { cursor } : {}), limit: 20 });
    if (!reply.ok) return setLoad({ status: 'failed', error: reply.error });
    setLoad((previous) => ({
      status: 'done',
      data: cursor && previous.status === 'done' ? { ...reply.data, orders: [...previous.data.orders, ...reply.data.orders] } : reply.data,
    }));
  };
  useDidShow(() => void show(tab));

  const counts = load.status === 'done' ? load.data.counts : {};
  const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
  return (
    <View className='vendor-page shop-orders'>
      <View className='vendor-card orders-search'>
        <View className='row-inputs'>
          <Input className='text-input orders-keyword' maxlength={20} placeholder='订单号、收货人或手机号' value={keyword} confirmType='search' onInput={(event) => setKeyword(event.detail.value)} onConfirm={() => void show(tab)} />
          <Button className='small-button orders-search-button' onClick={() => void show(tab)}>
            搜索
          </Button>
        </View>
      </View>
      <View className='choice-row orders-states'>
        {TABS.map((state) => (
          <View key={state ?? 'all'} className={`choice orders-state state-tab-${state ?? 'all'} ${state === tab ? 'is-selected' : ''}`} onClick={() => void show(state)}>
            {state ? ORDER_NAMES.state[state] : '全部'} {state ? (counts[state] ?? 0) : total}
          </View>
        ))}
      </View>
      {load.status === 'loading' && <LoadingState />}
      {load.status === 'failed' && <ErrorState error={load.error} onRetry={() => void show(tab)} />}
      {load.status === 'done' && load.data.orders.length === 0 && <EmptyState text={keyword ? `没有找到“${keyword}”的订单` : '这里没有订单'} />}
      {load.status === 'done' &&
        load.data.orders.map((order) => (
          <OrderSummaryRow key={order.id} order={order} showReceiver onOpen={() => void Taro.navigateTo({ url: shopUrl('order', shopId, `&orderId=${encodeURIComponent(order.id)}`) })} />
        ))}
      {load.status === 'done' && load.data.nextCursor && (
        <View className='vendor-card'>
          <Button className='secondary-button load-more' onClick={() => load.status === 'done' && void show(tab, keyword, load.data.nextCursor ?? undefined)}>
            加载更多
          </Button>
        </View>
      )}
    </View>
  );
}
