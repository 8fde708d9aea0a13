import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { BrokenLink, EmptyState, RemoteStatus } from '../../../components/status';
import { goodsContract, type OutputOf, type ProductStatus } from '@core/contracts';
import { routes } from '@core/routes';
import { useRoute } from '../../../utils/use-route';
import { ProductRow, STATUS_NAMES } from './product-row';
import '../../../components/page.css';
import './index.css';

type Listing = OutputOf<typeof goodsContract, 'listShopProducts'>;

const TABS: ProductStatus[] = ['on_sale', 'sold_out', 'off_shelf', 'draft'];

/** 商品: the shop's goods by status, with 上架/下架/售完, stock edited in place, and 编辑. */
export default function GoodsPage() {
  const route = useRoute('goods');
  const shopId = route?.shopId ?? '';
  const [tab, setTab] = useState<ProductStatus>('on_sale');
  const { state, load, retry, update } = useRemote<Listing>();

  const show = (status: ProductStatus) => {
    setTab(status);
    void load(() => call(goodsContract, 'listShopProducts', { shopId, status }));
  };
  // Back from the editor: the list may have changed.
  useDidShow(() => {
    if (route) show(tab);
  });

  const products = state.status === 'done' ? state.data.products : [];
  const setProducts = (change: (products: Listing['products']) => Listing['products']) => update((data) => ({ ...data, products: change(data.products) }));

  const setStatus = async (productId: string, status: 'on_sale' | 'sold_out' | 'off_shelf') => {
    const reply = await call(goodsContract, 'setStatus', { productId, status });
    if (!reply.ok) {
      void Taro.showModal({ title: '没改成', content: reply.error.message, showCancel: false, confirmText: '知道了' });
      return;
    }
    void Taro.showToast({ title: `已${STATUS_NAMES[reply.data.status]}`, icon: 'success' });
    // It moves to another tab.
    setProducts((rows) => rows.filter((product) => product.id !== productId));
  };

  const setStock = (productId: string, skuId: string, stock: number) =>
    setProducts((rows) =>
      rows.map((product) => {
        if (product.id !== productId) return product;
        const skus = product.skus.map((sku) => (sku.id === skuId ? { ...sku, stock } : sku));
        return { ...product, skus, totalStock: skus.reduce((sum, sku) => sum + sku.stock, 0) };
      }),
    );

  const go = (url: string) => void Taro.navigateTo({ url });
  if (!route) return <BrokenLink />;
  return (
    <View className='app-page goods-page'>
      <View className='tab-bar goods-tabs'>
        {TABS.map((status) => (
          <View key={status} className={`tab goods-tab tab-${status} ${status === tab ? 'is-current' : ''}`} onClick={() => show(status)}>
            {STATUS_NAMES[status]}
          </View>
        ))}
      </View>
      <View className='goods-top-actions'>
        <Button className='primary-button goods-quick' onClick={() => go(routes.quick({ shopId }))}>
          快速上架
        </Button>
        <Button className='secondary-button goods-new' onClick={() => go(routes.editor({ shopId }))}>
          新建商品
        </Button>
      </View>
      <RemoteStatus state={state} onRetry={retry} />
      {state.status === 'done' && products.length === 0 && <EmptyState text={`没有${STATUS_NAMES[tab]}的商品`} />}
      {state.status === 'done' &&
        products.map((product) => (
          <ProductRow
            key={product.id}
            product={product}
            onStatus={(status) => void setStatus(product.id, status)}
            onEdit={() => go(routes.editor({ shopId, productId: product.id }))}
            onStock={(skuId, stock) => setStock(product.id, skuId, stock)}
          />
        ))}
      <Text className='note goods-footnote'>售完的商品买家还能看到，下架的看不到。</Text>
    </View>
  );
}
