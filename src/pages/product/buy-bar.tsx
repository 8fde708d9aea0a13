import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { addToCart, cartCount, writeCart, type CartItem } from '../../api/cart';
import { routes } from '@core/routes';
import type { Entry } from '../../utils/entry';

interface Props {
  shopId: string;
  /** The chosen spec at the chosen quantity; null when nothing can be bought. */
  item: CartItem | null;
  entry: Entry | null;
  onContact: (() => void) | null;
}

/** The product page's bottom bar: 联系店主, 购物车 (with its count), 加入购物车, 立即购买. */
export function BuyBar({ shopId, item, entry, onContact }: Props) {
  const [count, setCount] = useState(0);
  useDidShow(() => setCount(cartCount(shopId)));
  const singlePage = entry?.singlePage ?? false;

  const add = () => {
    if (!item) return;
    setCount(addToCart(shopId, { ...item, ...(entry?.ref ? { ref: entry.ref, scene: entry.scene } : {}) }));
    void Taro.showToast({ title: '已加入购物车', icon: 'success' });
  };
  const buyNow = () => {
    if (!item) return;
    writeCart(shopId, [item], 'buynow');
    void Taro.navigateTo({ url: routes.checkout({ shopId, from: 'buynow', ref: entry?.ref, scene: entry?.scene }) });
  };

  return (
    <View className='buy-bar'>
      {onContact && (
        <View className='bar-link contact-button' onClick={onContact}>
          <Text>联系店主</Text>
        </View>
      )}
      {!singlePage && (
        <>
          <View className='bar-link cart-link' onClick={() => void Taro.navigateTo({ url: routes.cart({ shopId }) })}>
            <Text>购物车</Text>
            {count > 0 && <Text className='cart-count'>{count}</Text>}
          </View>
          <Button className={`bar-button add-to-cart ${item ? '' : 'is-disabled'}`} disabled={!item || undefined} onClick={add}>
            加入购物车
          </Button>
          <Button className={`bar-button buy-now ${item ? '' : 'is-disabled'}`} disabled={!item || undefined} onClick={buyNow}>
            立即购买
          </Button>
        </>
      )}
    </View>
  );
}
