import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { OrderSummaryRow } from '../../../components/order';
import { EmptyState, RemoteStatus } from '../../../components/status';
import { ordersContract, type OrderState, type OutputOf } from '@core/contracts';
import { ORDER_NAMES } from '@core/order-names';
import { routes } from '@core/routes';
import { afterShown } from '../../../utils/paging';
import '../../../components/page.css';

const TABS: { state: OrderState | undefined; label: string }[] = [
  { state: undefined, label: '全部' },
  ...(['to_pay', 'paid', 'shipped', 'refunding'] as const).map((state) => ({ state, label: ORDER_NAMES.state[state] })),
];

type Listing = OutputOf<typeof ordersContract, 'myOrders'>;

/** 我的订单: newest first, by state, with 加载更多. */
export default function MyOrdersPage() {
  const [tab, setTab] = useState(0);
  const { state: listing, load, retry } = useRemote<Listing>();
  const [more, setMore] = useState(false);

  /** The tab's first page, or the page after the orders `shown` (which stay on screen meanwhile). */
  const show = (index: number, shown?: Listing) => {
    setTab(index);
    const { state } = TABS[index];
    const cursor = shown?.nextCursor;
    return load(async () => afterShown('orders', shown, await call(ordersContract, 'myOrders', { ...(state ? { state } : {}), ...(cursor ? { cursor } : {}), limit: 20 })), { quiet: Boolean(shown) });
  };
  // Back from an order: its state may have changed.
  useDidShow(() => void show(tab));

  const loadMore = async () => {
    if (listing.status !== 'done' || !listing.data.nextCursor || more) return;
    setMore(true);
    await show(tab, listing.data);
    setMore(false);
  };

  return (
    <View className='app-page my-orders'>
      <View className='tab-bar order-tabs'>
        {TABS.map((item, index) => (
          <View key={item.label} className={`tab order-tab ${index === tab ? 'is-current' : ''}`} onClick={() => void show(index)}>
            {item.label}
          </View>
        ))}
      </View>
      <RemoteStatus state={listing} onRetry={retry} />
      {listing.status === 'done' && listing.data.orders.length === 0 && <EmptyState text='这里还没有订单' />}
      {listing.status === 'done' &&
        listing.data.orders.map((order) => <OrderSummaryRow key={order.id} order={order} onOpen={() => void Taro.navigateTo({ url: routes.order({ orderId: order.id }) })} />)}
      {listing.status === 'done' && listing.data.nextCursor && (
        <View className='card'>
          <Button className='secondary-button load-more' onClick={() => void loadMore()}>
            {more ? '正在加载…' : '加载更多'}
          </Button>
        </View>
      )}
    </View>
  );
}
