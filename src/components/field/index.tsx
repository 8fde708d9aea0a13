import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import './index.css';

interface Props {
  label: string;
  hint?: string;
  error?: string;
  /** Stable name for tests and styles: rendered as `field-<name>`. */
  name?: string;
}

/** One form row: a big label, the input, a plain hint, and the error right under it. */
export function Field({ label, hint, error, name, children }: PropsWithChildren<Props>) {
  return (
    <View className={`form-field ${name ? `field-${name}` : ''} ${error ? 'has-error' : ''}`}>
      <Text className='field-label'>{label}</Text>
      {children}
      {hint && !error && <Text className='field-hint'>{hint}</Text>}
      {error && <Text className='field-error'>{error}</Text>}
    </View>
  );
}
