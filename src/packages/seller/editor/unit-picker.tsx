import { Input, View } from '@tarojs/components';

export const COMMON_UNITS = ['斤', '件', '条', '盒', '瓶', '袋'];

/** The unit goods are sold by: a common one in one tap, or typed. */
export function UnitPicker({ unit, onChange }: { unit: string; onChange: (unit: string) => void }) {
  const custom = !COMMON_UNITS.includes(unit);
  return (
    <View className='unit-picker'>
      <View className='choice-row'>
        {COMMON_UNITS.map((choice) => (
          <View key={choice} className={`choice unit-choice ${choice === unit ? 'is-selected' : ''}`} onClick={() => onChange(choice)}>
            {choice}
          </View>
        ))}
      </View>
      <Input className={`text-input unit-custom ${custom ? 'is-selected' : ''}`} maxlength={4} placeholder='别的单位，比如：箱、只' value={custom ? unit : ''} onInput={(e) => onChange(e.detail.value)} />
    </View>
  );
}
