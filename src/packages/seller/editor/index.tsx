import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { Field } from '../../../components/field';
import { ImagePicker } from '../../../components/image-picker';
import { BrokenLink, RemoteStatus } from '../../../components/status';
import { goodsContract, type OutputOf, type ProductStatus } from '@core/contracts';
import { errorAt, fieldErrors, type FieldErrors } from '../../../utils/field-errors';
import { useRoute } from '../../../utils/use-route';
import { emptyForm, fromForm, newSku, todayInShanghai, toForm, type ProductForm } from './form';
import { GroupOfferSection } from './group-offer';
import { SkuEditor } from './sku-editor';
import { UnitPicker } from './unit-picker';
import '../../../components/page.css';
import './index.css';
import { PrivacySheet } from '../../../components/privacy-sheet';

type Loaded = OutputOf<typeof goodsContract, 'getForEdit'>;

const STATUS_NOTES: Record<ProductStatus, string> = {
  draft: '草稿：买家看不到',
  on_sale: '在卖：买家能看到',
  sold_out: '售完：买家能看到，不能买',
  off_shelf: '已下架：买家看不到',
};

/**
 * The full product editor: name, unit, description, up to 9 photos, specs with prices, stock,
 * minimums, steps and bulk prices, when it ships, shelf life. 保存草稿 keeps it hidden; 发布 puts
 * it on sale after the content check. `?productId=` edits, none creates.
 */
export default function EditorPage() {
  const route = useRoute('editor');
  // The product opened for editing; a new one gets its id when first saved.
  const opened = route?.productId;
  const [productId, setProductId] = useState(opened);
  const [shopId, setShopId] = useState(route?.shopId ?? '');
  const [status, setStatus] = useState<ProductStatus>('draft');
  const { state, load, retry } = useRemote<Loaded>();
  const [form, setForm] = useState<ProductForm>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useLoad(() => {
    if (!opened) return;
    void load(async () => {
      const reply = await call(goodsContract, 'getForEdit', { productId: opened });
      if (reply.ok) {
        setForm(toForm(reply.data.product));
        setShopId(reply.data.shopId);
        setStatus(reply.data.status);
      }
      return reply;
    });
  });

  if (!route) return <BrokenLink />;
  if (opened && state.status !== 'done') return <RemoteStatus state={state} onRetry={retry} />;

  const set = (change: Partial<ProductForm>) => setForm({ ...form, ...change });

  const save = async (publish: boolean) => {
    if (busy) return;
    setProblem(null);
    const parsed = fromForm(form);
    if ('errors' in parsed) {
      setErrors(parsed.errors);
      setProblem('有几项没填对，请看红字');
      return;
    }
    setBusy(true);
    const reply = await call(goodsContract, 'save', { shopId, ...(productId ? { productId } : {}), product: parsed.product, publish });
    setBusy(false);
    if (!reply.ok) {
      setErrors(fieldErrors(reply.error, 'product.'));
      // CONTENT_REJECTED and PRODUCT_INCOMPLETE say plainly what to fix; field problems point at fields.
      setProblem(reply.error.code === 'VALIDATION_FAILED' ? '有几项没填对，请看红字' : reply.error.message);
      return;
    }
    setErrors({});
    setProductId(reply.data.productId);
    setStatus(reply.data.status);
    void Taro.showToast({ title: publish ? '已发布' : '草稿已保存', icon: 'success' });
    if (publish) setTimeout(() => void Taro.navigateBack().catch(() => undefined), 800);
  };

  const today = todayInShanghai(Date.now());
  return (
    <View className='app-page product-editor'>
      {productId && <Text className='form-saved editor-status'>{STATUS_NOTES[status]}</Text>}
      <View className='card'>
        <Field name='images' label='照片（最多 9 张）' hint='第一张是封面' error={errorAt(errors, 'images')}>
          <ImagePicker images={form.images} max={9} onChange={(images) => set({ images })} />
        </Field>
        <Field name='name' label='商品名' error={errorAt(errors, 'name')}>
          <Input className='text-input editor-name' maxlength={40} placeholder='比如：酉阳柴火烟熏腊肉' value={form.name} onInput={(e) => set({ name: e.detail.value })} />
        </Field>
        <Field name='unit' label='按什么卖' error={errorAt(errors, 'unit')}>
          <UnitPicker unit={form.unit} onChange={(unit) => set({ unit })} />
        </Field>
        <Field name='description' label='介绍' hint='怎么做的、什么味道、怎么吃' error={errorAt(errors, 'description')}>
          <Textarea className='text-area editor-description' maxlength={1000} value={form.description} onInput={(e) => set({ description: e.detail.value })} />
        </Field>
      </View>

      <View className='card editor-skus'>
        <Text className='card-title'>规格和价格</Text>
        {errors.skus && <Text className='field-error'>{errors.skus}</Text>}
        {form.skus.map((sku, index) => (
          <SkuEditor
            key={sku.key}
            sku={sku}
            index={index}
            unit={form.unit || '件'}
            errors={errors}
            canRemove={form.skus.length > 1}
            onChange={(next) => set({ skus: form.skus.map((s, i) => (i === index ? next : s)) })}
            onRemove={() => set({ skus: form.skus.filter((_, i) => i !== index) })}
          />
        ))}
        {form.skus.length < 20 && (
          <Button className='secondary-button add-sku' onClick={() => set({ skus: [...form.skus, newSku()] })}>
            + 加一种规格
          </Button>
        )}
      </View>

      <View className='card editor-ship'>
        <Text className='card-title'>发货</Text>
        <View className='choice-row'>
          <View className={`choice ship-days ${form.shipKind === 'days' ? 'is-selected' : ''}`} onClick={() => set({ shipKind: 'days' })}>
            现货
          </View>
          <View className={`choice ship-presale ${form.shipKind === 'presale' ? 'is-selected' : ''}`} onClick={() => set({ shipKind: 'presale' })}>
            预售
          </View>
        </View>
        {form.shipKind === 'days' ? (
          <Field name='ship-days' label='付款后几天内发货' hint='0 就是当天发' error={errorAt(errors, 'ship.days')}>
            <Input className='text-input ship-days-input' type='number' value={form.shipDays} onInput={(e) => set({ shipDays: e.detail.value })} />
          </Field>
        ) : (
          <Field name='ship-date' label='哪天发货' hint='比如等收成后统一发' error={errorAt(errors, 'ship.shipAt') ?? errorAt(errors, 'ship')}>
            <Picker mode='date' value={form.shipDate || today} start={today} onChange={(e) => set({ shipDate: String(e.detail.value) })}>
              <View className='text-input ship-date-picker'>{form.shipDate || '点这里选日期'}</View>
            </Picker>
          </Field>
        )}
        <View className='switch-row editor-perishable'>
          <Text>生鲜、会坏的东西</Text>
          <Switch color='#2f7d4a' checked={form.perishable} onChange={(e) => set({ perishable: e.detail.value })} />
        </View>
        {form.perishable && (
          <Field name='shelf-life' label='保质期（天）' error={errorAt(errors, 'perishable.shelfLifeDays') ?? errorAt(errors, 'perishable')}>
            <Input className='text-input shelf-life-input' type='number' value={form.shelfLifeDays} onInput={(e) => set({ shelfLifeDays: e.detail.value })} />
          </Field>
        )}
      </View>

      {productId && <GroupOfferSection productId={productId} shopId={shopId} skus={form.skus} />}

      {problem && <Text className='form-error editor-problem'>{problem}</Text>}
      <View className='bottom-bar'>
        <Button className='secondary-button save-draft' disabled={busy || undefined} onClick={() => void save(false)}>
          保存草稿
        </Button>
        <Button className={`primary-button publish-product ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void save(true)}>
          {busy ? '正在保存…' : '发布'}
        </Button>
      </View>
      <PrivacySheet />
    </View>
  );
}
