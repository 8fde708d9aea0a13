import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { Field } from '../../../components/field';
import { shopContract } from '@core/contracts';
import { routes } from '@core/routes';
import type { ErrorBody } from '@core/errors';
import { errorAt, fieldErrors } from '../../../utils/field-errors';
import { useRoute } from '../../../utils/use-route';
import '../../../components/page.css';
import { ROLE_NAMES } from '@core/shops';


/** Accepting an invite: `?code=` from the link (or typed in), and what the shop should call you. */
export default function JoinPage() {
  const route = useRoute('join');
  const [code, setCode] = useState(route.code ?? '');
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
    void Taro.redirectTo({ url: routes.myShops() });
  };

  return (
    <View className='app-page join-page'>
      <View className='card'>
        <Text className='card-title'>加入小店</Text>
        <Text className='note'>店主邀请你一起帮忙卖货。</Text>
        <Field name='invite-code' label='邀请码' error={errorAt(errors, 'code')}>
          <Input className='text-input join-code' maxlength={16} value={code} placeholder='店主发给你的邀请码' onInput={(e) => setCode(e.detail.value)} />
        </Field>
        <Field name='member-name' label='你的称呼' hint='店主和顾客看到的名字' error={errorAt(errors, 'name')}>
          <Input className='text-input join-name' maxlength={20} value={name} placeholder='比如：阿凤' onInput={(e) => setName(e.detail.value)} />
        </Field>
      </View>
      {error && !error.fields?.length && <Text className='form-error join-error'>{error.message}</Text>}
      <View className='card'>
        <Button className={`primary-button join-button ${busy || !code.trim() || !name.trim() ? 'is-disabled' : ''}`} disabled={busy || !code.trim() || !name.trim() || undefined} onClick={() => void join()}>
          {busy ? '正在加入…' : '加入'}
        </Button>
      </View>
    </View>
  );
}
