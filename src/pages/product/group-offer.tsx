import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../../api/call';
import { groupBuyContract, type OutputOf } from '@core/contracts';
import { formatLi } from '@core/money';
import { routes } from '@core/routes';
import { clockText } from '../../utils/clock-text';

type Offer = OutputOf<typeof groupBuyContract, 'productOffer'>;

interface Props {
  productId: string;
  skuId: string;
  /** 发起拼团 with the chosen spec; null when it cannot be bought now (or in single-page mode). */
  onStart: ((offerId: string) => void) | null;
}

/**
 * 拼团 on the product page, read with one call after the product: both prices ("单独购买 ¥25.00 ·
 * 2人拼 ¥19.90"), 发起拼团, and the open groups closest to success with their countdowns.
 * Nothing at all when the product has no running offer.
 */
export function GroupOffer({ productId, skuId, onStart }: Props) {
  const [data, setData] = useState<Offer | null>(null);
  const [now, setNow] = useState(Date.now());
  const fetch = () => void call(groupBuyContract, 'productOffer', { productId }).then((reply) => reply.ok && setData(reply.data));
  useEffect(fetch, [productId]);
  // Back from checkout or a group: the groups as they are now.
  useDidShow(fetch);
  const ticking = (data?.groups.length ?? 0) > 0;
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);

  const offer = data?.offer;
  if (!offer) return null;
  const sku = offer.skus.find((candidate) => candidate.skuId === skuId);
  const groups = data.groups.filter((group) => group.deadlineAt > now);
  return (
    <View className='product-section group-offer'>
      <Text className='group-offer-prices'>
        单独购买 {formatLi(sku?.basePriceLi ?? offer.lowestBasePriceLi)} · {offer.label} {formatLi(sku?.priceLi ?? offer.lowestPriceLi)}
      </Text>
      {sku?.leaderPriceLi != null && <Text className='group-offer-leader'>发起人（团长）{formatLi(sku.leaderPriceLi)}</Text>}
      <Text className='group-offer-rule'>
        {offer.size} 人付款就成团，{offer.openHours} 小时内没拼成自动退款
      </Text>
      {onStart && sku && (
        <Button className='group-start' onClick={() => onStart(offer.id)}>
          发起拼团
        </Button>
      )}
      {groups.map((group) => (
        <View key={group.id} className='group-open' onClick={() => void Taro.navigateTo({ url: routes.groupBuy({ groupId: group.id }) })}>
          <Text className='group-open-text'>
            {group.members[0]?.name ?? ''} 的团 · 还差{group.missing}人 · {clockText(group.deadlineAt - now)} 后结束
          </Text>
          <Text className='group-open-join'>去参团 ›</Text>
        </View>
      ))}
    </View>
  );
}
