import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { Field } from '../../../components/field';
import { ImagePicker } from '../../../components/image-picker';
import { ProductPicker } from '../../../components/product-picker';
import { useIntentIds } from '../../../components/order';
import { BrokenLink, RemoteStatus } from '../../../components/status';
import { campaignsContract, goodsContract, shopContract, type CampaignVendorView, type Reply, type ShopSettings, type VendorProductRow } from '@core/contracts';
import { CAMPAIGN_STATE_NAMES } from '@core/campaigns';
import type { ErrorBody } from '@core/errors';
import { deadlineText } from '@core/campaign-text';
import { routes } from '@core/routes';
import { errorAt, fieldErrors, type FieldErrors } from '../../../utils/field-errors';
import { useRoute } from '../../../utils/use-route';
import { dateOf, emptyForm, eveningOf, fromForm, newItem, timeOf, toForm, type CampaignForm } from './form';
import { ItemEditor } from './item-editor';
import '../../../components/page.css';
import './index.css';
import { PrivacySheet } from '../../../components/privacy-sheet';

interface Loaded {
  fulfilment: ShopSettings['fulfilment'];
  products: VendorProductRow[];
}

/** Quick 截团 choices: most groups close in the evening, today, tomorrow or the day after. */
const END_CHOICES = [
  { days: 0, label: '今晚 20:00' },
  { days: 1, label: '明晚 20:00' },
  { days: 2, label: '后天 20:00' },
];

const PRODUCT_STATUS_NOTES: Record<VendorProductRow['status'], string> = { on_sale: '', sold_out: '（售完）', draft: '（草稿，开团前要先上架）', off_shelf: '（已下架，开团前要先上架）' };

/**
 * The campaign editor: title, words, up to 9 photos, start and 截团 times, goods from the shop
 * with specs, the campaign price or its 阶梯价, per-buyer limits and caps, and which ways of
 * getting the goods it offers. 保存草稿 keeps it to the shop; 发布 opens it (at once or at its
 * start time). Once open, goods and prices stay; words, photos, 截团 and fulfilment may change.
 */
export default function CampaignEditorPage() {
  const route = useRoute('campaignEditor');
  const shopId = route?.shopId ?? '';
  const [campaignId, setCampaignId] = useState(route?.campaignId);
  const [view, setView] = useState<CampaignVendorView | null>(null);
  const [form, setForm] = useState<CampaignForm>(() => emptyForm(Date.now()));
  const { state, load, retry, update } = useRemote<Loaded>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(false);
  const intents = useIntentIds();
  // Products listed before the vendor went to add a new one: what is new on return joins the campaign.
  const productsBefore = useRef<Set<string> | null>(null);
  const loaded = useRef(false);

  useDidShow(() => {
    if (!route) return;
    if (loaded.current) {
      // Back from adding a product: refresh the goods, and put the new ones into the campaign.
      void call(goodsContract, 'listShopProducts', { shopId }).then((reply) => {
        if (!reply.ok) return;
        update((data) => ({ ...data, products: reply.data.products }));
        const before = productsBefore.current;
        productsBefore.current = null;
        if (!before) return;
        setForm((current) => {
          let items = current.items;
          for (const product of reply.data.products.filter((candidate) => !before.has(candidate.id))) {
            const item = newItem(product, items);
            if (item) items = [...items, item];
          }
          return { ...current, items };
        });
      });
      return;
    }
    void load(async (): Promise<Reply<Loaded>> => {
      const [settings, goods, opened] = await Promise.all([
        call(shopContract, 'getSettings', { shopId }),
        call(goodsContract, 'listShopProducts', { shopId }),
        campaignId ? call(campaignsContract, 'vendorCampaign', { campaignId }) : Promise.resolve(null),
      ]);
      if (!settings.ok) return settings;
      if (!goods.ok) return goods;
      if (opened && !opened.ok) return opened;
      if (opened) {
        setView(opened.data.campaign);
        setForm(toForm(opened.data.campaign));
      }
      loaded.current = true;
      return { ok: true, data: { fulfilment: settings.data.settings.fulfilment, products: goods.data.products } };
    });
  });

  if (!route) return <BrokenLink />;
  if (state.status !== 'done') return <RemoteStatus state={state} onRetry={retry} />;

  const { fulfilment, products } = state.data;
  const campaignState = view?.state ?? 'draft';
  const ended = campaignState === 'ended';
  const itemsLocked = campaignState === 'open' || ended;
  const startLocked = campaignState === 'open' || ended;
  const set = (change: Partial<CampaignForm>) => setForm({ ...form, ...change });
  const now = Date.now();

  const addProduct = (product: VendorProductRow) => {
    const item = newItem(product, form.items);
    if (!item) return void Taro.showToast({ title: '这件商品的规格都已经在团里了', icon: 'none' });
    set({ items: [...form.items, item] });
    setPicking(false);
  };

  const goAddProduct = () => {
    productsBefore.current = new Set(products.map((product) => product.id));
    void Taro.navigateTo({ url: routes.editor({ shopId }) });
  };

  const refuse = (error: ErrorBody) => {
    setErrors(fieldErrors(error, 'campaign.'));
    setProblem(error.code === 'VALIDATION_FAILED' ? '有几项没填对，请看红字' : error.message);
  };

  const save = async (publish: boolean) => {
    if (busy) return;
    setProblem(null);
    const parsed = fromForm(form, Date.now());
    if ('errors' in parsed) {
      setErrors(parsed.errors);
      setProblem('有几项没填对，请看红字');
      return;
    }
    setBusy(true);
    const saved = campaignId
      ? await call(campaignsContract, 'update', { campaignId, campaign: parsed.campaign, ...(view ? { expectedUpdatedAt: view.updatedAt } : {}) })
      : await call(campaignsContract, 'create', { shopId, campaign: parsed.campaign }, { requestId: intents.idFor('create') });
    if (!saved.ok) {
      setBusy(false);
      return refuse(saved.error);
    }
    intents.succeeded('create');
    const id = saved.data.campaign.id;
    setCampaignId(id);
    setView(saved.data.campaign);
    setErrors({});
    if (!publish) {
      setBusy(false);
      void Taro.showToast({ title: campaignState === 'draft' ? '草稿已保存' : '已保存', icon: 'success' });
      if (campaignState !== 'draft') setTimeout(() => void Taro.navigateBack().catch(() => undefined), 800);
      return;
    }
    const published = await call(campaignsContract, 'publish', { campaignId: id, startNow: form.startNow }, { requestId: intents.idFor('publish') });
    setBusy(false);
    if (!published.ok) return refuse(published.error);
    intents.succeeded('publish');
    setView(published.data.campaign);
    void Taro.showToast({ title: published.data.campaign.state === 'open' ? '已开团' : '已发布，到时间自动开团', icon: 'success' });
    setTimeout(() => void Taro.redirectTo({ url: routes.shopCampaign({ shopId, campaignId: id }) }), 800);
  };

  const pickupPoints = fulfilment.pickup.enabled ? fulfilment.pickup.points : [];
  const noWay = !fulfilment.express.enabled && !fulfilment.local.enabled && pickupPoints.length === 0;
  const togglePoint = (id: string) => set({ pickupPointIds: form.pickupPointIds.includes(id) ? form.pickupPointIds.filter((x) => x !== id) : [...form.pickupPointIds, id] });

  return (
    <View className='app-page campaign-editor'>
      {view && (
        <Text className='form-saved campaign-editor-status'>
          {CAMPAIGN_STATE_NAMES[campaignState]}
          {campaignState === 'draft' ? '：买家看不到' : ''}
          {campaignState === 'open' ? '：团里的商品和价格不能再改，限购和限量只能调高' : ''}
          {ended ? '：已经截团，不能再改了' : ''}
        </Text>
      )}

      <View className='card'>
        <Field name='campaign-title' label='团名' error={errorAt(errors, 'title')}>
          <Input className='text-input campaign-title' maxlength={40} placeholder='比如：腊肉香肠年货团' value={form.title} onInput={(e) => set({ title: e.detail.value })} />
        </Field>
        <Field name='campaign-text' label='想对大家说的话' hint='货从哪来、什么时候发、怎么取' error={errorAt(errors, 'text')}>
          <Textarea className='text-area campaign-text' maxlength={1000} value={form.text} onInput={(e) => set({ text: e.detail.value })} />
        </Field>
        <Field name='campaign-images' label='照片（最多 9 张）' error={errorAt(errors, 'images')}>
          <ImagePicker images={form.images} max={9} onChange={(images) => set({ images })} />
        </Field>
      </View>

      <View className='card campaign-times'>
        <Text className='card-title'>时间</Text>
        {startLocked ? (
          <Text className='note campaign-start-fixed'>开团时间：{view ? deadlineText(view.startAt, now) : ''}</Text>
        ) : (
          <>
            {campaignState === 'draft' && (
              <View className='switch-row campaign-start-now'>
                <Text>发布后马上开团</Text>
                <Switch color='#2f7d4a' checked={form.startNow} onChange={(e) => set({ startNow: e.detail.value })} />
              </View>
            )}
            {!form.startNow && (
              <Field name='campaign-start' label='开团时间' error={errorAt(errors, 'startAt')}>
                <View className='row-inputs'>
                  <Picker mode='date' value={form.startDate} start={dateOf(now)} onChange={(e) => set({ startDate: String(e.detail.value) })}>
                    <View className='text-input time-picker campaign-start-date'>{form.startDate}</View>
                  </Picker>
                  <Picker mode='time' value={form.startTime} onChange={(e) => set({ startTime: String(e.detail.value) })}>
                    <View className='text-input time-picker campaign-start-time'>{form.startTime}</View>
                  </Picker>
                </View>
              </Field>
            )}
          </>
        )}
        <Field name='campaign-end' label='截团时间' hint='到点就不能再跟团了' error={errorAt(errors, 'endAt')}>
          {!ended && (
            <View className='choice-row'>
              {END_CHOICES.map((choice) => {
                const at = eveningOf(now, choice.days);
                const selected = form.endDate === dateOf(at) && form.endTime === timeOf(at);
                return (
                  <View key={choice.days} className={`choice campaign-end-quick campaign-end-quick-${choice.days} ${selected ? 'is-selected' : ''}`} onClick={() => set({ endDate: dateOf(at), endTime: timeOf(at) })}>
                    {choice.label}
                  </View>
                );
              })}
            </View>
          )}
          <View className='row-inputs'>
            <Picker mode='date' value={form.endDate} start={dateOf(now)} disabled={ended} onChange={(e) => set({ endDate: String(e.detail.value) })}>
              <View className='text-input time-picker campaign-end-date'>{form.endDate}</View>
            </Picker>
            <Picker mode='time' value={form.endTime} disabled={ended} onChange={(e) => set({ endTime: String(e.detail.value) })}>
              <View className='text-input time-picker campaign-end-time'>{form.endTime}</View>
            </Picker>
          </View>
        </Field>
      </View>

      <View className='card campaign-items'>
        <Text className='card-title'>团里的商品</Text>
        {errorAt(errors, 'items') && !form.items.length && <Text className='field-error'>{errorAt(errors, 'items')}</Text>}
        {form.items.length === 0 && <Text className='note'>还没放商品，点下面的按钮从小店里选。</Text>}
        {form.items.map((item, index) => (
          <ItemEditor
            key={item.key}
            item={item}
            index={index}
            product={products.find((product) => product.id === item.productId)}
            fallbackName={view?.items[index]?.name ?? '这件商品已经删除了'}
            errors={errors}
            locked={itemsLocked}
            onChange={(next) => set({ items: form.items.map((x, i) => (i === index ? next : x)) })}
            onRemove={() => set({ items: form.items.filter((_, i) => i !== index) })}
          />
        ))}
        {!itemsLocked && form.items.length < 30 && (
          <>
            <Button className='secondary-button campaign-pick-product' onClick={() => setPicking(!picking)}>
              {picking ? '收起' : '+ 从小店里选商品'}
            </Button>
            {picking && (
              <ProductPicker prefix='campaign' products={products} onPick={addProduct} noteOf={(product) => PRODUCT_STATUS_NOTES[product.status]} />
            )}
            <Button className='secondary-button campaign-add-product' onClick={goAddProduct}>
              + 上架一件新商品，再回来
            </Button>
          </>
        )}
      </View>

      <View className='card campaign-fulfilment'>
        <Text className='card-title'>怎么拿到货</Text>
        {errorAt(errors, 'fulfilment') && <Text className='field-error'>{errorAt(errors, 'fulfilment')}</Text>}
        {noWay && (
          <View>
            <Text className='note'>小店还没开通快递、同城配送或自提点。</Text>
            <Button className='secondary-button campaign-go-settings' onClick={() => void Taro.navigateTo({ url: routes.settings({ shopId }) })}>
              去店铺设置开通
            </Button>
          </View>
        )}
        {fulfilment.express.enabled && (
          <View className='switch-row campaign-express'>
            <Text>快递</Text>
            <Switch color='#2f7d4a' checked={form.express} disabled={ended} onChange={(e) => set({ express: e.detail.value })} />
          </View>
        )}
        {fulfilment.local.enabled && (
          <View className='switch-row campaign-local'>
            <Text>同城配送</Text>
            <Switch color='#2f7d4a' checked={form.local} disabled={ended} onChange={(e) => set({ local: e.detail.value })} />
          </View>
        )}
        {pickupPoints.length > 0 && (
          <Field name='campaign-points' label='自提点（可多选）'>
            <View className='choice-row'>
              {pickupPoints.map((point) => (
                <View key={point.id} className={`choice campaign-point campaign-point-${point.id} ${form.pickupPointIds.includes(point.id) ? 'is-selected' : ''}`} onClick={() => !ended && togglePoint(point.id)}>
                  {point.name}
                </View>
              ))}
            </View>
          </Field>
        )}
      </View>

      {problem && <Text className='form-error campaign-editor-problem'>{problem}</Text>}
      {!ended && (
        <View className='bottom-bar'>
          {campaignState === 'draft' ? (
            <>
              <Button className='secondary-button campaign-save-draft' disabled={busy || undefined} onClick={() => void save(false)}>
                保存草稿
              </Button>
              <Button className={`primary-button campaign-publish ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void save(true)}>
                {busy ? '请稍等…' : form.startNow ? '发布开团' : '发布'}
              </Button>
            </>
          ) : (
            <Button className={`primary-button campaign-save ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void save(false)}>
              {busy ? '正在保存…' : '保存修改'}
            </Button>
          )}
        </View>
      )}
      <PrivacySheet />
    </View>
  );
}
