import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { AGREE_BUTTON_ID, openContract } from '../../api/privacy';
import { agreePrivacy, closePrivacy, onPrivacySheet, privacySheet, refusePrivacy } from '../../utils/privacy';
import './index.css';

/** The shop's own privacy sheet (src/utils/privacy.ts opens it): on every page that uses a privacy API. */
export function PrivacySheet() {
  const [sheet, setSheet] = useState(privacySheet);
  useEffect(() => onPrivacySheet(() => setSheet(privacySheet())), []);
  if (!sheet) return null;
  return (
    <View className='privacy-mask'>
      <View className='privacy-sheet'>
        <Text className='privacy-title'>{sheet.refused ? '没有同意，什么都没改' : '请先看一下隐私保护指引'}</Text>
        <Text className='privacy-text'>
          {sheet.refused ? `你没有同意，所以没能${sheet.action}。想用的话，点「同意并继续」。` : `要${sheet.action}，需要你先同意本店的隐私保护指引。`}
        </Text>
        <Text className='privacy-link' onClick={openContract}>
          查看《隐私保护指引》
        </Text>
        <Button id={AGREE_BUTTON_ID} className='privacy-agree' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={agreePrivacy}>
          同意并继续
        </Button>
        <Button className='privacy-refuse' onClick={sheet.refused ? closePrivacy : refusePrivacy}>
          {sheet.refused ? '关闭' : '不同意'}
        </Button>
      </View>
    </View>
  );
}
