import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Sku } from '@core/contracts';
import { snapQuantity } from '@core/pricing';

interface Props {
  sku: Sku;
  unit: string;
  quantity: number;
  onChange: (quantity: number) => void;
}

/** − / typed number / +, in the SKU's steps from its minimum; a typed number snaps to a valid one. */
export function QuantityStepper({ sku, unit, quantity, onChange }: Props) {
  const [text, setText] = useState(String(quantity));
  useEffect(() => setText(String(quantity)), [quantity]);

  const atMin = quantity <= sku.minQty;
  const next = quantity + sku.stepQty;
  const atMax = next > sku.stock;
  const commit = (value: string) => {
    const wanted = Number.parseInt(value, 10);
    const snapped = snapQuantity(sku, Number.isFinite(wanted) ? wanted : sku.minQty);
    // Never above the stock: at most the largest allowed quantity that fits in it.
    const maxQty = sku.stock >= sku.minQty ? sku.minQty + Math.floor((sku.stock - sku.minQty) / sku.stepQty) * sku.stepQty : sku.minQty;
    const fits = Math.min(snapped, maxQty);
    setText(String(fits));
    onChange(fits);
  };

  return (
    <View className='quantity-row'>
      <Text className='quantity-label'>数量</Text>
      <View className='qty-stepper'>
        <View className={`qty-minus ${atMin ? 'is-disabled' : ''}`} onClick={() => !atMin && onChange(Math.max(sku.minQty, quantity - sku.stepQty))}>
          −
        </View>
        <Input
          className='qty-input'
          type='number'
          value={text}
          onInput={(event) => setText(event.detail.value)}
          onBlur={(event) => commit(event.detail.value)}
          onConfirm={(event) => commit(event.detail.value)}
        />
        <View className={`qty-plus ${atMax ? 'is-disabled' : ''}`} onClick={() => !atMax && onChange(next)}>
          +
        </View>
      </View>
      <Text className='quantity-unit'>{unit}</Text>
    </View>
  );
}
