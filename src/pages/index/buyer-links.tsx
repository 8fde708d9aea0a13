import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { cartCount } from '../../api/cart';
import { routes } from '@core/routes';

/** 购物车 (with how many lines are in it) and 我的订单, under the shop header. */
export function BuyerLinks({ shopId }: { shopId: string }) {
  const [count, setCount] = useState(0);
  useDidShow(() => setCount(cartCount(shopId)));
  const go = (url: string) => void Taro.navigateTo({ url });
  return (
    <View className='buyer-links'>
      <View className='buyer-link cart-link' onClick={() => go(routes.cart({ shopId }))}>
        <Text>购物车{count > 0 ? `（${count}）` : ''}</Text>
      </View>
      <View className='buyer-link my-orders-link' onClick={() => go(routes.myOrders({ shopId }))}>
        <Text>我的订单</Text>
      </View>
    </View>
  );
}
