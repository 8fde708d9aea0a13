import { Button, Image, Input, Text, View } from '@tarojs/components';
import { displayUrl } from '../../../api/upload';
import { Field } from '../../../components/field';
import type { VendorProductRow } from '@core/contracts';
import { formatLi } from '@core/money';
import { errorAt, type FieldErrors } from '../../../utils/field-errors';
import type { LiveItemForm } from './form';

interface Props {
  item: LiveItemForm;
  index: number;
  /** The product as the shop has it now; undefined if it was deleted meanwhile. */
  product: VendorProductRow | undefined;
  /** The name the show knows it by, for a product no longer listed. */
  fallbackName: string;
  /** SKUs other items of the show already sell: not offered here. */
  takenSkuIds: readonly string[];
  errors: FieldErrors;
  onChange: (item: LiveItemForm) => void;
  onRemove: () => void;
}

/** One item of the show: which spec, its live price, per-buyer limit and the show's cap. */
export function LiveItemEditor({ item, index, product, fallbackName, takenSkuIds, errors, onChange, onRemove }: Props) {
  const at = `items.${index}`;
  const unit = product?.unit || '件';
  const set = (change: Partial<LiveItemForm>) => onChange({ ...item, ...change });
  const sku = product?.skus.find((candidate) => candidate.id === item.skuId);

  return (
    <View className={`studio-item studio-item-${index} product-${item.productId}`}>
      <View className='studio-item-head'>
        {product?.image ? <Image className='studio-item-image' src={displayUrl(product.image)} mode='aspectFill' /> : <View className='studio-item-image' />}
        <View className='studio-item-info'>
          <Text className='studio-item-name'>{product?.name ?? fallbackName}</Text>
          {product && (
            <Text className='note'>
              平时 {formatLi(product.fromPriceLi)}/{unit}
              {product.skus.length > 1 ? ' 起' : ''}
              {sku ? ` · 库存 ${sku.stock} ${unit}` : ''}
            </Text>
          )}
        </View>
        <Button className='small-button is-danger studio-item-remove' onClick={onRemove}>
          移出
        </Button>
      </View>
      {product && product.skus.length > 1 && (
        <Field name='studio-item-sku' label='规格' error={errorAt(errors, `${at}.skuId`)}>
          <View className='choice-row'>
            {product.skus
              .filter((candidate) => candidate.id === item.skuId || !takenSkuIds.includes(candidate.id))
              .map((candidate) => (
                <View key={candidate.id} className={`choice studio-item-sku ${candidate.id === item.skuId ? 'is-selected' : ''}`} onClick={() => set({ skuId: candidate.id })}>
                  {candidate.spec || '默认'}
                </View>
              ))}
          </View>
        </Field>
      )}
      {errorAt(errors, `${at}.productId`) && <Text className='field-error'>{errorAt(errors, `${at}.productId`)}</Text>}
      <Field name='studio-item-price' label={`直播价（元/${unit}）`} hint='只在开播后、直播价打开时才按这个价' error={errorAt(errors, `${at}.livePriceLi`)}>
        <Input className='text-input studio-item-price' type='digit' placeholder='比如 30' value={item.price} onInput={(e) => set({ price: e.detail.value })} />
      </Field>
      <View className='row-fields'>
        <Field name='studio-item-limit' label={`每人限购（${unit}）`} hint='不限就空着' error={errorAt(errors, `${at}.limitPerBuyer`)}>
          <Input className='text-input studio-item-limit' type='number' value={item.limit} onInput={(e) => set({ limit: e.detail.value })} />
        </Field>
        <Field name='studio-item-cap' label={`直播限量（${unit}）`} hint='可不填；卖完可补' error={errorAt(errors, `${at}.stockCap`)}>
          <Input className='text-input studio-item-cap' type='number' value={item.cap} onInput={(e) => set({ cap: e.detail.value })} />
        </Field>
      </View>
    </View>
  );
}
