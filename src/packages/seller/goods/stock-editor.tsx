import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../../../api/call';
import { goodsContract } from '@core/contracts';

interface Props {
  productId: string;
  sku: { id: string; spec: string; stock: number };
  unit: string;
  onSaved: (stock: number) => void;
}

/** One spec's stock, edited in place: type the new number and tap 改库存. */
export function StockEditor({ productId, sku, unit, onSaved }: Props) {
  const [text, setText] = useState(String(sku.stock));
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(String(sku.stock)), [sku.stock]);
  const wanted = Number(text);
  const changed = text.trim() !== '' && wanted !== sku.stock;

  const save = async () => {
    if (!Number.isSafeInteger(wanted) || wanted < 0) {
      void Taro.showToast({ title: '库存要填整数', icon: 'none' });
      return;
    }
    setBusy(true);
    const reply = await call(goodsContract, 'setStock', { productId, skuId: sku.id, stock: wanted });
    setBusy(false);
    if (!reply.ok) {
      void Taro.showToast({ title: reply.error.message, icon: 'none' });
      return;
    }
    onSaved(reply.data.stock);
    void Taro.showToast({ title: '库存已改', icon: 'success' });
  };

  return (
    <View className='stock-row'>
      <Text className='stock-spec'>{sku.spec || '库存'}</Text>
      <Input className='stock-input' type='number' value={text} onInput={(e) => setText(e.detail.value)} />
      <Text className='stock-unit'>{unit}</Text>
      {changed && (
        <Button className='small-button save-stock' disabled={busy || undefined} onClick={() => void save()}>
          改库存
        </Button>
      )}
    </View>
  );
}
