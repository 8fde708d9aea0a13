import { Button, Image, Input, Text, View } from '@tarojs/components';
import { displayUrl } from '../../../api/upload';
import { Field } from '../../../components/field';
import type { VendorProductRow } from '@core/contracts';
import { campaignTierProblem, tiersText } from '@core/campaign-pricing';
import { parseYuanToLi } from '@core/money';
import { errorAt, type FieldErrors } from '../../../utils/field-errors';
import type { ItemForm } from './form';

interface Props {
  item: ItemForm;
  index: number;
  /** The product as the shop has it now; undefined if it was deleted meanwhile. */
  product: VendorProductRow | undefined;
  /** The name the campaign knows it by, for a product no longer listed. */
  fallbackName: string;
  errors: FieldErrors;
  /** Open campaign: goods and prices stay; only the limit and the cap may go up. */
  locked: boolean;
  onChange: (item: ItemForm) => void;
  onRemove: () => void;
}

/** The price table as buyers will read it, or why it does not work yet; empty while a number is missing. */
function tiersPreview(item: ItemForm, unit: string): { text: string; problem: boolean } | null {
  const priceLi = parseYuanToLi(item.price);
  const tiers = item.tiers.map((tier) => ({ minQty: Number(tier.minQty), priceLi: parseYuanToLi(tier.price) }));
  if (priceLi === null || tiers.some((tier) => tier.priceLi === null || !Number.isSafeInteger(tier.minQty) || tier.minQty < 2)) return null;
  const pricing = { priceLi, tiers: tiers.map((tier) => ({ minQty: tier.minQty, priceLi: tier.priceLi ?? 0 })) };
  const cap = item.cap.trim() ? Number(item.cap) : null;
  const problem = campaignTierProblem(pricing, cap !== null && Number.isSafeInteger(cap) ? cap : null);
  return problem ? { text: problem.message, problem: true } : { text: tiersText(pricing, unit), problem: false };
}

/** One item of the campaign: which specs, the campaign price and its 阶梯价, per-buyer limit and cap. */
export function ItemEditor({ item, index, product, fallbackName, errors, locked, onChange, onRemove }: Props) {
  const at = `items.${index}`;
  const unit = product?.unit || '件';
  const set = (change: Partial<ItemForm>) => onChange({ ...item, ...change });
  const toggleSku = (id: string) => set({ skuIds: item.skuIds.includes(id) ? item.skuIds.filter((x) => x !== id) : [...item.skuIds, id] });
  const setTier = (t: number, change: Partial<ItemForm['tiers'][number]>) => set({ tiers: item.tiers.map((tier, i) => (i === t ? { ...tier, ...change } : tier)) });
  const preview = item.tiers.length ? tiersPreview(item, unit) : null;
  const stock = product ? product.skus.filter((sku) => item.skuIds.includes(sku.id)).reduce((sum, sku) => sum + sku.stock, 0) : null;

  return (
    <View className={`campaign-item campaign-item-${index} ${locked ? 'is-locked' : ''}`}>
      <View className='campaign-item-head'>
        {product?.image ? <Image className='campaign-item-image' src={displayUrl(product.image)} mode='aspectFill' /> : <View className='campaign-item-image' />}
        <View className='campaign-item-info'>
          <Text className='campaign-item-name'>{product?.name ?? fallbackName}</Text>
          {stock !== null && (
            <Text className='note'>
              库存 {stock} {unit}
            </Text>
          )}
        </View>
        {!locked && (
          <Button className='small-button is-danger campaign-item-remove' onClick={onRemove}>
            移出
          </Button>
        )}
      </View>
      {product && product.skus.length > 1 && (
        <Field name='campaign-item-skus' label='卖哪些规格' error={errorAt(errors, `${at}.skuIds`)}>
          <View className='choice-row'>
            {product.skus.map((sku) => (
              <View key={sku.id} className={`choice campaign-item-sku ${item.skuIds.includes(sku.id) ? 'is-selected' : ''}`} onClick={() => !locked && toggleSku(sku.id)}>
                {sku.spec || '默认'}
              </View>
            ))}
          </View>
        </Field>
      )}
      <Field name='campaign-item-price' label={`团购价（元/${unit}）`} error={errorAt(errors, `${at}.priceLi`)}>
        <Input className='text-input campaign-item-price' type='digit' disabled={locked} placeholder='比如 30' value={item.price} onInput={(e) => set({ price: e.detail.value })} />
      </Field>
      <Field name='campaign-item-tiers' label='大家买得多，一起降价（可不填）' hint={`比如：全团满 50 ${unit}，每${unit} 25 元`} error={errorAt(errors, `${at}.tiers`)}>
        {item.tiers.map((tier, t) => (
          <View key={t} className={`row-inputs tier-row tier-row-${t}`}>
            <Text className='tier-label'>满</Text>
            <Input className='text-input tier-min-input' type='number' disabled={locked} placeholder={`多少${unit}`} value={tier.minQty} onInput={(e) => setTier(t, { minQty: e.detail.value })} />
            <Text className='tier-label'>{unit}</Text>
            <Input className='text-input tier-price-input' type='digit' disabled={locked} placeholder='每份几元' value={tier.price} onInput={(e) => setTier(t, { price: e.detail.value })} />
            {!locked && (
              <Button className='small-button is-danger tier-remove' onClick={() => set({ tiers: item.tiers.filter((_, i) => i !== t) })}>
                删
              </Button>
            )}
          </View>
        ))}
        {preview && <Text className={`campaign-item-preview ${preview.problem ? 'is-problem' : ''}`}>{preview.text}</Text>}
        {!locked && item.tiers.length < 5 && (
          <Button className='secondary-button campaign-add-tier' onClick={() => set({ tiers: [...item.tiers, { minQty: '', price: '' }] })}>
            + 加一档降价
          </Button>
        )}
      </Field>
      <View className='row-fields'>
        <Field name='campaign-item-limit' label={`每人限购（${unit}）`} hint='不限就空着' error={errorAt(errors, `${at}.limitPerBuyer`)}>
          <Input className='text-input campaign-item-limit' type='number' value={item.limit} onInput={(e) => set({ limit: e.detail.value })} />
        </Field>
        <Field name='campaign-item-cap' label={`团购限量（${unit}）`} hint='卖完这么多就停' error={errorAt(errors, `${at}.stockCap`)}>
          <Input className='text-input campaign-item-cap' type='number' value={item.cap} onInput={(e) => set({ cap: e.detail.value })} />
        </Field>
      </View>
    </View>
  );
}
