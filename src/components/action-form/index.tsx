import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Field } from '../field';
import './index.css';

export interface ActionField {
  key: string;
  label: string;
  placeholder?: string;
  hint?: string;
  /** 'yuan' takes an amount typed in yuan ("12.5"). */
  type?: 'text' | 'yuan';
  maxlength?: number;
  initial?: string;
}

interface Props {
  /** Stable name for tests and styles: `action-form-<name>`. */
  name: string;
  title: string;
  fields: ActionField[];
  confirmText: string;
  busy: boolean;
  error?: string | null;
  danger?: boolean;
  onSubmit: (values: Record<string, string>) => void;
  onCancel: () => void;
}

/** A few words (or an amount) asked for before an order action: a reason, a note, a tracking number. */
export function ActionForm({ name, title, fields, confirmText, busy, error, danger = false, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((field) => [field.key, field.initial ?? ''])));
  return (
    <View className={`action-form action-form-${name}`}>
      <Text className='action-form-title'>{title}</Text>
      {fields.map((field) => (
        <Field key={field.key} name={`${name}-${field.key}`} label={field.label} hint={field.hint}>
          <Input
            className={`text-input action-input-${field.key}`}
            type={field.type === 'yuan' ? 'digit' : 'text'}
            maxlength={field.maxlength ?? 100}
            placeholder={field.placeholder}
            value={values[field.key]}
            onInput={(event) => setValues({ ...values, [field.key]: event.detail.value })}
          />
        </Field>
      ))}
      {error && <Text className='action-form-error'>{error}</Text>}
      <View className='action-form-buttons'>
        <Button className='action-form-cancel' onClick={onCancel}>
          不做了
        </Button>
        <Button className={`action-form-confirm ${danger ? 'is-danger' : ''} ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => onSubmit(values)}>
          {busy ? '请稍等…' : confirmText}
        </Button>
      </View>
    </View>
  );
}
