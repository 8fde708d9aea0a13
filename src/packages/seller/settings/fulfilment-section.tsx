import { Button, Input, Switch, Text, View } from '@tarojs/components';
import type { ShopSettings } from '@core/contracts';
import { ORDER_NAMES } from '@core/order-names';
import { Field } from '../../../components/field';
import { errorAt, type FieldErrors } from '../../../utils/field-errors';
import type { SettingsForm } from './form';

interface Props {
  form: SettingsForm;
  errors: FieldErrors;
  readOnly: boolean;
  update: (change: (s: ShopSettings) => ShopSettings) => void;
  setForm: (next: Partial<SettingsForm>) => void;
}

type Fulfilment = ShopSettings['fulfilment'];

/** 收货方式: express (fee, free above, per-province fees), local delivery, pickup points. */
export function FulfilmentSection({ form, errors, readOnly, update, setForm }: Props) {
  const { express, local, pickup } = form.settings.fulfilment;
  const setFulfilment = (change: (f: Fulfilment) => Fulfilment) => update((s) => ({ ...s, fulfilment: change(s.fulfilment) }));

  return (
    <View className='card settings-fulfilment'>
      <Text className='card-title'>收货方式</Text>
      {errors.fulfilment && <Text className='field-error'>{errors.fulfilment}</Text>}

      <View className='switch-row fulfilment-express'>
        <Text>{ORDER_NAMES.fulfilment.express}</Text>
        <Switch color='#2f7d4a' checked={express.enabled} disabled={readOnly} onChange={(e) => setFulfilment((f) => ({ ...f, express: { ...f.express, enabled: e.detail.value } }))} />
      </View>
      {express.enabled && (
        <>
          <Field name='express-fee' label='运费（元）' error={errorAt(errors, 'fulfilment.express.feeFen')}>
            <Input className='text-input express-fee' type='digit' value={form.expressFee} disabled={readOnly} onInput={(e) => setForm({ expressFee: e.detail.value })} />
          </Field>
          <Field name='free-above' label='满多少元包邮（元）' hint='不填就是不包邮' error={errorAt(errors, 'fulfilment.express.freeAboveFen')}>
            <Input className='text-input free-above' type='digit' value={form.freeAbove} placeholder='不包邮' disabled={readOnly} onInput={(e) => setForm({ freeAbove: e.detail.value })} />
          </Field>
          <Field name='province-fees' label='个别省份运费' hint='比如：新疆 25 元' error={errorAt(errors, 'fulfilment.express.provinceFees')}>
            {form.provinceFees.map((row, index) => (
              <View key={index} className='row-inputs province-fee-row'>
                <Input className='text-input province-name' maxlength={10} placeholder='省份' value={row.province} disabled={readOnly} onInput={(e) => setForm({ provinceFees: form.provinceFees.map((r, i) => (i === index ? { ...r, province: e.detail.value } : r)) })} />
                <Input className='text-input province-fee' type='digit' placeholder='运费（元）' value={row.fee} disabled={readOnly} onInput={(e) => setForm({ provinceFees: form.provinceFees.map((r, i) => (i === index ? { ...r, fee: e.detail.value } : r)) })} />
                {!readOnly && (
                  <Button className='small-button is-danger remove-province' onClick={() => setForm({ provinceFees: form.provinceFees.filter((_, i) => i !== index) })}>
                    删除
                  </Button>
                )}
              </View>
            ))}
            {!readOnly && form.provinceFees.length < 34 && (
              <Button className='secondary-button add-province' onClick={() => setForm({ provinceFees: [...form.provinceFees, { province: '', fee: '' }] })}>
                + 加一个省份
              </Button>
            )}
          </Field>
        </>
      )}

      <View className='switch-row fulfilment-local'>
        <Text>{ORDER_NAMES.fulfilment.local}</Text>
        <Switch color='#2f7d4a' checked={local.enabled} disabled={readOnly} onChange={(e) => setFulfilment((f) => ({ ...f, local: { ...f.local, enabled: e.detail.value } }))} />
      </View>
      {local.enabled && (
        <>
          <Field name='local-area' label='送到哪些地方' hint='比如：县城内、镇上' error={errorAt(errors, 'fulfilment.local.areaNote')}>
            <Input className='text-input local-area' maxlength={100} value={local.areaNote} disabled={readOnly} onInput={(e) => setFulfilment((f) => ({ ...f, local: { ...f.local, areaNote: e.detail.value } }))} />
          </Field>
          <Field name='local-fee' label='配送费（元）' error={errorAt(errors, 'fulfilment.local.feeFen')}>
            <Input className='text-input local-fee' type='digit' value={form.localFee} disabled={readOnly} onInput={(e) => setForm({ localFee: e.detail.value })} />
          </Field>
        </>
      )}

      <View className='switch-row fulfilment-pickup'>
        <Text>{ORDER_NAMES.fulfilment.pickup}</Text>
        <Switch color='#2f7d4a' checked={pickup.enabled} disabled={readOnly} onChange={(e) => setFulfilment((f) => ({ ...f, pickup: { ...f.pickup, enabled: e.detail.value } }))} />
      </View>
      {pickup.enabled && (
        <Field name='pickup-points' label='自提点' error={errorAt(errors, 'fulfilment.pickup.points')}>
          {pickup.points.map((point, index) => {
            const setPoint = (change: Partial<typeof point>) =>
              setFulfilment((f) => ({ ...f, pickup: { ...f.pickup, points: f.pickup.points.map((p, i) => (i === index ? { ...p, ...change } : p)) } }));
            return (
              <View key={point.id} className='pickup-point'>
                <Input className='text-input pickup-name' maxlength={30} placeholder='名称，比如：镇上超市' value={point.name} disabled={readOnly} onInput={(e) => setPoint({ name: e.detail.value })} />
                {errorAt(errors, `fulfilment.pickup.points.${index}.name`) && <Text className='field-error'>{errorAt(errors, `fulfilment.pickup.points.${index}.name`)}</Text>}
                <Input className='text-input pickup-address' maxlength={100} placeholder='地址' value={point.address} disabled={readOnly} onInput={(e) => setPoint({ address: e.detail.value })} />
                {errorAt(errors, `fulfilment.pickup.points.${index}.address`) && <Text className='field-error'>{errorAt(errors, `fulfilment.pickup.points.${index}.address`)}</Text>}
                <Input className='text-input pickup-hours' maxlength={50} placeholder='时间，比如：每天 8点到18点' value={point.hours} disabled={readOnly} onInput={(e) => setPoint({ hours: e.detail.value })} />
                <Input className='text-input pickup-contact' maxlength={40} placeholder='联系人和电话，比如：老张 13800138000' value={point.contactLine ?? ''} disabled={readOnly} onInput={(e) => setPoint({ contactLine: e.detail.value })} />
                {errorAt(errors, `fulfilment.pickup.points.${index}.contactLine`) && <Text className='field-error'>{errorAt(errors, `fulfilment.pickup.points.${index}.contactLine`)}</Text>}
                <View className='switch-row pickup-open'>
                  <Text>{point.enabled === false ? '已关闭，买家下单时看不到' : '开放中，买家下单时可以选'}</Text>
                  <Switch color='#2f7d4a' checked={point.enabled !== false} disabled={readOnly} onChange={(e) => setPoint({ enabled: e.detail.value })} />
                </View>
                {!readOnly && (
                  <Button className='small-button is-danger remove-pickup' onClick={() => setFulfilment((f) => ({ ...f, pickup: { ...f.pickup, points: f.pickup.points.filter((_, i) => i !== index) } }))}>
                    删除这个自提点
                  </Button>
                )}
              </View>
            );
          })}
          {!readOnly && pickup.points.length < 20 && (
            <Button
              className='secondary-button add-pickup'
              onClick={() =>
                setFulfilment((f) => ({
                  ...f,
                  pickup: { ...f.pickup, points: [...f.pickup.points, { id: `p${Date.now().toString(36)}`, name: '', address: '', hours: '', contactLine: '', enabled: true }] },
                }))
              }
            >
              + 加一个自提点
            </Button>
          )}
        </Field>
      )}
    </View>
  );
}
