import { Button, Input, Text, View } from '@tarojs/components';
import { Field } from '../../../components/field';
import { errorAt, type FieldErrors } from '../../../utils/field-errors';
import type { SkuForm } from './form';

interface Props {
  sku: SkuForm;
  index: number;
  unit: string;
  errors: FieldErrors;
  canRemove: boolean;
  onChange: (sku: SkuForm) => void;
  onRemove: () => void;
}

/** One spec: name, price in yuan (up to 3 decimals), stock, minimum, step, bulk prices. */
export function SkuEditor({ sku, index, unit, errors, canRemove, onChange, onRemove }: Props) {
  const at = `skus.${index}`;
  const set = (change: Partial<SkuForm>) => onChange({ ...sku, ...change });
  return (
    <View className='sku-editor'>
      <View className='sku-editor-head'>
        <Text className='sku-editor-title'>规格 {index + 1}</Text>
        {canRemove && (
          <Button className='small-button is-danger remove-sku' onClick={onRemove}>
            删除规格
          </Button>
        )}
      </View>
      <Field name='sku-spec' label='规格名' hint='只有一种可以不填；比如：五花、后腿' error={errorAt(errors, `${at}.spec`)}>
        <Input className='text-input sku-spec-input' maxlength={20} value={sku.spec} onInput={(e) => set({ spec: e.detail.value })} />
      </Field>
      <View className='row-fields'>
        <Field name='sku-price' label={`价格（元/${unit}）`} error={errorAt(errors, `${at}.priceLi`)}>
          <Input className='text-input sku-price-input' type='digit' placeholder='比如 58' value={sku.price} onInput={(e) => set({ price: e.detail.value })} />
        </Field>
        <Field name='sku-stock' label={`库存（${unit}）`} error={errorAt(errors, `${at}.stock`)}>
          <Input className='text-input sku-stock-input' type='number' value={sku.stock} onInput={(e) => set({ stock: e.detail.value })} />
        </Field>
      </View>
      <View className='row-fields'>
        <Field name='sku-min' label='几件起卖' error={errorAt(errors, `${at}.minQty`)}>
          <Input className='text-input sku-min-input' type='number' value={sku.minQty} onInput={(e) => set({ minQty: e.detail.value })} />
        </Field>
        <Field name='sku-step' label='每次加减' error={errorAt(errors, `${at}.stepQty`)}>
          <Input className='text-input sku-step-input' type='number' value={sku.stepQty} onInput={(e) => set({ stepQty: e.detail.value })} />
        </Field>
      </View>
      <Field name='sku-tiers' label='批量价' hint={`买得多更便宜，比如：1000${unit}起 0.065 元`} error={errorAt(errors, `${at}.tiers`)}>
        {sku.tiers.map((tier, t) => (
          <View key={t} className='row-inputs tier-editor'>
            <Input className='text-input tier-min-input' type='number' placeholder={`多少${unit}起`} value={tier.minQty} onInput={(e) => set({ tiers: sku.tiers.map((x, i) => (i === t ? { ...x, minQty: e.detail.value } : x)) })} />
            <Input className='text-input tier-price-input' type='digit' placeholder='单价（元）' value={tier.price} onInput={(e) => set({ tiers: sku.tiers.map((x, i) => (i === t ? { ...x, price: e.detail.value } : x)) })} />
            <Button className='small-button is-danger remove-tier' onClick={() => set({ tiers: sku.tiers.filter((_, i) => i !== t) })}>
              删
            </Button>
          </View>
        ))}
        {sku.tiers.length < 5 && (
          <Button className='secondary-button add-tier' onClick={() => set({ tiers: [...sku.tiers, { minQty: '', price: '' }] })}>
            + 加一档批量价
          </Button>
        )}
      </Field>
    </View>
  );
}
