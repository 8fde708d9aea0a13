import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Address } from '@core/contracts';
import { Field } from '../../../components/field';
import { errorAt, type FieldErrors } from '../../../utils/field-errors';

const EMPTY: Address = { name: '', phone: '', province: '', city: '', district: '', detail: '' };

const FIELDS: { key: keyof Address; label: string; placeholder: string; max: number; type?: 'number' }[] = [
  { key: 'name', label: '收货人', placeholder: '姓名', max: 20 },
  { key: 'phone', label: '手机号', placeholder: '11 位手机号', max: 11, type: 'number' },
  { key: 'province', label: '省', placeholder: '比如：重庆', max: 10 },
  { key: 'city', label: '市', placeholder: '比如：重庆市', max: 20 },
  { key: 'district', label: '区县', placeholder: '比如：酉阳县（没有可不填）', max: 20 },
  { key: 'detail', label: '详细地址', placeholder: '镇、村、街道、门牌号', max: 100 },
];

interface Props {
  busy: boolean;
  errors: FieldErrors;
  onSave: (address: Address) => void;
  onCancel: () => void;
}

/** A new address typed in (the H5 build, which has no WeChat address book). */
export function AddressForm({ busy, errors, onSave, onCancel }: Props) {
  const [address, setAddress] = useState<Address>(EMPTY);
  return (
    <View className='address-form'>
      {FIELDS.map((field) => (
        <Field key={field.key} name={`address-${field.key}`} label={field.label} error={errorAt(errors, field.key)}>
          <Input
            className={`text-input address-${field.key}`}
            type={field.type ?? 'text'}
            maxlength={field.max}
            placeholder={field.placeholder}
            value={address[field.key]}
            onInput={(event) => setAddress({ ...address, [field.key]: event.detail.value })}
          />
        </Field>
      ))}
      <View className='address-form-actions'>
        <Button className='secondary-button address-cancel' onClick={onCancel}>
          不填了
        </Button>
        <Button className={`primary-button address-save ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => onSave(address)}>
          {busy ? '正在保存…' : '保存地址'}
        </Button>
      </View>
      <Text className='note'>地址会保存下来，下次不用再填。</Text>
    </View>
  );
}
