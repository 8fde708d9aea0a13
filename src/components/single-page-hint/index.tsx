import { Text, View } from '@tarojs/components';
import './index.css';

/** Opened from Moments (single-page mode): nothing works but reading, so say how to get in. */
export function SinglePageHint() {
  return (
    <View className='single-page-hint'>
      <Text>点击底部“前往小程序”查看更多</Text>
    </View>
  );
}
