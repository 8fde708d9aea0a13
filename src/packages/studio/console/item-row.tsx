import { Button, Image, Input, Switch, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { displayUrl } from '../../../api/upload';
import type { LiveShowVendorView } from '@core/contracts';
import { formatLi } from '@core/money';

type Item = LiveShowVendorView['items'][number];

interface Props {
  item: Item;
  pinned: boolean;
  /** The show can still be run (scheduled or live). */
  running: boolean;
  /** An action on this row is on its way: its buttons wait. */
  busy: boolean;
  onPin: () => void;
  onSwitch: (on: boolean) => void;
  onRestock: (quantity: number) => void;
}

const QUICK_RESTOCK = [10, 50];

/** One item as a large row: photo, name and spec, live price, 已卖 / 剩, 讲解, the live price switch and 补库存. */
export function ConsoleItemRow({ item, pinned, running, busy, onPin, onSwitch, onRestock }: Props) {
  const [typing, setTyping] = useState(false);
  const [quantity, setQuantity] = useState('');
  const typed = Number(quantity);
  const typedOk = quantity.trim() !== '' && Number.isSafeInteger(typed) && typed >= 1 && typed <= 100_000;

  return (
    <View className={`card console-item console-item-${item.id} ${pinned ? 'is-pinned' : ''}`}>
      {pinned && <Text className='console-pinned-flag'>讲解中</Text>}
      <View className='console-item-head'>
        {item.image ? <Image className='console-item-image' src={displayUrl(item.image)} mode='aspectFill' /> : <View className='console-item-image' />}
        <View className='console-item-info'>
          <Text className='console-item-name'>{item.name}</Text>
          {item.spec && <Text className='console-item-spec'>{item.spec}</Text>}
          <View className='console-item-prices'>
            <Text className='console-live-price'>{formatLi(item.livePriceLi)}</Text>
            <Text className='console-normal-price'>
              原价 {formatLi(item.priceLi)}/{item.unit}
            </Text>
          </View>
        </View>
      </View>
      <View className='console-counters'>
        <Text className='console-sold'>
          已卖 {item.sold} {item.unit}
        </Text>
        <Text className={`console-left ${item.left === 0 ? 'is-empty' : ''}`}>{item.left === null ? '不限量' : `剩 ${item.left} ${item.unit}`}</Text>
        {item.limitPerBuyer !== null && (
          <Text className='console-limit'>
            每人限 {item.limitPerBuyer} {item.unit}
          </Text>
        )}
      </View>
      {running && (
        <>
          <Button className={`console-pin ${pinned ? 'is-pinned' : ''} ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={onPin}>
            {pinned ? '取消讲解' : '讲解'}
          </Button>
          <View className='switch-row console-price-switch'>
            <Text>直播价 {item.livePriceOn ? '开' : '关'}</Text>
            <Switch color='#c62f14' checked={item.livePriceOn} disabled={busy} onChange={(e) => onSwitch(e.detail.value)} />
          </View>
          {item.stockCap !== null && (
            <View className='console-restock'>
              <Text className='console-restock-label'>补库存</Text>
              <View className='console-restock-row'>
                {QUICK_RESTOCK.map((amount) => (
                  <Button key={amount} className={`small-button console-restock-${amount}`} disabled={busy || undefined} onClick={() => onRestock(amount)}>
                    +{amount}
                  </Button>
                ))}
                <Button className='small-button console-restock-other' onClick={() => setTyping(!typing)}>
                  {typing ? '收起' : '其他数量'}
                </Button>
              </View>
              {typing && (
                <View className='row-inputs console-restock-typed'>
                  <Input className='text-input console-restock-input' type='number' placeholder='补多少' value={quantity} onInput={(e) => setQuantity(e.detail.value)} />
                  <Button
                    className={`small-button console-restock-confirm ${typedOk && !busy ? '' : 'is-disabled'}`}
                    disabled={!typedOk || busy || undefined}
                    onClick={() => {
                      onRestock(typed);
                      setQuantity('');
                      setTyping(false);
                    }}
                  >
                    补 {typedOk ? typed : ''}
                  </Button>
                </View>
              )}
            </View>
          )}
        </>
      )}
    </View>
  );
}
