import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';

export interface Option<K extends string> {
  key: K;
  /** Names the option for tests and styles, e.g. `kind-pickup`. */
  className: string;
  title: string;
  lines: string[];
}

interface Props<K extends string> {
  className: string;
  title: string;
  /** Said when nothing is on offer. */
  empty?: string;
  options: Option<K>[];
  selected: K | null;
  onSelect: (key: K) => void;
}

/** A checkout card that offers a choice: how the goods come, an address, a pickup point, how to pay. */
export function OptionsCard<K extends string>({ className, title, empty, options, selected, onSelect, children }: PropsWithChildren<Props<K>>) {
  return (
    <View className={`card ${className}`}>
      <Text className='card-title'>{title}</Text>
      {empty && options.length === 0 && <Text className='inline-error'>{empty}</Text>}
      <View className='option-list'>
        {options.map((option) => (
          <View key={option.key} className={`option ${option.className} ${option.key === selected ? 'is-selected' : ''}`} onClick={() => onSelect(option.key)}>
            <Text className='option-title'>{option.title}</Text>
            {option.lines.map((line, index) => (
              <Text key={index} className='option-sub'>
                {line}
              </Text>
            ))}
          </View>
        ))}
      </View>
      {children}
    </View>
  );
}
