import { Button, Input, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { OrderSummaryRow } from '../../../components/order';
import { BrokenLink, EmptyState, RemoteStatus } from '../../../components/status';
import { ordersContract, type OrderState, type OutputOf } from '@core/contracts';
import { ORDER_NAMES } from '@core/order-names';
import { routes } from '@core/routes';
import { afterShown } from '../../../utils/paging';
import { useRoute } from '../../../utils/use-route';
import '../../../components/page.css';
import './index.css';

type Listing = OutputOf<typeof ordersContract, 'listShopOrders'>;

/** The states a vendor acts on first, then the rest; null is every order. */
const TABS: (OrderState | null)[] = ['to_confirm', 'paid', 'refunding', 'to_pay', 'shipped', 'ready_for_pickup', 'completed', 'cancelled', 'refunded', null];

/** 订单: the shop's orders by state with how many are in each, and a search by order number, name or phone. */
export default function ShopOrdersPage() {
  const route = useRoute('shopOrders');
  const shopId = route?.shopId ?? '';
  const [tab, setTab] = useState<OrderState | null>('paid');
  const [keyword, setKeyword] = useState('');
  const { state: listing, load, retry } = useRemote<Listing>();

  /** The state's first page, or the page after the orders `shown` (which stay on screen meanwhile). */
  const show = (state: OrderState | null, shown?: Listing) => {
    setTab(state);
    const word = keyword.trim().slice(0, 20);
    const cursor = shown?.nextCursor;
    void load(
      async () => afterShown('orders', shown, await call(ordersContract, 'listShopOrders', { shopId, ...(state ? { state } : {}), ...(word ? { keyword: word } : {}), ...(cursor ? { cursor } : {}), limit: 20 })),
      { quiet: Boolean(shown) },
    );
  };
  useDidShow(() => {
    if (route) show(tab);
  });

  if (!route) return <BrokenLink />;
  const counts = listing.status === 'done' ? listing.data.counts : {};
  // 拼团 orders waiting for their group are kept out of 待发货 but are still orders of the shop.
  const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0) + (listing.status === 'done' ? listing.data.awaitingGroup : 0);
  return (
    <View className='app-page shop-orders'>
      <View className='card orders-search'>
        <Button className='secondary-button orders-pickup' onClick={() => void Taro.navigateTo({ url: routes.pickup({ shopId }) })}>
          自提核销 · 还没来取的
        </Button>
        <View className='row-inputs'>
          <Input className='text-input orders-keyword' maxlength={20} placeholder='订单号、收货人或手机号' value={keyword} confirmType='search' onInput={(event) => setKeyword(event.detail.value)} onConfirm={() => show(tab)} />
          <Button className='small-button orders-search-button' onClick={() => show(tab)}>
            搜索
          </Button>
        </View>
      </View>
      <View className='choice-row orders-states'>
        {TABS.map((state) => (
          <View key={state ?? 'all'} className={`choice orders-state state-tab-${state ?? 'all'} ${state === tab ? 'is-selected' : ''}`} onClick={() => show(state)}>
            {state ? ORDER_NAMES.state[state] : '全部'} {state ? (counts[state] ?? 0) : total}
          </View>
        ))}
      </View>
      <RemoteStatus state={listing} onRetry={retry} />
      {listing.status === 'done' && listing.data.orders.length === 0 && <EmptyState text={keyword ? `没有找到“${keyword}”的订单` : '这里没有订单'} />}
      {listing.status === 'done' &&
        listing.data.orders.map((order) => (
          <OrderSummaryRow key={order.id} order={order} showReceiver onOpen={() => void Taro.navigateTo({ url: routes.shopOrder({ shopId, orderId: order.id }) })} />
        ))}
      {listing.status === 'done' && listing.data.nextCursor && (
        <View className='card'>
          <Button className='secondary-button load-more' onClick={() => listing.status === 'done' && show(tab, listing.data)}>
            加载更多
          </Button>
        </View>
      )}
    </View>
  );
}
