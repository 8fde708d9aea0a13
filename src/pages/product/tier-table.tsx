import { Text, View } from '@tarojs/components';
import type { Sku } from '@core/contracts';
import { formatLi } from '@core/money';

/** Bulk prices: "1000条起 ¥0.065/条", the row that applies now marked. */
export function TierTable({ sku, unit, quantity }: { sku: Sku; unit: string; quantity: number }) {
  if (sku.tiers.length === 0) return null;
  const rows = [{ minQty: sku.minQty, priceLi: sku.priceLi }, ...sku.tiers];
  const current = rows.reduce((best, row) => (quantity >= row.minQty ? row : best), rows[0]);
  return (
    <View className='tier-table'>
      <Text className='tier-title'>买得多更便宜</Text>
      {rows.map((row) => (
        <View key={row.minQty} className={`tier-row ${row === current ? 'is-current' : ''}`}>
          <Text className='tier-qty'>
            {row.minQty}
            {unit}起
          </Text>
          <Text className='tier-price'>
            {formatLi(row.priceLi)}/{unit}
          </Text>
        </View>
      ))}
    </View>
  );
}
