import { Image, Text, View } from '@tarojs/components';
import { displayUrl } from '../../../api/upload';
import type { CampaignItemView } from '@core/contracts';
import { formatLi } from '@core/money';

/** What the buyer picked of one item: a spec and a quantity (0: not taking it). */
export interface Pick {
  skuId: string;
  quantity: number;
}

/** A change to what the buyer picked, applied to the pick as it is at that moment. */
export type PickChange = (current: Pick) => Pick;

function skuOf(item: CampaignItemView, pick: Pick) {
  return item.skus.find((candidate) => candidate.id === pick.skuId) ?? item.skus[0];
}

/** How far the group is towards the next cheaper tier, 0..1 (1 at the lowest price). */
function progressShare(item: CampaignItemView): number {
  if (item.tiers.length === 0) return 0;
  if (!item.next) return 1;
  return Math.min(1, item.countedQty / item.next.minQty);
}

/** The most one more order may take: what is left of the cap and the per-buyer limit. */
export function maxFor(item: CampaignItemView): number {
  return Math.min(item.capLeft ?? Infinity, item.limitPerBuyer ?? Infinity);
}

function Stepper({ item, pick, onPick }: { item: CampaignItemView; pick: Pick; onPick: (change: PickChange) => void }) {
  const sku = skuOf(item, pick);
  if (!sku) return null;
  const max = maxFor(item);
  // From the pick as it is when the tap is applied, not as this render saw it: two quick taps add two steps.
  const down = () =>
    onPick((current) => {
      const chosen = skuOf(item, current) ?? sku;
      const next = current.quantity - chosen.stepQty;
      return { ...current, quantity: next < chosen.minQty ? 0 : next };
    });
  const up = () =>
    onPick((current) => {
      const chosen = skuOf(item, current) ?? sku;
      const next = current.quantity === 0 ? chosen.minQty : current.quantity + chosen.stepQty;
      return next <= max ? { ...current, quantity: next } : current;
    });
  const canUp = (pick.quantity === 0 ? sku.minQty : pick.quantity + sku.stepQty) <= max;
  return (
    <View className='campaign-qty-row'>
      <Text className='campaign-qty-label'>我要</Text>
      <View className='campaign-stepper'>
        <View className={`campaign-qty-minus ${pick.quantity === 0 ? 'is-disabled' : ''}`} onClick={pick.quantity === 0 ? undefined : down}>
          −
        </View>
        <Text className='campaign-qty'>{pick.quantity}</Text>
        <View className={`campaign-qty-plus ${canUp ? '' : 'is-disabled'}`} onClick={canUp ? up : undefined}>
          +
        </View>
      </View>
      <Text className='campaign-qty-unit'>{item.unit}</Text>
    </View>
  );
}

interface Props {
  item: CampaignItemView;
  /** Null when the page takes no order (not open, single-page mode). */
  pick: Pick | null;
  onPick: (change: PickChange) => void;
}

/**
 * One item of the campaign: photo, name, the price in force, the tier table with the current row
 * marked, the progress towards the next tier ("再卖 12 斤降到 ¥25.00/斤"), limits, and what to take.
 */
export function CampaignItem({ item, pick, onPick }: Props) {
  const rows = [{ minQty: 1, priceLi: item.priceLi }, ...item.tiers];
  const price = item.final ?? item.current;
  const soldOut = item.capLeft === 0;
  return (
    <View className={`card campaign-item ${soldOut ? 'is-sold-out' : ''}`}>
      <View className='campaign-item-head'>
        {item.image ? <Image className='campaign-item-image' src={displayUrl(item.image)} mode='aspectFill' /> : <View className='campaign-item-image' />}
        <View className='campaign-item-info'>
          <Text className='campaign-item-name'>{item.name}</Text>
          <Text className='campaign-item-price'>
            {item.final ? '成团价 ' : rows.length > 1 ? '现在 ' : ''}
            {formatLi(price.priceLi)}/{item.unit}
          </Text>
          <Text className='campaign-item-counted'>
            已接 {item.countedQty} {item.unit}
          </Text>
        </View>
      </View>

      {rows.length > 1 && (
        <View className='tier-progress'>
          <View className='tier-list'>
            {rows.map((row) => (
              <View key={row.minQty} className={`tier-step ${row.minQty === price.minQty ? 'is-current' : ''} ${item.countedQty >= row.minQty ? 'is-reached' : ''}`}>
                <Text className='tier-step-qty'>{row.minQty === 1 ? '起步价' : `满${row.minQty}${item.unit}`}</Text>
                <Text className='tier-step-price'>{formatLi(row.priceLi)}</Text>
              </View>
            ))}
          </View>
          <View className='tier-bar'>
            <View className='tier-bar-fill' style={{ width: `${Math.round(progressShare(item) * 100)}%` }} />
          </View>
          {item.progressText && <Text className='tier-progress-text'>{item.progressText}</Text>}
        </View>
      )}

      {(item.limitPerBuyer !== null || item.capLeft !== null) && (
        <Text className='note campaign-item-limits'>
          {[item.limitPerBuyer !== null ? `每人最多 ${item.limitPerBuyer} ${item.unit}` : '', item.capLeft !== null ? (soldOut ? '已抢完' : `还剩 ${item.capLeft} ${item.unit}`) : '']
            .filter(Boolean)
            .join('，')}
        </Text>
      )}

      {pick && !soldOut && item.skus.length > 1 && (
        <View className='choice-row campaign-sku-row'>
          {item.skus.map((sku) => (
            <Text key={sku.id} className={`choice campaign-sku ${sku.id === pick.skuId ? 'is-selected' : ''}`} onClick={() => onPick((current) => ({ skuId: sku.id, quantity: sku.id === current.skuId ? current.quantity : 0 }))}>
              {sku.spec}
            </Text>
          ))}
        </View>
      )}
      {pick && !soldOut && <Stepper item={item} pick={pick} onPick={onPick} />}
    </View>
  );
}
