import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../../../api/call';
import { Field } from '../../../components/field';
import { GROUP_OPEN_HOURS_MAX, GROUP_OPEN_HOURS_MIN, GROUP_SIZE_MAX, GROUP_SIZE_MIN, groupBuyContract, type GroupOfferVendorView } from '@core/contracts';
import { formatShanghai, shanghaiDateToMs } from '@core/dates';
import { parseYuanToLi } from '@core/money';
import { routes } from '@core/routes';
import { liToYuanText } from '../../../utils/yuan';
import { todayInShanghai, type SkuForm } from './form';

const DAY = 24 * 3600 * 1000;

interface OfferForm {
  size: string;
  /** By skuId: 拼团价 and 团长价 in yuan as typed ('' = not in the offer / no 团长价). */
  prices: Record<string, { price: string; leader: string }>;
  openHours: string;
  limit: string;
  /** YYYY-MM-DD (Asia/Shanghai), the last day groups may start. */
  endDate: string;
}

function toForm(offer: GroupOfferVendorView | null, now: number): OfferForm {
  return {
    size: String(offer?.size ?? 2),
    prices: Object.fromEntries((offer?.skus ?? []).map((sku) => [sku.skuId, { price: liToYuanText(sku.priceLi), leader: sku.leaderPriceLi === null ? '' : liToYuanText(sku.leaderPriceLi) }])),
    openHours: String(offer?.openHours ?? 24),
    limit: String(offer?.limitPerBuyer ?? 1),
    endDate: formatShanghai((offer?.endAt ?? now + 30 * DAY) - 1, 'YYYY-MM-DD'),
  };
}

interface Props {
  productId: string;
  shopId: string;
  /** The saved specs (with ids) of the product being edited. */
  skus: SkuForm[];
}

/**
 * 拼团 on a saved product: group size, a 拼团价 (and an optional lower 团长价) per spec, how long a
 * group stays open, a per-buyer limit and the last day; 保存拼团 / 停止拼团, and the groups so far.
 * A shop without WeChat Pay sees why it cannot (the server says so) and no form.
 */
export function GroupOfferSection({ productId, shopId, skus }: Props) {
  const [offer, setOffer] = useState<GroupOfferVendorView | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [form, setForm] = useState<OfferForm>(() => toForm(null, Date.now()));
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call(groupBuyContract, 'vendorOffer', { productId }).then((reply) => {
      if (!reply.ok) return setMessage(reply.error.message);
      setOffer(reply.data.offer);
      setBlocked(reply.data.blockedReason);
      setForm(toForm(reply.data.offer, Date.now()));
      setLoaded(true);
    });
  }, [productId]);

  if (!loaded) return message ? <Text className='form-error group-offer-message'>{message}</Text> : null;
  const saved = skus.filter((sku): sku is SkuForm & { id: string } => !!sku.id);
  const set = (change: Partial<OfferForm>) => setForm({ ...form, ...change });
  const setPrice = (skuId: string, change: Partial<OfferForm['prices'][string]>) =>
    set({ prices: { ...form.prices, [skuId]: { ...(form.prices[skuId] ?? { price: '', leader: '' }), ...change } } });

  const save = async () => {
    if (busy) return;
    setMessage(null);
    const size = Number(form.size);
    const openHours = Number(form.openHours);
    const limitPerBuyer = Number(form.limit);
    const priced = saved.filter((sku) => (form.prices[sku.id]?.price ?? '').trim() !== '');
    if (priced.length === 0) return setMessage('请至少给一种规格填上拼团价');
    const offerSkus = [];
    for (const sku of priced) {
      const priceLi = parseYuanToLi(form.prices[sku.id].price);
      const leaderText = form.prices[sku.id].leader.trim();
      const leaderPriceLi = leaderText ? parseYuanToLi(leaderText) : null;
      if (priceLi === null || (leaderText && leaderPriceLi === null)) return setMessage(`${sku.spec || '规格'}的价格没填对，比如 19.9`);
      offerSkus.push({ skuId: sku.id, priceLi, leaderPriceLi });
    }
    const startAt = offer?.startAt ?? Date.now();
    const endAt = shanghaiDateToMs(form.endDate) + DAY;
    setBusy(true);
    const reply = await call(groupBuyContract, 'setOffer', { productId, offer: { size, skus: offerSkus, openHours, limitPerBuyer, startAt, endAt } });
    setBusy(false);
    if (!reply.ok) return setMessage(reply.error.fields?.[0]?.message ?? reply.error.message);
    setOffer(reply.data.offer);
    void Taro.showToast({ title: '拼团已保存', icon: 'success' });
  };

  const remove = async () => {
    const { confirm } = await Taro.showModal({ title: '请确认', content: '停止后不能再开新团；已开的团照常到时间结束', confirmText: '停止拼团', cancelText: '再想想' });
    if (!confirm) return;
    const reply = await call(groupBuyContract, 'removeOffer', { productId });
    if (!reply.ok) return setMessage(reply.error.message);
    setOffer(null);
    void Taro.showToast({ title: '已停止拼团', icon: 'success' });
  };

  return (
    <View className='card editor-group-offer'>
      <Text className='card-title'>拼团（几个人一起买更便宜）</Text>
      {blocked ? (
        <Text className='note group-offer-blocked'>{blocked}</Text>
      ) : (
        <>
          {offer && <Text className='form-saved group-offer-status'>{offer.status === 'running' ? `正在拼团：${offer.label}` : offer.status === 'scheduled' ? '还没开始' : '已结束'}</Text>}
          <Field name='group-size' label='几人成团' hint={`${GROUP_SIZE_MIN} 到 ${GROUP_SIZE_MAX} 人`}>
            <Input className='text-input group-size-input' type='number' value={form.size} onInput={(e) => set({ size: e.detail.value })} />
          </Field>
          {saved.map((sku) => (
            <View key={sku.id} className={`group-sku group-sku-${sku.id}`}>
              <Text className='group-sku-title'>
                {sku.spec || '默认规格'}（单买 ¥{sku.price}）
              </Text>
              <View className='row-fields'>
                <Field name='group-price' label='拼团价（元）'>
                  <Input className='text-input group-price-input' type='digit' value={form.prices[sku.id]?.price ?? ''} onInput={(e) => setPrice(sku.id, { price: e.detail.value })} />
                </Field>
                <Field name='group-leader-price' label='团长价（可不填）'>
                  <Input className='text-input group-leader-input' type='digit' value={form.prices[sku.id]?.leader ?? ''} onInput={(e) => setPrice(sku.id, { leader: e.detail.value })} />
                </Field>
              </View>
            </View>
          ))}
          {saved.length === 0 && <Text className='note'>先保存商品的规格，再设拼团价</Text>}
          <View className='row-fields'>
            <Field name='group-hours' label='开团后几小时内拼成' hint={`${GROUP_OPEN_HOURS_MIN} 到 ${GROUP_OPEN_HOURS_MAX} 小时，没拼成自动退款`}>
              <Input className='text-input group-hours-input' type='number' value={form.openHours} onInput={(e) => set({ openHours: e.detail.value })} />
            </Field>
            <Field name='group-limit' label='每人同时参加几个团'>
              <Input className='text-input group-limit-input' type='number' value={form.limit} onInput={(e) => set({ limit: e.detail.value })} />
            </Field>
          </View>
          <Field name='group-end' label='拼团活动到哪天'>
            <Picker mode='date' value={form.endDate} start={todayInShanghai(Date.now())} onChange={(e) => set({ endDate: String(e.detail.value) })}>
              <View className='text-input group-end-picker'>{form.endDate}</View>
            </Picker>
          </Field>
          {message && <Text className='form-error group-offer-message'>{message}</Text>}
          <Button className={`primary-button group-offer-save ${busy ? 'is-disabled' : ''}`} disabled={busy || saved.length === 0 || undefined} onClick={() => void save()}>
            {busy ? '正在保存…' : '保存拼团'}
          </Button>
          {offer && (
            <>
              <Button className='secondary-button group-offer-groups' onClick={() => void Taro.navigateTo({ url: routes.offerGroups({ shopId, productId }) })}>
                看拼团的团（{Object.values(offer.counts).reduce((sum, count) => sum + (count ?? 0), 0)}）
              </Button>
              <Button className='danger-button group-offer-remove' onClick={() => void remove()}>
                停止拼团
              </Button>
            </>
          )}
        </>
      )}
    </View>
  );
}
