import { Text, View } from '@tarojs/components';
import type { Sku } from '../../core/contracts';
import { formatLi } from '../../core/money';

export function SkuList({ skus, unit }: { skus: Sku[]; unit: string }) {
  return (
    <View className='product-section sku-list'>
      <Text className='section-title'>规格</Text>
      {skus.map((sku) => (
        <View key={sku.id} className={`sku-item ${sku.stock > 0 ? '' : 'is-sold-out'}`}>
          <Text className='sku-spec'>{sku.spec}</Text>
          <Text className='sku-price'>
            {formatLi(sku.priceLi)}/{unit}
          </Text>
          <Text className='sku-stock'>{sku.stock > 0 ? `库存 ${sku.stock}` : '已售完'}</Text>
        </View>
      ))}
    </View>
  );
}
