import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { cartSource, readCart, writeCart, type CartItem } from '../../../api/cart';
import { displayUrl } from '../../../api/upload';
import { BrokenLink, EmptyState } from '../../../components/status';
import { routes } from '@core/routes';
import { useRoute } from '../../../utils/use-route';
import '../../../components/page.css';
import './index.css';

/**
 * 购物车 of one shop: what the buyer put in, with −/+ in the spec's steps and 删除. Prices and
 * the total are the server's, on the next page.
 */
export default function CartPage() {
  const route = useRoute('cart');
  const shopId = route?.shopId ?? '';
  const [items, setItems] = useState<CartItem[]>([]);
  useDidShow(() => setItems(route ? readCart(shopId) : []));

  const save = (next: CartItem[]) => {
    setItems(next);
    writeCart(shopId, next);
  };
  const setQuantity = (index: number, quantity: number) => save(items.map((item, i) => (i === index ? { ...item, quantity } : item)));

  if (!route) return <BrokenLink />;
  if (items.length === 0) {
    return (
      <View className='app-page cart-page'>
        <EmptyState text='购物车是空的' />
        <View className='card'>
          <Button className='primary-button go-shopping' onClick={() => void Taro.redirectTo({ url: routes.shop({ shopId }) })}>
            去店里逛逛
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='app-page cart-page'>
      <View className='card'>
        {items.map((item, index) => {
          const atMin = item.quantity - item.stepQty < item.minQty;
          return (
            <View key={`${item.productId}-${item.skuId}`} className='cart-line'>
              {item.image ? <Image className='order-line-image' src={displayUrl(item.image)} mode='aspectFill' /> : <View className='order-line-image' />}
              <View className='cart-line-body'>
                <Text className='cart-line-name'>{item.name}</Text>
                {item.spec && <Text className='cart-line-spec'>{item.spec}</Text>}
                <View className='cart-line-qty'>
                  <View className={`cart-minus ${atMin ? 'is-disabled' : ''}`} onClick={() => !atMin && setQuantity(index, item.quantity - item.stepQty)}>
                    −
                  </View>
                  <Text className='cart-qty'>
                    {item.quantity}
                    {item.unit}
                  </Text>
                  <View className='cart-plus' onClick={() => setQuantity(index, item.quantity + item.stepQty)}>
                    +
                  </View>
                  <Text className='cart-remove' onClick={() => save(items.filter((_, i) => i !== index))}>
                    删除
                  </Text>
                </View>
              </View>
            </View>
          );
        })}
      </View>
      <Text className='note cart-hint'>买得多的按批发价算，下一步能看到每样多少钱。</Text>
      <View className='bottom-bar has-total'>
        <Text className='bottom-bar-total'>共 {items.length} 样</Text>
        <Button className='primary-button go-checkout' onClick={() => void Taro.navigateTo({ url: routes.checkout({ shopId, from: 'cart', ...cartSource(items) }) })}>
          去结算
        </Button>
      </View>
    </View>
  );
}
