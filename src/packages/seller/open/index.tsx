import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { Field } from '../../../components/field';
import { shopContract } from '@core/contracts';
import { routes } from '@core/routes';
import type { ErrorBody } from '@core/errors';
import { errorAt, fieldErrors } from '../../../utils/field-errors';
import '../../../components/page.css';

/** 开店 in one screen: the shop's name and what customers call you. */
export default function OpenShopPage() {
  const [name, setName] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const reply = await call(shopContract, 'createShop', { name: name.trim(), ownerName: ownerName.trim() });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    void Taro.showToast({ title: '开店成功', icon: 'success' });
    void Taro.redirectTo({ url: routes.quick({ shopId: reply.data.shopId, first: true }) });
  };

  return (
    <View className='app-page open-shop'>
      <View className='card'>
        <Text className='card-title'>开一家小店</Text>
        <Text className='note'>填两样就能开，别的以后再改。</Text>
        <Field name='shop-name' label='店名' hint='比如：老张山货铺' error={errorAt(errors, 'name')}>
          <Input className='text-input shop-name-input' maxlength={20} value={name} placeholder='给小店起个名字' onInput={(e) => setName(e.detail.value)} />
        </Field>
        <Field name='owner-name' label='你的称呼' hint='顾客和店员看到的名字，比如：老张' error={errorAt(errors, 'ownerName')}>
          <Input className='text-input owner-name-input' maxlength={20} value={ownerName} placeholder='怎么称呼你' onInput={(e) => setOwnerName(e.detail.value)} />
        </Field>
      </View>
      {error && !error.fields?.length && <Text className='form-error'>{error.message}</Text>}
      <View className='card'>
        <Button className={`primary-button create-shop-button ${busy || !name.trim() || !ownerName.trim() ? 'is-disabled' : ''}`} disabled={busy || !name.trim() || !ownerName.trim() || undefined} onClick={() => void submit()}>
          {busy ? '正在开店…' : '开店'}
        </Button>
      </View>
    </View>
  );
}
