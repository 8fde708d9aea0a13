import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { Field } from '../../../components/field';
import { ImagePicker } from '../../../components/image-picker';
import { BrokenLink, RemoteStatus } from '../../../components/status';
import { shopContract, type OutputOf, type ShopSettings } from '@core/contracts';
import { ORDER_NAMES } from '@core/order-names';
import { errorAt, fieldErrors, type FieldErrors } from '../../../utils/field-errors';
import { useRoute } from '../../../utils/use-route';
import { FulfilmentSection } from './fulfilment-section';
import { fromForm, toForm, type SettingsForm } from './form';
import '../../../components/page.css';
import './index.css';
import { PrivacySheet } from '../../../components/privacy-sheet';

type Loaded = OutputOf<typeof shopContract, 'getSettings'>;

/** 店铺设置: name, intro, contact, how buyers pay, how goods reach them. Only the owner saves. */
export default function SettingsPage() {
  const route = useRoute('settings');
  const shopId = route?.shopId ?? '';
  const { state, load, retry } = useRemote<Loaded>();
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  // The form starts from what is stored, on every (re)try.
  const fetchSettings = async () => {
    const reply = await call(shopContract, 'getSettings', { shopId });
    if (reply.ok) setForm(toForm(reply.data.settings));
    return reply;
  };
  useLoad(() => {
    if (route) void load(fetchSettings);
  });

  if (!route) return <BrokenLink />;
  if (state.status !== 'done' || !form) return <RemoteStatus state={state} onRetry={retry} />;
  const readOnly = state.data.role !== 'owner';
  const { settings } = form;
  const update = (change: (s: ShopSettings) => ShopSettings) => setForm({ ...form, settings: change(settings) });
  const setForm2 = (next: Partial<SettingsForm>) => setForm({ ...form, ...next });

  const save = async () => {
    if (busy) return;
    setMessage(null);
    const parsed = fromForm(form);
    if ('errors' in parsed) {
      setErrors(parsed.errors);
      setMessage({ kind: 'error', text: '有几项没填对，请看红字' });
      return;
    }
    setBusy(true);
    const reply = await call(shopContract, 'updateSettings', { shopId, settings: parsed.settings });
    setBusy(false);
    if (!reply.ok) {
      setErrors(fieldErrors(reply.error, 'settings.'));
      setMessage({ kind: 'error', text: reply.error.fields?.length ? '有几项没填对，请看红字' : reply.error.message });
      return;
    }
    setErrors({});
    setForm(toForm(reply.data.settings));
    setMessage({ kind: 'saved', text: '已保存' });
    void Taro.showToast({ title: '已保存', icon: 'success' });
  };

  const { offline, wechatPay } = settings.payment;
  return (
    <View className='app-page shop-settings'>
      {readOnly && <Text className='form-error read-only-note'>只有店主能修改设置，你可以看。</Text>}
      <View className='card settings-basic'>
        <Text className='card-title'>小店</Text>
        <Field name='name' label='店名' error={errorAt(errors, 'name')}>
          <Input className='text-input settings-name' maxlength={20} value={settings.name} disabled={readOnly} onInput={(e) => update((s) => ({ ...s, name: e.detail.value }))} />
        </Field>
        <Field name='intro' label='一句话介绍' hint='比如：自家熏的腊肉，山里的土货' error={errorAt(errors, 'intro')}>
          <Textarea className='text-area settings-intro' maxlength={200} value={settings.intro} disabled={readOnly} onInput={(e) => update((s) => ({ ...s, intro: e.detail.value }))} />
        </Field>
        <Field name='avatar' label='店铺头像' error={errorAt(errors, 'avatar')}>
          <ImagePicker images={settings.avatar ? [settings.avatar] : []} max={1} addText='换头像' onChange={(images) => update((s) => ({ ...s, avatar: images[0] ?? '' }))} />
        </Field>
      </View>

      <View className='card settings-contact'>
        <Text className='card-title'>联系方式</Text>
        <Field name='wechat-id' label='微信号' hint='顾客点“联系店主”时复制这个' error={errorAt(errors, 'contact.wechatId')}>
          <Input className='text-input settings-wechat-id' maxlength={40} value={settings.contact.wechatId} disabled={readOnly} onInput={(e) => update((s) => ({ ...s, contact: { ...s.contact, wechatId: e.detail.value } }))} />
        </Field>
        <Field name='phone' label='电话' error={errorAt(errors, 'contact.phone')}>
          <Input className='text-input settings-phone' type='number' maxlength={20} value={settings.contact.phone} disabled={readOnly} onInput={(e) => update((s) => ({ ...s, contact: { ...s.contact, phone: e.detail.value } }))} />
        </Field>
      </View>

      <View className='card settings-payment'>
        <Text className='card-title'>收款方式</Text>
        {errors.payment && <Text className='field-error'>{errors.payment}</Text>}
        <View className='switch-row payment-offline'>
          <Text>转账给我（收款码）</Text>
          <Switch color='#2f7d4a' checked={offline.enabled} disabled={readOnly} onChange={(e) => update((s) => ({ ...s, payment: { ...s.payment, offline: { ...s.payment.offline, enabled: e.detail.value } } }))} />
        </View>
        {offline.enabled && (
          <>
            <Field name='offline-qr' label='收款码图片' hint='微信“收付款”里的收款码截图' error={errorAt(errors, 'payment.offline.qrImage')}>
              <ImagePicker images={offline.qrImage ? [offline.qrImage] : []} max={1} addText='上传收款码' onChange={(images) => update((s) => ({ ...s, payment: { ...s.payment, offline: { ...s.payment.offline, qrImage: images[0] ?? '' } } }))} />
            </Field>
            <Field name='offline-instructions' label='付款说明' error={errorAt(errors, 'payment.offline.instructions')}>
              <Textarea className='text-area settings-offline-instructions' maxlength={200} value={offline.instructions} disabled={readOnly} onInput={(e) => update((s) => ({ ...s, payment: { ...s.payment, offline: { ...s.payment.offline, instructions: e.detail.value } } }))} />
            </Field>
          </>
        )}
        <View className='switch-row payment-wechat'>
          <Text>{ORDER_NAMES.payment.wechat}</Text>
          <Switch color='#2f7d4a' checked={wechatPay.enabled} disabled={readOnly} onChange={(e) => update((s) => ({ ...s, payment: { ...s.payment, wechatPay: { ...s.payment.wechatPay, enabled: e.detail.value } } }))} />
        </View>
        {wechatPay.enabled && (
          <Field name='sub-mch-id' label='商户号' hint='开通微信支付后拿到的 8 到 12 位数字' error={errorAt(errors, 'payment.wechatPay.subMchId')}>
            <Input className='text-input settings-sub-mch-id' type='number' maxlength={12} value={wechatPay.subMchId} disabled={readOnly} onInput={(e) => update((s) => ({ ...s, payment: { ...s.payment, wechatPay: { ...s.payment.wechatPay, subMchId: e.detail.value } } }))} />
          </Field>
        )}
      </View>

      <FulfilmentSection form={form} errors={errors} readOnly={readOnly} update={update} setForm={setForm2} />

      <View className='card settings-orders'>
        <Text className='card-title'>订单规则</Text>
        <Field name='pay-within' label='付款时限（分钟）' hint='下单后这么久还没付款，订单自动取消，货放回库存' error={errorAt(errors, 'orders.payWithinMinutes')}>
          <Input className='text-input settings-pay-within' type='number' maxlength={4} value={form.payWithinMinutes} disabled={readOnly} onInput={(e) => setForm2({ payWithinMinutes: e.detail.value })} />
        </Field>
        <Field name='auto-complete' label='自动确认收货（天）' hint='发货后这么多天买家没点确认收货，订单自动完成' error={errorAt(errors, 'orders.autoCompleteDays')}>
          <Input className='text-input settings-auto-complete' type='number' maxlength={2} value={form.autoCompleteDays} disabled={readOnly} onInput={(e) => setForm2({ autoCompleteDays: e.detail.value })} />
        </Field>
      </View>

      {message && <Text className={`${message.kind === 'saved' ? 'form-saved' : 'form-error'} settings-message`}>{message.text}</Text>}
      {!readOnly && (
        <View className='bottom-bar'>
          <Button className={`primary-button save-settings ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void save()}>
            {busy ? '正在保存…' : '保存'}
          </Button>
        </View>
      )}
      <PrivacySheet />
    </View>
  );
}
