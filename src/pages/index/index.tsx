import { View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useEffect } from 'react';
import { call } from '../../api/call';
import { useRemote } from '../../api/use-remote';
import { EmptyState, ErrorState, LoadingState } from '../../components/status';
import { shopContract, type OutputOf } from '../../core/contracts';
import { ProductCard } from './product-card';
import { ShopHeader } from './shop-header';
import './index.css';

type ShopHome = OutputOf<typeof shopContract, 'listProducts'>;

/** Shop home: who sells, and the goods on sale. Opens `shopId` from the link, else the default shop. */
export default function ShopHomePage() {
  const { state, load, retry } = useRemote<ShopHome>();

  useLoad((params: { shopId?: string }) => {
    const shopId = params.shopId || process.env.TARO_APP_SHOP_ID;
    load(() => call(shopContract, 'listProducts', { shopId }));
  });

  const shopName = state.status === 'done' ? state.data.shop.name : null;
  useEffect(() => {
    if (shopName) void Taro.setNavigationBarTitle({ title: shopName });
  }, [shopName]);

  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'failed') return <ErrorState error={state.error} onRetry={retry} />;

  const { shop, products } = state.data;
  const now = Date.now();
  return (
    <View className='shop-home'>
      <ShopHeader shop={shop} />
      {products.length === 0 ? (
        <EmptyState text='店主还没有上架商品，过几天再来看看' />
      ) : (
        <View className='product-grid'>
          {products.map((product) => (
            <ProductCard
              key={product.id}
              product={product}
              now={now}
              onOpen={() => void Taro.navigateTo({ url: `/pages/product/index?productId=${encodeURIComponent(product.id)}` })}
            />
          ))}
        </View>
      )}
    </View>
  );
}
