import { Text, View } from '@tarojs/components';
import { EmptyState } from '../status';
import type { VendorProductRow } from '@core/contracts';
import { formatLi } from '@core/money';
import './index.css';

interface Props {
  products: readonly VendorProductRow[];
  onPick: (product: VendorProductRow) => void;
  /** Words after a product's name, e.g. why it cannot be sold yet; none for a product on sale. */
  noteOf?: (product: VendorProductRow) => string;
  /** Class prefix for the page's tests and styles: `<prefix>-product-picker`, `<prefix>-product-option`. */
  prefix: string;
}

/** The shop's goods as a tap-to-add list, with the price each starts from (campaign and live editors). */
export function ProductPicker({ products, onPick, noteOf, prefix }: Props) {
  return (
    <View className={`product-picker ${prefix}-product-picker`}>
      {products.length === 0 && <EmptyState text='小店里还没有商品' />}
      {products.map((product) => (
        <View key={product.id} className={`product-option ${prefix}-product-option product-${product.id}`} onClick={() => onPick(product)}>
          <Text className={`product-option-name ${prefix}-product-name`}>
            {product.name}
            {noteOf?.(product) ?? ''}
          </Text>
          <Text className={`product-option-price ${prefix}-product-price`}>
            {formatLi(product.fromPriceLi)}/{product.unit}
          </Text>
        </View>
      ))}
    </View>
  );
}
