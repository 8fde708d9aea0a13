import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { displayUrl } from '../../api/upload';
import type { GroupName } from '../../utils/group-name';
import { ensurePrivacy } from '../../utils/privacy';
import './index.css';

const CAN_CHOOSE_AVATAR = process.env.TARO_ENV === 'weapp';

/** Puts the avatar WeChat handed over (a temp file) into cloud storage; null when that fails. */
async function uploadAvatar(tempPath: string): Promise<string | null> {
  try {
    const ext = /\.(\w{2,5})$/.exec(tempPath)?.[1]?.toLowerCase() ?? 'jpg';
    const cloudPath = `avatars/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.${ext}`;
    const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath: tempPath });
    return fileID;
  } catch {
    return null;
  }
}

interface Props {
  value: GroupName;
  onChange: (value: GroupName) => void;
  /** A line under the input: what the list will show, or an error. */
  hint?: string;
}

/**
 * 接龙显示的名字: WeChat's own avatar and nickname pickers (头像昵称填写), so a buyer can take their
 * WeChat name with one tap, or type any name. The list shows it masked ("王*姨").
 */
export function GroupNameForm({ value, onChange, hint }: Props) {
  const [uploading, setUploading] = useState(false);
  const setName = (name: string) => onChange({ ...value, name });

  const chooseAvatar = async (tempPath: string) => {
    setUploading(true);
    const fileID = await uploadAvatar(tempPath);
    setUploading(false);
    if (fileID) onChange({ ...value, avatar: fileID });
    else void Taro.showToast({ title: '头像没传上，可以不用头像', icon: 'none' });
  };

  return (
    <View className='group-name-form'>
      <View className='group-name-row'>
        {CAN_CHOOSE_AVATAR && (
          <Button className='group-avatar-button' openType='chooseAvatar' onChooseAvatar={(event) => void chooseAvatar((event.detail as { avatarUrl: string }).avatarUrl)}>
            {value.avatar ? <Image className='group-avatar' src={displayUrl(value.avatar)} mode='aspectFill' /> : <Text className='group-avatar-empty'>{uploading ? '…' : '头像'}</Text>}
          </Button>
        )}
        <Input
          className='nickname-input'
          type='nickname'
          maxlength={20}
          placeholder='点这里用微信昵称，或写个名字'
          value={value.name}
          onInput={(event) => setName(event.detail.value)}
          onBlur={(event) => setName(event.detail.value)}
          // Without agreement WeChat turns the nickname input into plain text and cannot ask itself.
          onFocus={() => void ensurePrivacy('input.nickname')}
        />
      </View>
      {hint && <Text className='note group-name-hint'>{hint}</Text>}
    </View>
  );
}
