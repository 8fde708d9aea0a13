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
  /** Picked from these (tapped again: none) instead of typed. */
  options?: readonly string[];
  /**
   * A 扫一扫 button fills it with what this returns (a scanned bar code or QR code; null: nothing).
   * The page passes it, so only a page that renders the privacy sheet scans.
   */
  scan?: () => Promise<string | null>;
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

/** A few words (or an amount) asked for before an order action: a reason, a note, a carrier and tracking number. */
export function ActionForm({ name, title, fields, confirmText, busy, error, danger = false, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((field) => [field.key, field.initial ?? ''])));
  const set = (key: string, value: string) => setValues((current) => ({ ...current, [key]: value }));
  const scan = async (field: ActionField) => {
    const text = await field.scan?.();
    if (text) set(field.key, text.trim());
  };
  return (
    <View className={`action-form action-form-${name}`}>
      <Text className='action-form-title'>{title}</Text>
      {fields.map((field) => (
        <Field key={field.key} name={`${name}-${field.key}`} label={field.label} hint={field.hint}>
          {field.options ? (
            <View className={`action-options action-input-${field.key}`}>
              {field.options.map((option) => (
                <View key={option} className={`action-option ${values[field.key] === option ? 'is-on' : ''}`} onClick={() => set(field.key, values[field.key] === option ? '' : option)}>
                  {option}
                </View>
              ))}
            </View>
          ) : (
            <View className='action-input-row'>
              <Input
                className={`text-input action-input-${field.key}`}
                type={field.type === 'yuan' ? 'digit' : 'text'}
                maxlength={field.maxlength ?? 100}
                placeholder={field.placeholder}
                value={values[field.key]}
                onInput={(event) => set(field.key, event.detail.value)}
              />
              {field.scan && (
                <Button className={`action-scan action-scan-${field.key}`} onClick={() => void scan(field)}>
                  扫一扫
                </Button>
              )}
            </View>
          )}
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
