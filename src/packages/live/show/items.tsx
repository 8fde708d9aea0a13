// The show's items as the live page shows them: the pinned one as a large card on top, the others
// as rows below; each with its price now (the live price while it applies), 限购, what is left
// and a buy button.
import { Button, Image, Text, View } from '@tarojs/components';
import type { LiveItemView } from '@core/contracts';
import { formatLi } from '@core/money';
import { displayUrl } from '../../../api/upload';
import { Price } from '../../../components/price';

interface Props {
  item: LiveItemView;
  /** Null when the buyer cannot order here (opened from Moments). */
  onBuy: ((item: LiveItemView) => void) | null;
  /** The show has not started: its live price is said as coming. */
  upcoming: boolean;
}

const soldOut = (item: LiveItemView) => item.left === 0;

/** 限购 2 件 · 剩 38 件, or 已抢光; the cap goes with the live price, so only while it applies or is coming. */
function stockLine(item: LiveItemView, upcoming: boolean): string {
  if (soldOut(item)) return '已抢光';
  const limited = item.limitPerBuyer !== null && (item.livePriceOn || upcoming);
  return [limited ? `限购 ${item.limitPerBuyer} ${item.unit}` : '', item.left !== null ? `剩 ${item.left} ${item.unit}` : ''].filter(Boolean).join(' · ');
}

function BuyButton({ item, onBuy, big }: Pick<Props, 'item' | 'onBuy'> & { big: boolean }) {
  if (!onBuy) return null;
  const out = soldOut(item);
  const label = out ? '已抢光' : item.livePriceOn ? '立即抢购' : '立即购买';
  return (
    <Button
      className={`${big ? 'primary-button live-pinned-buy' : 'small-button live-item-buy'} ${out ? 'is-disabled' : ''}`}
      disabled={out || undefined}
      onClick={() => !out && onBuy(item)}
    >
      {label}
    </Button>
  );
}

/**
 * What the item costs now: the live price big with the normal price struck through, or the normal
 * price (before the show, with the live price it will have: 开播后 ¥98.00).
 */
function ItemPrice({ item, big, upcoming }: { item: LiveItemView; big: boolean; upcoming: boolean }) {
  if (!item.livePriceOn) {
    return (
      <>
        <Price className={big ? 'live-price-normal is-big' : 'live-price-normal'} priceLi={item.priceLi} unit={item.unit} />
        {upcoming && item.livePriceLi < item.priceLi && <Text className='live-price-soon'>开播后直播价 {formatLi(item.livePriceLi)}</Text>}
      </>
    );
  }
  return (
    <View className='live-price-row'>
      <Text className='live-price-tag'>直播价</Text>
      <Price className={big ? 'live-price is-big' : 'live-price'} priceLi={item.livePriceLi} unit={item.unit} />
      {item.priceLi !== item.livePriceLi && <Text className='live-price-was'>{formatLi(item.priceLi)}</Text>}
    </View>
  );
}

/** The item the streamer is talking about (or the one the link named), as a large card. */
export function PinnedCard({ item, onBuy, upcoming, pinned }: Props & { pinned: boolean }) {
  const stock = stockLine(item, upcoming);
  return (
    <View className={`card live-pinned ${soldOut(item) ? 'is-sold-out' : ''}`}>
      {pinned && <Text className='live-pinned-label'>正在讲解</Text>}
      {item.image && <Image className='live-pinned-image' src={displayUrl(item.image)} mode='aspectFill' />}
      <Text className='live-pinned-name'>{item.name}</Text>
      {item.spec && <Text className='live-pinned-spec'>{item.spec}</Text>}
      <ItemPrice item={item} big upcoming={upcoming} />
      {stock && <Text className={`live-stock ${soldOut(item) ? 'is-sold-out' : ''}`}>{stock}</Text>}
      <BuyButton item={item} onBuy={onBuy} big />
    </View>
  );
}

/** One of the other items of the show, as a row. */
export function ItemRow({ item, onBuy, upcoming }: Props) {
  const stock = stockLine(item, upcoming);
  return (
    <View className={`live-item ${soldOut(item) ? 'is-sold-out' : ''}`}>
      {item.image && <Image className='live-item-image' src={displayUrl(item.image)} mode='aspectFill' />}
      <View className='live-item-body'>
        <Text className='live-item-name'>{item.name}</Text>
        {item.spec && <Text className='live-item-spec'>{item.spec}</Text>}
        <ItemPrice item={item} big={false} upcoming={upcoming} />
        {stock && <Text className={`live-stock ${soldOut(item) ? 'is-sold-out' : ''}`}>{stock}</Text>}
      </View>
      <BuyButton item={item} onBuy={onBuy} big={false} />
    </View>
  );
}
