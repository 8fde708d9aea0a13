// The name (and avatar) a buyer shows on campaigns' public 接龙 lists, remembered on the device so
// checkout asks for it once. The server masks it on the list ("王*姨"); without one, the receiver's
// or pickup contact's name is used.
import Taro from '@tarojs/taro';

export interface GroupName {
  name: string;
  /** A cloud fileID of the chosen WeChat avatar; '' for none. */
  avatar: string;
}

const KEY = 'cactus.groupName';
export const NO_GROUP_NAME: GroupName = { name: '', avatar: '' };

export function readGroupName(): GroupName {
  try {
    const stored = Taro.getStorageSync(KEY) as Partial<GroupName> | '';
    if (!stored || typeof stored !== 'object') return NO_GROUP_NAME;
    return { name: typeof stored.name === 'string' ? stored.name : '', avatar: typeof stored.avatar === 'string' ? stored.avatar : '' };
  } catch {
    return NO_GROUP_NAME;
  }
}

export function writeGroupName(value: GroupName): void {
  try {
    Taro.setStorageSync(KEY, { name: value.name.trim(), avatar: value.avatar });
  } catch {
    // a full storage only means asking again next time
  }
}

/** What place and renameEntry take: null when no name was chosen. */
export function displayOf(value: GroupName): { name: string; avatar: string } | null {
  const name = value.name.trim();
  return name ? { name, avatar: value.avatar } : null;
}
