import { Button } from '@tarojs/components';
import { HAS_WECHAT_ADDRESS_BOOK } from '../../../api/address';
import { addressLine } from '../../../components/order';
import { AddressForm } from './address-form';
import { OptionsCard } from './options-card';
import type { Checkout } from './use-checkout';

/** 收货地址 for delivery: the buyer's saved addresses, and a new one from WeChat or typed in. */
export function AddressSection({ checkout }: { checkout: Checkout }) {
  const { addresses, addressId, choose, addingAddress, setAddingAddress, addressErrors, busy, saveAddress, newAddress } = checkout;
  return (
    <OptionsCard
      className='checkout-address'
      title='收货地址'
      options={addresses.map((address) => ({
        key: address.id,
        className: 'saved-address',
        title: `${address.name} ${address.phone}${address.isDefault ? '（默认）' : ''}`,
        lines: [addressLine(address)],
      }))}
      selected={addressId}
      onSelect={(id) => choose({ addressId: id })}
    >
      {addingAddress ? (
        <AddressForm busy={busy} errors={addressErrors} onSave={(typed) => void saveAddress(typed)} onCancel={() => setAddingAddress(false)} />
      ) : (
        <Button className='secondary-button new-address' onClick={() => void newAddress()}>
          {HAS_WECHAT_ADDRESS_BOOK ? '从微信选择地址' : '+ 填写新地址'}
        </Button>
      )}
    </OptionsCard>
  );
}
