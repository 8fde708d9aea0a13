import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useEffect } from 'react';
import { call } from '../../api/call';
import { useRemote } from '../../api/use-remote';
import { Price } from '../../components/price';
import { ErrorState, LoadingState } from '../../components/status';
import { shopContract, type OutputOf } from '../../core/contracts';
import { ERROR_MESSAGES } from '../../core/errors';
import { shipNote } from '../../utils/ship-note';
import { Gallery } from './gallery';
import { SkuList } from './sku-list';
import './index.css';

type ProductView = OutputOf<typeof shopContract, 'getProduct'>;

const NO_PRODUCT = { ok: false, error: { code: 'PRODUCT_NOT_FOUND', message: ERROR_MESSAGES.PRODUCT_NOT_FOUND } } as const;

/** One product: photos, price per unit, specs with stock, when it ships, and the vendor's words. */
export default function ProductPage() {
  const { state, load, retry } = useRemote<ProductView>();

  useLoad((params: { productId?: string }) => {
    const { productId } = params;
    load(() => (productId ? call(shopContract, 'getProduct', { productId }) : Promise.resolve(NO_PRODUCT)));
  });

  const productName = state.status === 'done' ? state.data.product.name : null;
  useEffect(() => {
    if (productName) void Taro.setNavigationBarTitle({ title: productName });
  }, [productName]);

  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'failed') return <ErrorState error={state.error} onRetry={retry} />;

  const { shop, product } = state.data;
  const pricesDiffer = new Set(product.skus.map((sku) => sku.priceLi)).size > 1;
  return (
    <View className='product-page'>
      <Gallery images={product.images} />
      <View className='product-section'>
        <Text className='product-title'>{product.name}</Text>
        <Price className='product-main-price' priceLi={product.fromPriceLi} unit={product.unit} from={pricesDiffer} />
        <Text className='ship-note'>{shipNote(product.ship, Date.now())}</Text>
        {product.soldOut && <Text className='sold-out-badge'>已售完</Text>}
      </View>
      <SkuList skus={product.skus} unit={product.unit} />
      {product.description && (
        <View className='product-section'>
          <Text className='section-title'>商品介绍</Text>
          <Text className='product-description'>{product.description}</Text>
        </View>
      )}
      <View className='contact-bar'>
        <Text className='contact-shop'>{shop.name}</Text>
        <Button
          className='contact-button'
          onClick={() => void Taro.showToast({ title: '联系店主功能即将开放', icon: 'none' })}
        >
          联系店主
        </Button>
      </View>
    </View>
  );
}
