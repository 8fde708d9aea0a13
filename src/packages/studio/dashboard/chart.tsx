import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { LiveDashboard } from '@core/contracts';
import { formatFen } from '@core/money';
import { barsOf, MAX_BARS } from './bars';

type Point = LiveDashboard['perMinute'][number];

/** 每分钟的订单 / 金额 as bars drawn with Views (no chart library): tap a bar to read its figures. */
export function MinuteChart({ points }: { points: readonly Point[] }) {
  const [metric, setMetric] = useState<'orders' | 'amountFen'>('orders');
  const [picked, setPicked] = useState<number | null>(null);
  const bars = barsOf(points);
  const minutesPerBar = Math.max(1, Math.ceil(points.length / MAX_BARS));
  const top = Math.max(1, ...bars.map((bar) => bar[metric]));
  const shown = picked !== null ? bars[picked] : undefined;

  return (
    <View className='live-chart'>
      <View className='choice-row'>
        <View className={`choice live-chart-orders ${metric === 'orders' ? 'is-selected' : ''}`} onClick={() => setMetric('orders')}>
          订单数
        </View>
        <View className={`choice live-chart-amount ${metric === 'amountFen' ? 'is-selected' : ''}`} onClick={() => setMetric('amountFen')}>
          金额
        </View>
      </View>
      {bars.length === 0 ? (
        <Text className='note'>开播后这里按分钟显示下单情况。</Text>
      ) : (
        <>
          <Text className='note live-chart-reading'>
            {shown ? `${shown.label}${minutesPerBar > 1 ? ` 起 ${minutesPerBar} 分钟` : ''}：${shown.orders} 单，${formatFen(shown.amountFen)}` : `每根柱子 ${minutesPerBar} 分钟，点柱子看数字`}
          </Text>
          <View className='live-chart-bars'>
            {bars.map((bar, index) => (
              <View key={index} className={`live-chart-slot ${picked === index ? 'is-picked' : ''}`} onClick={() => setPicked(index)}>
                <View className='live-chart-bar' style={{ height: `${Math.round((bar[metric] / top) * 100)}%` }} />
              </View>
            ))}
          </View>
          <View className='live-chart-axis'>
            <Text>{bars[0].label}</Text>
            <Text>{bars[bars.length - 1].label}</Text>
          </View>
        </>
      )}
    </View>
  );
}
