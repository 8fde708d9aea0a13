import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../../api/call';
import { shopContract } from '@core/contracts';
import { routes } from '@core/routes';

/** A small way into the vendor console: 我的小店 for members of a shop, else 我也要开店. */
export function VendorEntry() {
  const [isMember, setIsMember] = useState<boolean | null>(null);
  useEffect(() => {
    void call(shopContract, 'myShops', {}).then((reply) => setIsMember(reply.ok && reply.data.shops.length > 0));
  }, []);
  if (isMember === null) return null;
  const url = isMember ? routes.myShops() : routes.openShop();
  return (
    <View className={`vendor-entry ${isMember ? 'is-member' : 'is-visitor'}`} onClick={() => void Taro.navigateTo({ url })}>
      <Text className='vendor-entry-text'>{isMember ? '我的小店' : '我也要开店'}</Text>
      <Text className='vendor-entry-arrow'>›</Text>
    </View>
  );
}
