import { Input } from '@tarojs/components';
import type { CheckoutOptions } from '@core/contracts';
import { Field } from '../../../components/field';
import { OptionsCard } from './options-card';
import type { Checkout } from './use-checkout';

/** 到哪里取: the shop's pickup points, and who comes to pick up. */
export function PickupSection({ points, checkout }: { points: NonNullable<CheckoutOptions['pickup']>['points']; checkout: Checkout }) {
  const { pointId, choose, contact, setContact } = checkout;
  return (
    <OptionsCard
      className='checkout-pickup'
      title='到哪里取'
      options={points.map((point) => ({ key: point.id, className: 'pickup-point', title: point.name, lines: [point.address, point.hours].filter(Boolean) }))}
      selected={pointId}
      onSelect={(id) => choose({ pointId: id })}
    >
      <Field name='pickup-name' label='取货人'>
        <Input className='text-input pickup-contact-name' maxlength={20} value={contact.name} onInput={(event) => setContact({ ...contact, name: event.detail.value })} />
      </Field>
      <Field name='pickup-phone' label='手机号'>
        <Input className='text-input pickup-contact-phone' type='number' maxlength={11} value={contact.phone} onInput={(event) => setContact({ ...contact, phone: event.detail.value })} />
      </Field>
    </OptionsCard>
  );
}
