import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { GroupNameForm } from '../../../components/group-name';
import { maskName } from '@core/campaign-text';
import { displayOf } from '../../../utils/group-name';
import type { Checkout } from './use-checkout';

/**
 * 拼团: whether this order starts a group or joins one, how it works (WeChat Pay only, money back
 * by itself when the group does not fill), and the name the group's page shows, masked.
 */
export function GroupSection({ checkout }: { checkout: Checkout }) {
  const { group, groupName, setGroupName, askName } = checkout;
  const [editing, setEditing] = useState(askName);
  if (!group) return null;
  const chosen = displayOf(groupName);
  return (
    <View className='card checkout-group'>
      <Text className='card-title checkout-group-title'>{group.groupId ? '参团' : '发起拼团'}</Text>
      <Text className='note checkout-group-rule'>用微信支付付款；人数凑齐就发货，到时间没凑齐，钱自动原路退回</Text>
      <Text className='checkout-campaign-label'>团里显示的名字</Text>
      {editing ? (
        <GroupNameForm
          value={groupName}
          onChange={setGroupName}
          hint={chosen ? `团里显示为：${maskName(chosen.name)}` : '可以不填，不填就用收货人的名字（只显示头尾，比如“王*姨”）'}
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
