import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { OrderGroupView } from '@core/contracts';
import { routes } from '@core/routes';
import { clockText } from '../../../utils/clock-text';

interface Props {
  group: OrderGroupView;
  payment: { paidFen: number; refundedFen: number };
}

/** What the order's group says now: 拼团中 · 还差 k 人, 拼团成功, 拼团失败·已退款. */
function statusText(group: OrderGroupView, payment: Props['payment']): string {
  if (group.status === 'succeeded' && group.seat === 'paid') return '拼团成功';
  if (group.status === 'failed' || group.seat === 'left') {
    const refunded = payment.paidFen > 0 && payment.refundedFen >= payment.paidFen;
    if (payment.paidFen === 0) return group.status === 'failed' ? '拼团失败' : '已退出这个团';
    return `${group.status === 'failed' ? '拼团失败' : '已退出这个团'}·${refunded ? '已退款' : '正在退款'}`;
  }
  if (group.seat === 'held') return `${group.size}人团 · 付款后占住位置`;
  return group.missing !== null ? `拼团中 · 还差 ${group.missing} 人` : '拼团中';
}

/**
 * A 拼团 order's group: 拼团中 (还差 k 人, the countdown, and 邀请好友参团, which opens the group's
 * page with its share card and poster), 拼团成功, or 拼团失败·已退款 with the money gone back by
 * itself. The way to the group's page.
 */
export function GroupLine({ group, payment }: Props) {
  const [now, setNow] = useState(Date.now());
  const waiting = group.status === 'open' && group.seat === 'paid' && group.deadlineAt !== null;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waiting]);
  const toGroup = () => void Taro.navigateTo({ url: routes.groupBuy({ groupId: group.groupId }) });
  return (
    <View className={`order-group is-${group.status}`}>
      <View className='order-group-row' onClick={toGroup}>
        <Text className='order-group-status'>{statusText(group, payment)}</Text>
        <Text className='order-group-link'>看团 ›</Text>
      </View>
      {waiting && group.deadlineAt !== null && <Text className='order-group-countdown'>{clockText(group.deadlineAt - now)} 后结束，人不够自动退款</Text>}
      {waiting && (
        <Button className='primary-button order-group-share' onClick={toGroup}>
          邀请好友参团
        </Button>
      )}
    </View>
  );
}
