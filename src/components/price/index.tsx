import { Text, View } from '@tarojs/components';
import { formatLi } from '@core/money';
import './index.css';

interface Props {
  priceLi: number;
  unit: string;
  /** Marks the lowest of several prices: "¥58.00/斤 起". */
  from?: boolean;
  className?: string;
}

/** A unit price formatted from integer 厘 at render time. */
export function Price({ priceLi, unit, from = false, className = '' }: Props) {
  return (
    <View className={`price ${className}`}>
      <Text className='product-price'>{formatLi(priceLi)}</Text>
      <Text className='product-unit'>/{unit}</Text>
      {from && <Text className='price-from'> 起</Text>}
    </View>
  );
}
