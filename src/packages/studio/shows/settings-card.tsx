import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { Field } from '../../../components/field';
import { liveContract, type LiveSettings } from '@core/contracts';
import { errorAt, fieldErrors, type FieldErrors } from '../../../utils/field-errors';

/** How long a show may stay live without a 下播, in the words a vendor picks from. */
const AUTO_END_CHOICES = [120, 180, 240, 360, 480, 720];
const hoursText = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`);

interface Props {
  shopId: string;
  settings: LiveSettings;
  onSaved: (settings: LiveSettings) => void;
}

/** 直播设置 (the owner's): the shop's 视频号 ID and when a forgotten show ends by itself. */
export function LiveSettingsCard({ shopId, settings, onSaved }: Props) {
  const [open, setOpen] = useState(settings.finderUserName === '');
  const [finder, setFinder] = useState(settings.finderUserName);
  const [autoEnd, setAutoEnd] = useState(settings.autoEndMinutes);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setProblem(null);
    const reply = await call(liveContract, 'saveLiveSettings', { shopId, settings: { finderUserName: finder.trim(), autoEndMinutes: autoEnd } });
    setBusy(false);
    if (!reply.ok) {
      setErrors(fieldErrors(reply.error, 'settings.'));
      setProblem(reply.error.code === 'VALIDATION_FAILED' ? '有几项没填对，请看红字' : reply.error.message);
      return;
    }
    setErrors({});
    onSaved(reply.data.settings);
    setOpen(false);
    void Taro.showToast({ title: '直播设置已保存', icon: 'success' });
  };

  return (
    <View className='card live-settings'>
      <View className='live-settings-head' onClick={() => setOpen(!open)}>
        <Text className='card-title'>直播设置</Text>
        <Text className='note live-settings-summary'>{settings.finderUserName ? `视频号 ${settings.finderUserName} · ${hoursText(settings.autoEndMinutes)}后自动下播 ›` : '还没填视频号 ID'}</Text>
      </View>
      {open && (
        <>
          <Field name='live-finder' label='视频号 ID' hint='在视频号助手的“帐号设置”里，以 sph 开头' error={errorAt(errors, 'finderUserName')}>
            <Input className='text-input live-finder-input' maxlength={64} placeholder='比如 sphABCdef123' value={finder} onInput={(e) => setFinder(e.detail.value)} />
          </Field>
          <Field name='live-auto-end' label='开播后多久自动下播' hint='忘了下播时，到点直播价自动停止' error={errorAt(errors, 'autoEndMinutes')}>
            <View className='choice-row'>
              {AUTO_END_CHOICES.map((minutes) => (
                <View key={minutes} className={`choice live-auto-end-${minutes} ${autoEnd === minutes ? 'is-selected' : ''}`} onClick={() => setAutoEnd(minutes)}>
                  {hoursText(minutes)}
                </View>
              ))}
            </View>
          </Field>
          {problem && <Text className='inline-error live-settings-problem'>{problem}</Text>}
          <Button className={`primary-button live-settings-save ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void save()}>
            {busy ? '正在保存…' : '保存直播设置'}
          </Button>
        </>
      )}
    </View>
  );
}
