import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { currentOpenId, fetchDemoIdentities, rememberOpenId, type DemoIdentity } from '../../api/identity.h5';
import { fetchDemoChannels, setDemoChannelsLive, type DemoChannels } from '../../api/demo-channels.h5';
import { ROLE_NAMES } from '@core/shops';
import './index.css';

const NAMES: Record<string, string> = { ...ROLE_NAMES, buyer: '买家' };

function label(identity: DemoIdentity): string {
  return `${identity.name}(${NAMES[identity.role] ?? identity.role})`;
}

/**
 * Local emulator only: a floating chip showing who the gateway treats as the caller, opening a
 * list of the demo identities. A choice is remembered and the page reloads under it. The panel
 * also switches the demo shop's Channels account live or not, so the live page's 进入直播间
 * banner can be seen without a real broadcast.
 */
export function IdentitySwitcher() {
  const [identities, setIdentities] = useState<DemoIdentity[]>([]);
  const [openid, setOpenid] = useState(currentOpenId);
  const [open, setOpen] = useState(false);
  const [channels, setChannels] = useState<DemoChannels | null>(null);

  useEffect(() => {
    fetchDemoIdentities()
      .then((list) => {
        setIdentities(list);
        // A remembered identity the emulator no longer knows (it was reseeded) is dropped.
        const remembered = currentOpenId();
        if (remembered && !list.some((identity) => identity.openid === remembered)) {
          rememberOpenId(null);
          setOpenid(null);
        }
      })
      // Not served by the local emulator: no demo identities, no switcher.
      .catch(() => setIdentities([]));
    fetchDemoChannels().then(setChannels, () => setChannels(null));
  }, []);

  if (identities.length === 0) return null;
  const current = identities.find((identity) => identity.openid === openid);

  const choose = (next: string | null) => {
    setOpen(false);
    if (next === openid) return;
    rememberOpenId(next);
    window.location.reload();
  };

  // Pages read the live state when they load: reload so the one on screen shows the change.
  const switchLive = async () => {
    if (!channels) return;
    setOpen(false);
    if (await setDemoChannelsLive(channels.finderUserName, !channels.live)) window.location.reload();
  };

  return (
    <View className='identity-switcher'>
      {open && (
        <View className='identity-panel'>
          <Text className='identity-panel-title'>切换身份（仅本地演示）</Text>
          {identities.map((identity) => (
            <View
              key={identity.openid}
              className={`identity-option ${identity.openid === openid ? 'is-current' : ''}`}
              onClick={() => choose(identity.openid)}
            >
              {label(identity)}
            </View>
          ))}
          <View className={`identity-option ${current ? '' : 'is-current'}`} onClick={() => choose(null)}>
            游客(未登录)
          </View>
          {channels && (
            <View className='identity-live' onClick={switchLive}>
              <Text>视频号直播：{channels.live ? '直播中' : '未开播'}</Text>
              <Text className='identity-live-action'>{channels.live ? '下播' : '开播'}</Text>
            </View>
          )}
        </View>
      )}
      <View className='identity-chip' onClick={() => setOpen(!open)}>
        身份: {current ? label(current) : '游客'}
      </View>
    </View>
  );
}
