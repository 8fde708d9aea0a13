import { Text, View } from '@tarojs/components';
import type { Sku } from '@core/contracts';
import { formatFen, formatLi } from '@core/money';
import { priceLine } from '@core/pricing';
import { QuantityStepper } from './quantity-stepper';
import { TierTable } from './tier-table';

interface Props {
  sku: Sku;
  unit: string;
  quantity: number;
  onQuantity: (quantity: number) => void;
}

/** For the chosen spec: how many, the unit price at that quantity, and what the line comes to. */
export function BuyBox({ sku, unit, quantity, onQuantity }: Props) {
  const line = priceLine(sku, quantity);
  const rules: string[] = [];
  if (sku.minQty > 1) rules.push(`${sku.minQty}${unit}起卖`);
  if (sku.stepQty > 1) rules.push(`每次加减${sku.stepQty}${unit}`);
  return (
    <View className='product-section buy-box'>
      <QuantityStepper sku={sku} unit={unit} quantity={quantity} onChange={onQuantity} />
      {rules.length > 0 && <Text className='quantity-rule'>{rules.join('，')}</Text>}
      <View className='buy-price-row'>
        <Text className='unit-price'>
          单价 {formatLi(line.priceLi)}/{unit}
        </Text>
        <Text className='line-total'>合计 {formatFen(line.totalFen)}</Text>
      </View>
      <Text className='sku-stock-note'>
        库存 {sku.stock}
        {unit}
      </Text>
      <TierTable sku={sku} unit={unit} quantity={quantity} />
    </View>
  );
}
