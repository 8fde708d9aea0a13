import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { Field } from '../../../components/field';
import { shopContract } from '@core/contracts';
import type { ErrorBody } from '@core/errors';
import { errorAt, fieldErrors } from '../../../utils/field-errors';
import '../seller.css';

const ROLE_NAMES = { owner: '店主', staff: '店员', streamer: '主播' } as const;

/** Accepting an invite: `?code=` from the link (or typed in), and what the shop should call you. */
export default function JoinPage() {
  const { params } = useRouter();
  const [code, setCode] = useState(decodeURIComponent(params.code ?? ''));
  const [name, setName] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  const join = async () => {
    if (busy) return;
    setBusy(true);
    const reply = await call(shopContract, 'acceptInvite', { code: code.trim(), name: name.trim() });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    void Taro.showToast({ title: `已成为${ROLE_NAMES[reply.data.role]}`, icon: 'success' });
    void Taro.redirectTo({ url: '/packages/seller/index/index' });
  };

  return (
    <View className='vendor-page join-page'>
      <View className='vendor-card'>
        <Text className='vendor-card-title'>加入小店</Text>
        <Text className='vendor-note'>店主邀请你一起帮忙卖货。</Text>
        <Field name='invite-code' label='邀请码' error={errorAt(errors, 'code')}>
          <Input className='text-input join-code' maxlength={16} value={code} placeholder='店主发给你的邀请码' onInput={(e) => setCode(e.detail.value)} />
        </Field>
        <Field name='member-name' label='你的称呼' hint='店主和顾客看到的名字' error={errorAt(errors, 'name')}>
          <Input className='text-input join-name' maxlength={20} value={name} placeholder='比如：阿凤' onInput={(e) => setName(e.detail.value)} />
        </Field>
      </View>
      {error && !error.fields?.length && <Text className='form-error join-error'>{error.message}</Text>}
      <View className='vendor-card'>
        <Button className={`primary-button join-button ${busy || !code.trim() || !name.trim() ? 'is-disabled' : ''}`} disabled={busy || !code.trim() || !name.trim() || undefined} onClick={() => void join()}>
          {busy ? '正在加入…' : '加入'}
        </Button>
      </View>
    </View>
  );
}
