import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { BrokenLink, RemoteStatus } from '../../../components/status';
import { shopContract, type OutputOf } from '@core/contracts';
import { formatShanghai } from '@core/dates';
import { useRoute } from '../../../utils/use-route';
import { copied } from '../../../utils/clipboard';
import '../../../components/page.css';
import './index.css';
import { ROLE_NAMES } from '@core/shops';
import { PrivacySheet } from '../../../components/privacy-sheet';

type Members = OutputOf<typeof shopContract, 'listMembers'>;
type Invite = OutputOf<typeof shopContract, 'createInvite'>;

/** 成员: who helps run the shop, invites to staff or streamers, revoking and removing. */
export default function MembersPage() {
  const route = useRoute('members');
  const shopId = route?.shopId ?? '';
  const { state, load, retry, reload } = useRemote<Members>();
  const [fresh, setFresh] = useState<Invite | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useLoad(() => {
    if (route) void load(() => call(shopContract, 'listMembers', { shopId }));
  });
  // After a change the list stays in place while it is fetched again.
  const refresh = () => void reload();

  const invite = async (role: 'staff' | 'streamer') => {
    setMessage(null);
    const reply = await call(shopContract, 'createInvite', { shopId, role });
    if (!reply.ok) return setMessage(reply.error.message);
    setFresh(reply.data);
    refresh();
  };

  const revoke = async (code: string) => {
    const { confirm } = await Taro.showModal({ title: '作废邀请', content: '作废后这个邀请码就不能用了。', confirmText: '作废', cancelText: '不了' });
    if (!confirm) return;
    const reply = await call(shopContract, 'revokeInvite', { shopId, code });
    if (!reply.ok) return setMessage(reply.error.message);
    if (fresh?.invite.code === code) setFresh(null);
    refresh();
  };

  const remove = async (openid: string, name: string) => {
    const { confirm } = await Taro.showModal({ title: '移出成员', content: `确定把“${name}”移出小店吗？`, confirmText: '移出', confirmColor: '#c62f14', cancelText: '不了' });
    if (!confirm) return;
    const reply = await call(shopContract, 'removeMember', { shopId, openid });
    if (!reply.ok) return setMessage(reply.error.message);
    refresh();
  };

  if (!route) return <BrokenLink />;
  if (state.status !== 'done') return <RemoteStatus state={state} onRetry={retry} />;
  const { members, invites } = state.data;
  return (
    <View className='app-page members-page'>
      {message && <Text className='form-error members-message'>{message}</Text>}
      <View className='card'>
        <Text className='card-title'>成员（{members.length}）</Text>
        {members.map((member) => (
          <View key={member.openid} className={`member-row role-${member.role}`}>
            <View className='member-info'>
              <Text className='member-name'>{member.name}</Text>
              <Text className='member-role'>
                {ROLE_NAMES[member.role]} · {formatShanghai(member.joinedAt, 'YYYY年M月D日')}加入
              </Text>
            </View>
            {member.role !== 'owner' && (
              <Button className='small-button is-danger remove-member' onClick={() => void remove(member.openid, member.name)}>
                移出
              </Button>
            )}
          </View>
        ))}
      </View>

      <View className='card invite-box'>
        <Text className='card-title'>邀请帮手</Text>
        <Text className='note'>把邀请码发给对方，对方在小程序里打开就能加入。邀请码 48 小时内有效。</Text>
        <Button className='primary-button invite-staff' onClick={() => void invite('staff')}>
          邀请店员
        </Button>
        <Button className='secondary-button invite-streamer' onClick={() => void invite('streamer')}>
          邀请主播
        </Button>
        {fresh && (
          <View className='fresh-invite'>
            <Text className='fresh-invite-title'>邀请{ROLE_NAMES[fresh.invite.role]}的邀请码</Text>
            <Text className='invite-code'>{fresh.invite.code}</Text>
            <Text className='invite-path'>{fresh.path}</Text>
            <Button className='primary-button copy-invite' onClick={() => void copied(`邀请你加入我的小店，在仙人掌小店小程序打开：${fresh.path}  邀请码：${fresh.invite.code}`, '邀请已复制，去微信发给对方')}>
              复制邀请
            </Button>
          </View>
        )}
      </View>

      {invites.length > 0 && (
        <View className='card'>
          <Text className='card-title'>还没用的邀请</Text>
          {invites.map((open) => (
            <View key={open.code} className='invite-row'>
              <View className='member-info'>
                <Text className='member-name invite-row-code'>{open.code}</Text>
                <Text className='member-role'>
                  {ROLE_NAMES[open.role]} · {formatShanghai(open.expiresAt, 'M月D日 HH:mm')}前有效
                </Text>
              </View>
              <Button className='small-button is-danger revoke-invite' onClick={() => void revoke(open.code)}>
                作废
              </Button>
            </View>
          ))}
        </View>
      )}
      <PrivacySheet />
    </View>
  );
}
