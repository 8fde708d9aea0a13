// What the studio pages share: a show's state in words and as a pill.
import { Text, View } from '@tarojs/components';
import type { LiveState } from '@core/contracts';
import '../../components/campaign-badge/index.css';
import './live-badge.css';

export const LIVE_STATE_NAMES: Record<LiveState, string> = { live: '直播中', scheduled: '预告', ended: '已结束', cancelled: '已取消' };

/** "直播中" in red, "预告" in orange, the rest grey: the campaign badge's pill in live colours. */
export function LiveBadge({ state }: { state: LiveState }) {
  return <Text className={`campaign-badge live-badge is-${state}`}>{LIVE_STATE_NAMES[state]}</Text>;
}

/** A show's title with its state beside it: the head of the console, the dashboard and each list row. */
export function ShowTitle({ title, state, onClick }: { title: string; state: LiveState; onClick?: () => void }) {
  return (
    <View className='studio-title-row' onClick={onClick}>
      <Text className='studio-title'>{title}</Text>
      <LiveBadge state={state} />
    </View>
  );
}
