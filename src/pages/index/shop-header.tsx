import { Image, Text, View } from '@tarojs/components';
import { ShopContact } from '../../components/contact';
import type { ShopPublic } from '@core/contracts';

export function ShopHeader({ shop }: { shop: ShopPublic }) {
  return (
    <View className='shop-header-box'>
      <View className='shop-header'>
        <Image className='shop-avatar' src={shop.avatar} mode='aspectFill' />
        <View className='shop-info'>
          <Text className='shop-name'>{shop.name}</Text>
          <Text className='shop-intro'>{shop.intro}</Text>
        </View>
      </View>
      <ShopContact contact={shop.contact} />
    </View>
  );
}
