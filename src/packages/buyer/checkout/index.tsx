import { Button, Text, View } from '@tarojs/components';
import { PrivacySheet } from '../../../components/privacy-sheet';
import { BrokenLink, EmptyState, RemoteStatus } from '../../../components/status';
import type { CheckoutOptions, FulfilmentKind } from '@core/contracts';
import { formatFen } from '@core/money';
import { ORDER_NAMES } from '@core/order-names';
import { useRoute } from '../../../utils/use-route';
import { AddressSection } from './address-section';
import { CampaignSection } from './campaign-section';
import { GoodsSection } from './goods-section';
import { GroupSection } from './group-section';
import { NoteSection } from './note-section';
import { OptionsCard } from './options-card';
import { PickupSection } from './pickup-section';
import { offeredKinds, useCheckout } from './use-checkout';
import '../../../components/page.css';
import './index.css';

function kindNote(kind: FulfilmentKind, options: CheckoutOptions): string {
  if (kind === 'express' && options.express) {
    const { feeFen, freeAboveFen } = options.express;
    const fee = feeFen === 0 ? '包邮' : `运费 ${formatFen(feeFen)}`;
    return freeAboveFen === null ? fee : `${fee}，满 ${formatFen(freeAboveFen)} 包邮`;
  }
  if (kind === 'local' && options.local) {
    const fee = options.local.feeFen === 0 ? '免配送费' : `配送费 ${formatFen(options.local.feeFen)}`;
    return options.local.areaNote ? `${fee}，${options.local.areaNote}` : fee;
  }
  return '自己到店里取，不要运费';
}

/**
 * 确认订单: how the goods come (and where to), a note, how to pay, and the server's price
 * breakdown; 提交订单 places the order with one request id per visit, so a retry after a lost
 * reply returns the same order instead of a second one.
 */
export default function CheckoutPage() {
  const route = useRoute('checkout');
  const checkout = useCheckout(route);
  const { state, retry, options, items, kind, payment, choose, problems, priced, message, busy, submit } = checkout;

  if (!route) return <BrokenLink />;
  if (!options) return <RemoteStatus state={state} onRetry={retry} />;
  if (items.length === 0) return <EmptyState text='没有要买的东西，回店里挑一挑吧' />;

  return (
    <View className='app-page checkout-page'>
      <CampaignSection checkout={checkout} />
      <GroupSection checkout={checkout} />
      <OptionsCard
        className='checkout-fulfilment'
        title='怎么收货'
        empty='这家店还没设置收货方式，请联系店主'
        options={offeredKinds(options).map((candidate) => ({ key: candidate, className: `kind-${candidate}`, title: ORDER_NAMES.fulfilment[candidate], lines: [kindNote(candidate, options)] }))}
        selected={kind}
        onSelect={(candidate) => choose({ kind: candidate })}
      />
      {(kind === 'express' || kind === 'local') && <AddressSection checkout={checkout} />}
      {kind === 'pickup' && options.pickup && <PickupSection points={options.pickup.points} checkout={checkout} />}
      <GoodsSection checkout={checkout} />
      <NoteSection note={checkout.note} onNote={checkout.setNote} />
      <OptionsCard
        className='checkout-payment'
        title='怎么付钱'
        empty='这家店还没设置收款方式，请联系店主'
        options={options.payment.map((mode) => ({ key: mode, className: `payment-${mode}`, title: ORDER_NAMES.payment[mode], lines: [ORDER_NAMES.paymentHow[mode]] }))}
        selected={payment}
        onSelect={(mode) => choose({ payment: mode })}
      />

      {problems
        .filter((problem) => !problem.productId)
        .map((problem) => (
          <Text key={problem.code} className='form-error checkout-problem'>
            {problem.message}
          </Text>
        ))}
      {message && <Text className='form-error checkout-message'>{message}</Text>}

      <View className='bottom-bar has-total'>
        <View className='bottom-bar-total'>
          <Text>合计 </Text>
          <Text className='bottom-bar-amount checkout-total'>{priced ? formatFen(priced.totalFen) : '—'}</Text>
        </View>
        <Button className={`primary-button place-order ${busy || !priced ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在提交…' : '提交订单'}
        </Button>
      </View>
      <PrivacySheet />
    </View>
  );
}
