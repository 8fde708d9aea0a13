import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { GroupNameForm } from '../../../components/group-name';
import { deadlineText, maskName } from '@core/campaign-text';
import { displayOf } from '../../../utils/group-name';
import type { Checkout } from './use-checkout';

/**
 * 跟团: which campaign this order joins, and the name its public 接龙 list shows. Asked the first
 * time (WeChat's nickname and avatar pickers, or any name); after that one line with 改.
 */
export function CampaignSection({ checkout }: { checkout: Checkout }) {
  const { campaign, groupName, setGroupName, askName } = checkout;
  const [editing, setEditing] = useState(askName);
  if (!campaign) return null;
  const chosen = displayOf(groupName);
  return (
    <View className='card checkout-campaign'>
      <Text className='card-title'>跟团：{campaign.title}</Text>
      <Text className='note checkout-campaign-deadline'>截团：{deadlineText(campaign.endAt, Date.now())}，价格按接龙的总量算，截团后多退少不补</Text>
      <Text className='checkout-campaign-label'>接龙里显示的名字</Text>
      {editing ? (
        <GroupNameForm
          value={groupName}
          onChange={setGroupName}
          hint={chosen ? `接龙里显示为：${maskName(chosen.name)}` : '可以不填，不填就用收货人的名字（只显示头尾，比如“王*姨”）'}
        />
      ) : (
        <View className='checkout-campaign-name' onClick={() => setEditing(true)}>
          <Text className='checkout-campaign-masked'>{chosen ? maskName(chosen.name) : '用收货人的名字'}</Text>
          <Text className='checkout-campaign-change'>改</Text>
        </View>
      )}
    </View>
  );
}
