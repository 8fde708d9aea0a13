import { Image, Text, View } from '@tarojs/components';
import { Price } from '../../components/price';
import type { ProductCard as Card } from '@core/contracts';
import { shipNote } from '@core/ship';

interface Props {
  product: Card;
  now: number;
  onOpen: () => void;
}

export function ProductCard({ product, now, onOpen }: Props) {
  return (
    <View className={`product-card ${product.soldOut ? 'is-sold-out' : ''}`} onClick={onOpen}>
      <View className='product-image-box'>
        <Image className='product-image' src={product.image} mode='aspectFill' lazyLoad />
        {product.soldOut && <Text className='sold-out-badge'>已售完</Text>}
      </View>
      <View className='product-body'>
        <Text className='product-name'>{product.name}</Text>
        <Price priceLi={product.fromPriceLi} unit={product.unit} />
        <Text className='ship-note'>{shipNote(product.ship, now)}</Text>
      </View>
    </View>
  );
}
