import { Text, View } from '@tarojs/components';
import type { Sku } from '@core/contracts';
import { formatLi } from '@core/money';

interface Props {
  skus: Sku[];
  unit: string;
  selectedId: string;
  onSelect: (sku: Sku) => void;
}

/** The specs as big choices: tap one to pick it; a sold-out one cannot be picked. */
export function SkuPicker({ skus, unit, selectedId, onSelect }: Props) {
  return (
    <View className='product-section sku-list sku-picker'>
      <Text className='section-title'>选规格</Text>
      {skus.map((sku) => {
        const soldOut = sku.stock <= 0;
        return (
          <View
            key={sku.id}
            className={`sku-item sku-option ${sku.id === selectedId ? 'is-selected' : ''} ${soldOut ? 'is-sold-out' : ''}`}
            onClick={() => !soldOut && onSelect(sku)}
          >
            <Text className='sku-spec'>{sku.spec || '默认'}</Text>
            <Text className='sku-price'>
              {formatLi(sku.priceLi)}/{unit}
            </Text>
            <Text className='sku-stock'>{soldOut ? '已售完' : `库存 ${sku.stock}`}</Text>
          </View>
        );
      })}
    </View>
  );
}
