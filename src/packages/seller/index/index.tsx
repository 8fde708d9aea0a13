import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { EmptyState, RemoteStatus } from '../../../components/status';
import { shopContract, type OutputOf, type Role } from '@core/contracts';
import { routes } from '@core/routes';
import { can, type Permission, ROLE_NAMES } from '@core/shops';
import '../../../components/page.css';
import './index.css';

type MyShops = OutputOf<typeof shopContract, 'myShops'>;

/** What a member can open for a shop, in the order they use it most. */
const ACTIONS: { page: 'shopOrders' | 'shipping' | 'campaigns' | 'liveShows' | 'customers' | 'quick' | 'goods' | 'share' | 'stats' | 'settings' | 'members'; label: string; permission: Permission; className: string }[] = [
  { page: 'shopOrders', label: '订单', permission: 'manageOrders', className: 'action-orders' },
  { page: 'shipping', label: '发货', permission: 'manageOrders', className: 'action-shipping' },
  { page: 'campaigns', label: '团购接龙', permission: 'manageOrders', className: 'action-campaigns' },
  { page: 'liveShows', label: '直播', permission: 'runLive', className: 'action-live' },
  { page: 'customers', label: '熟客本', permission: 'viewCustomers', className: 'action-customers' },
  { page: 'quick', label: '快速上架', permission: 'manageGoods', className: 'action-quick' },
  { page: 'goods', label: '商品管理', permission: 'manageGoods', className: 'action-goods' },
  { page: 'share', label: '分享工具', permission: 'share', className: 'action-share' },
  { page: 'stats', label: '访问统计', permission: 'viewStats', className: 'action-stats' },
  { page: 'settings', label: '店铺设置', permission: 'viewSettings', className: 'action-settings' },
  { page: 'members', label: '成员', permission: 'manageMembers', className: 'action-members' },
];

/** What this role sees, in order; a streamer, who has little else here, gets 直播 first and wide. */
function actionsFor(role: Role) {
  const allowed = ACTIONS.filter((action) => can(role, action.permission));
  if (can(role, 'manageLive')) return allowed;
  return [...allowed.filter((action) => action.page === 'liveShows').map((action) => ({ ...action, className: `${action.className} is-wide` })), ...allowed.filter((action) => action.page !== 'liveShows')];
}

/** 我的小店: the shops I belong to, each with what I can do there, and 开店. */
export default function MyShopsPage() {
  const { state, load, retry } = useRemote<MyShops>();
  useDidShow(() => void load(() => call(shopContract, 'myShops', {})));

  if (state.status !== 'done') return <RemoteStatus state={state} onRetry={retry} />;

  const go = (url: string) => void Taro.navigateTo({ url });
  return (
    <View className='app-page my-shops'>
      {state.data.shops.length === 0 && <EmptyState text='你还没有小店，开一家吧，一分钟就好' />}
      {state.data.shops.map(({ shop, role }) => (
        <View key={shop.id} className='card my-shop'>
          <View className='my-shop-head' onClick={() => go(routes.shop({ shopId: shop.id }))}>
            {shop.avatar ? <Image className='my-shop-avatar' src={shop.avatar} mode='aspectFill' /> : <View className='my-shop-avatar' />}
            <View className='my-shop-info'>
              <Text className='my-shop-name'>{shop.name}</Text>
              <Text className='my-shop-role'>我是{ROLE_NAMES[role]} · 看看店铺 ›</Text>
            </View>
          </View>
          <View className='shop-actions'>
            {actionsFor(role).map((action) => (
              <View key={action.page} className={`shop-action ${action.className}`} onClick={() => go(routes[action.page]({ shopId: shop.id }))}>
                {action.label}
              </View>
            ))}
          </View>
        </View>
      ))}
      <View className='card'>
        <Button className='primary-button open-shop-button' onClick={() => go(routes.openShop())}>
          {state.data.shops.length ? '再开一家店' : '我要开店'}
        </Button>
      </View>
    </View>
  );
}
