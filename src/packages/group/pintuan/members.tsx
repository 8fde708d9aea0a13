import { Image, Text, View } from '@tarojs/components';
import { displayUrl } from '../../../api/upload';
import type { GroupMemberPublic } from '@core/contracts';

/** The group's seats: each paid member's avatar and masked name (团长 marked), then an empty seat per missing member. */
export function GroupMembers({ members, size }: { members: GroupMemberPublic[]; size: number }) {
  const empty = Math.max(0, size - members.length);
  return (
    <View className='pintuan-members'>
      {members.map((member, index) => (
        <View key={`${member.paidAt}-${index}`} className={`pintuan-member ${member.leader ? 'is-leader' : ''}`}>
          {member.avatar ? (
            <Image className='pintuan-avatar' src={displayUrl(member.avatar)} mode='aspectFill' />
          ) : (
            <View className='pintuan-avatar is-empty'>
              <Text>{Array.from(member.name)[0] ?? ''}</Text>
            </View>
          )}
          <Text className='pintuan-member-name'>{member.name}</Text>
          {member.leader && <Text className='pintuan-leader'>团长</Text>}
        </View>
      ))}
      {Array.from({ length: empty }, (_, index) => (
        <View key={`seat-${index}`} className='pintuan-member is-seat'>
          <View className='pintuan-avatar is-seat'>
            <Text>?</Text>
          </View>
          <Text className='pintuan-member-name'>等你来</Text>
        </View>
      ))}
    </View>
  );
}
