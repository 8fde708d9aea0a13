import { Text, View } from '@tarojs/components';
import { feeLabelOf, OrderAmounts, OrderLines } from '../../../components/order';
import { lineLabel } from '@core/order-names';
import type { Checkout } from './use-checkout';

/** 买的东西: the server's priced lines and amounts, or, until it prices them, the cart's lines and their problems. */
export function GoodsSection({ checkout }: { checkout: Checkout }) {
  const { priced, items, problems, kind } = checkout;
  return (
    <View className='card checkout-goods'>
      <Text className='card-title'>买的东西</Text>
      {priced ? (
        <OrderLines lines={priced.lines} />
      ) : (
        items.map((item) => (
          <View key={`${item.productId}-${item.skuId}`} className='checkout-item'>
            <Text className='order-line-name'>{lineLabel(item)}</Text>
            <Text className='order-line-spec'>
              {item.quantity}
              {item.unit}
            </Text>
            {problems
              .filter((problem) => problem.productId === item.productId && (!problem.skuId || problem.skuId === item.skuId))
              .map((problem) => (
                <Text key={problem.code} className='inline-error line-problem'>
                  {problem.message}
                </Text>
              ))}
          </View>
        ))
      )}
      {priced && <OrderAmounts goodsFen={priced.goodsFen} feeFen={priced.feeFen} totalFen={priced.totalFen} feeLabel={kind ? feeLabelOf(kind) : null} />}
    </View>
  );
}
