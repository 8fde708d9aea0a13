import { Button, Image, Text, View } from '@tarojs/components';
import { displayUrl } from '../../../api/upload';
import type { PublicEntry } from '@core/contracts';
import { relativeTime } from '@core/campaign-text';

interface Props {
  entries: PublicEntry[];
  now: number;
  /** Null when there are no older entries. */
  onMore: (() => void) | null;
  loadingMore: boolean;
}

/** The public 接龙 list, newest first: 跟团号, masked name, what they took, when; my own marked. */
export function EntryList({ entries, now, onMore, loadingMore }: Props) {
  return (
    <View className='card campaign-entries'>
      <Text className='card-title'>接龙</Text>
      {entries.length === 0 && <Text className='note campaign-entries-empty'>还没有人跟团，快来第一个</Text>}
      {entries.map((entry) => (
        <View key={entry.seq} className={`campaign-entry ${entry.mine ? 'campaign-entry-mine' : ''}`}>
          <Text className='campaign-entry-seq'>{entry.seq}</Text>
          {entry.avatar ? (
            <Image className='campaign-entry-avatar' src={displayUrl(entry.avatar)} mode='aspectFill' />
          ) : (
            <View className='campaign-entry-avatar is-empty'>
              <Text>{Array.from(entry.name)[0] ?? ''}</Text>
            </View>
          )}
          <View className='campaign-entry-body'>
            <View className='campaign-entry-top'>
              <Text className='campaign-entry-name'>{entry.name}</Text>
              {entry.mine && <Text className='campaign-entry-me'>我</Text>}
              <Text className='campaign-entry-time'>{relativeTime(entry.at, now)}</Text>
            </View>
            <Text className='campaign-entry-summary'>{entry.summary}</Text>
          </View>
        </View>
      ))}
      {onMore && (
        <Button className='secondary-button campaign-entries-more' disabled={loadingMore || undefined} onClick={onMore}>
          {loadingMore ? '正在加载…' : '看更早的'}
        </Button>
      )}
    </View>
  );
}
