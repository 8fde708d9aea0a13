import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { chooseWechatAddress, HAS_WECHAT_ADDRESS_BOOK } from '../../../api/address';
import { call, newRequestId } from '../../../api/call';
import { readCart, removeFromCart, writeCart, type CartItem, type CartSource } from '../../../api/cart';
import { askForOrderNotices } from '../../../api/subscribe';
import { Field } from '../../../components/field';
import { addressLine, feeLabelOf, OrderAmounts, OrderLines } from '../../../components/order';
import { EmptyState, ErrorState, LoadingState } from '../../../components/status';
import {
  ordersContract,
  type Address,
  type CheckoutOptions,
  type FulfilmentChoice,
  type FulfilmentInput,
  type FulfilmentKind,
  type OutputOf,
  type PaymentMode,
  type SavedAddress,
} from '@core/contracts';
import type { ErrorBody } from '@core/errors';
import { formatFen } from '@core/money';
import { lineLabel, ORDER_NAMES } from '@core/order-names';
import { fieldErrors, type FieldErrors } from '../../../utils/field-errors';
import { buyerUrls } from '../urls';
import { AddressForm } from './address-form';
import '../buyer.css';
import './index.css';

type Quote = OutputOf<typeof ordersContract, 'quote'>;
type Load = { status: 'loading' } | { status: 'failed'; error: ErrorBody } | { status: 'done'; options: CheckoutOptions; addresses: SavedAddress[] };

const PAYMENT_NAMES: Record<PaymentMode, { title: string; sub: string }> = {
  wechat: { title: ORDER_NAMES.payment.wechat, sub: '下单后马上付' },
  offline: { title: ORDER_NAMES.payment.offline, sub: '用微信扫店主的收款码，店主收到后确认' },
};

function offeredKinds(options: CheckoutOptions): FulfilmentKind[] {
  return (['express', 'local', 'pickup'] as const).filter((kind) => options[kind] !== null);
}

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
  const [shopId, setShopId] = useState('');
  const [from, setFrom] = useState<CartSource>('cart');
  const [source, setSource] = useState<{ ref: string | null; scene: number | null }>({ ref: null, scene: null });
  const [items, setItems] = useState<CartItem[]>([]);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [kind, setKind] = useState<FulfilmentKind | null>(null);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [addingAddress, setAddingAddress] = useState(false);
  const [addressErrors, setAddressErrors] = useState<FieldErrors>({});
  const [pointId, setPointId] = useState<string | null>(null);
  const [contact, setContact] = useState({ name: '', phone: '' });
  const [note, setNote] = useState('');
  const [payment, setPayment] = useState<PaymentMode | null>(null);
  const [quote, setQuote] = useState<Quote | null>(null);
  // Bumped to price the cart again when the server says the price changed.
  const [quoteRun, setQuoteRun] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // One id for this visit's order: resending after a lost reply gets the order already placed.
  const requestId = useRef(newRequestId());

  const fetchAll = (id: string) => {
    setLoad({ status: 'loading' });
    void Promise.all([call(ordersContract, 'checkoutOptions', { shopId: id }), call(ordersContract, 'listAddresses', {})]).then(([options, book]) => {
      if (!options.ok) return setLoad({ status: 'failed', error: options.error });
      // A visitor without a login has no address book yet; the form is still there.
      const addresses = book.ok ? book.data.addresses : [];
      setLoad({ status: 'done', options: options.data.options, addresses });
      const kinds = offeredKinds(options.data.options);
      setKind((current) => current ?? kinds[0] ?? null);
      setPayment((current) => current ?? options.data.options.payment[0] ?? null);
      setPointId((current) => current ?? options.data.options.pickup?.points[0]?.id ?? null);
      const preferred = addresses.find((address) => address.isDefault) ?? addresses[0];
      if (preferred) {
        setAddressId((current) => current ?? preferred.id);
        setContact((current) => (current.name ? current : { name: preferred.name, phone: preferred.phone }));
      }
    });
  };

  useLoad((params: Record<string, string | undefined>) => {
    const id = decodeURIComponent(params.shopId ?? '');
    const cartSource: CartSource = params.from === 'buynow' ? 'buynow' : 'cart';
    setShopId(id);
    setFrom(cartSource);
    setItems(readCart(id, cartSource));
    const scene = Number(params.scene);
    setSource({ ref: params.ref ? decodeURIComponent(params.ref).slice(0, 32) : null, scene: Number.isInteger(scene) && scene >= 1000 && scene <= 9999 ? scene : null });
    fetchAll(id);
  });

  const addresses = load.status === 'done' ? load.addresses : [];
  const address = addresses.find((candidate) => candidate.id === addressId) ?? null;
  const province = kind === 'express' ? (address?.province ?? null) : null;
  const lines = items.map(({ productId, skuId, quantity }) => ({ productId, skuId, quantity }));
  const linesKey = JSON.stringify(lines);

  // The server prices the cart again whenever anything that changes the price changes.
  useEffect(() => {
    if (!shopId || !kind || lines.length === 0) return;
    if (kind === 'pickup' && !pointId) return;
    const choice: FulfilmentChoice = kind === 'express' ? { kind, province } : kind === 'local' ? { kind } : { kind, pointId: pointId ?? '' };
    let alive = true;
    void call(ordersContract, 'quote', { shopId, lines, fulfilment: choice, ...(payment ? { payment } : {}) }).then((reply) => {
      if (!alive) return;
      if (reply.ok) setQuote(reply.data);
      else setMessage(reply.error.message);
    });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shopId, kind, province, pointId, payment, linesKey, quoteRun]);

  if (load.status === 'failed') return <ErrorState error={load.error} onRetry={() => fetchAll(shopId)} />;
  if (load.status === 'loading') return <LoadingState />;
  if (items.length === 0) return <EmptyState text='没有要买的东西，回店里挑一挑吧' />;

  const { options } = load;
  const kinds = offeredKinds(options);
  const problems = quote?.problems ?? [];
  const lineProblems = (item: CartItem) => problems.filter((problem) => problem.productId === item.productId && (!problem.skuId || problem.skuId === item.skuId));
  const otherProblems = problems.filter((problem) => !problem.productId);
  const priced = quote?.quote ?? null;

  const saveAddress = async (typed: Address) => {
    setBusy(true);
    const reply = await call(ordersContract, 'saveAddress', { ...typed, isDefault: addresses.length === 0 });
    setBusy(false);
    if (!reply.ok) {
      setAddressErrors(fieldErrors(reply.error));
      if (!reply.error.fields?.length) setMessage(reply.error.message);
      return;
    }
    setAddressErrors({});
    setAddingAddress(false);
    const saved = reply.data.address;
    setLoad({ status: 'done', options, addresses: [saved, ...addresses.filter((other) => other.id !== saved.id)] });
    setAddressId(saved.id);
    if (!contact.name) setContact({ name: saved.name, phone: saved.phone });
  };

  const newAddress = async () => {
    if (!HAS_WECHAT_ADDRESS_BOOK) return setAddingAddress(true);
    const picked = await chooseWechatAddress();
    if (picked) await saveAddress(picked);
  };

  const fulfilmentInput = (): FulfilmentInput | string => {
    if (kind === 'pickup') {
      if (!pointId) return '请选一个自提点';
      if (!contact.name.trim() || !/^1\d{10}$/.test(contact.phone.trim())) return '请填写取货人的姓名和 11 位手机号';
      return { kind, pointId, contact: { name: contact.name.trim(), phone: contact.phone.trim() } };
    }
    if (!kind) return '请选一种收货方式';
    if (!address) return '请先填写收货地址';
    const { id: _id, isDefault: _isDefault, ...plain } = address;
    return { kind, address: plain };
  };

  const submit = async () => {
    if (busy) return;
    setMessage(null);
    const fulfilment = fulfilmentInput();
    if (typeof fulfilment === 'string') return setMessage(fulfilment);
    if (!payment) return setMessage('请选一种付款方式');
    if (!priced) return setMessage(problems[0]?.message ?? '正在算价钱，请稍等');
    setBusy(true);
    await askForOrderNotices();
    const reply = await call(
      ordersContract,
      'place',
      { shopId, lines, fulfilment, payment, buyerNote: note.trim(), source, expectedTotalFen: priced.totalFen },
      { requestId: requestId.current },
    );
    setBusy(false);
    if (!reply.ok) {
      if (reply.error.code === 'PRICE_CHANGED') {
        // Nothing was placed: show the new total and let the buyer confirm it.
        setQuote(null);
        setQuoteRun(quoteRun + 1);
      }
      return setMessage(reply.error.code === 'TIMEOUT' || reply.error.code === 'INTERNAL' ? '网络不太好，订单可能没提交上，请再点一次“提交订单”（不会重复下单）' : reply.error.message);
    }
    if (from === 'cart') removeFromCart(shopId, items);
    else writeCart(shopId, [], 'buynow');
    const { order } = reply.data;
    void Taro.redirectTo({ url: buyerUrls.order(order.id, order.payment.mode === 'wechat') });
  };

  return (
    <View className='buyer-page checkout-page'>
      <View className='buyer-card checkout-fulfilment'>
        <Text className='buyer-card-title'>怎么收货</Text>
        {kinds.length === 0 && <Text className='buyer-problem'>这家店还没设置收货方式，请联系店主</Text>}
        <View className='option-list'>
          {kinds.map((candidate) => (
            <View key={candidate} className={`option kind-${candidate} ${candidate === kind ? 'is-selected' : ''}`} onClick={() => setKind(candidate)}>
              <Text className='option-title'>{ORDER_NAMES.fulfilment[candidate]}</Text>
              <Text className='option-sub'>{kindNote(candidate, options)}</Text>
            </View>
          ))}
        </View>
      </View>

      {(kind === 'express' || kind === 'local') && (
        <View className='buyer-card checkout-address'>
          <Text className='buyer-card-title'>收货地址</Text>
          <View className='option-list'>
            {addresses.map((candidate) => (
              <View key={candidate.id} className={`option saved-address ${candidate.id === addressId ? 'is-selected' : ''}`} onClick={() => setAddressId(candidate.id)}>
                <Text className='option-title'>
                  {candidate.name} {candidate.phone}
                  {candidate.isDefault ? '（默认）' : ''}
                </Text>
                <Text className='option-sub'>{addressLine(candidate)}</Text>
              </View>
            ))}
          </View>
          {addingAddress ? (
            <AddressForm busy={busy} errors={addressErrors} onSave={(typed) => void saveAddress(typed)} onCancel={() => setAddingAddress(false)} />
          ) : (
            <Button className='buyer-button is-secondary new-address' onClick={() => void newAddress()}>
              {HAS_WECHAT_ADDRESS_BOOK ? '从微信选择地址' : '+ 填写新地址'}
            </Button>
          )}
        </View>
      )}

      {kind === 'pickup' && options.pickup && (
        <View className='buyer-card checkout-pickup'>
          <Text className='buyer-card-title'>到哪里取</Text>
          <View className='option-list'>
            {options.pickup.points.map((point) => (
              <View key={point.id} className={`option pickup-point ${point.id === pointId ? 'is-selected' : ''}`} onClick={() => setPointId(point.id)}>
                <Text className='option-title'>{point.name}</Text>
                <Text className='option-sub'>{point.address}</Text>
                {point.hours && <Text className='option-sub'>{point.hours}</Text>}
              </View>
            ))}
          </View>
          <Field name='pickup-name' label='取货人'>
            <Input className='text-input pickup-contact-name' maxlength={20} value={contact.name} onInput={(event) => setContact({ ...contact, name: event.detail.value })} />
          </Field>
          <Field name='pickup-phone' label='手机号'>
            <Input className='text-input pickup-contact-phone' type='number' maxlength={11} value={contact.phone} onInput={(event) => setContact({ ...contact, phone: event.detail.value })} />
          </Field>
        </View>
      )}

      <View className='buyer-card checkout-goods'>
        <Text className='buyer-card-title'>买的东西</Text>
        {priced ? (
          <OrderLines lines={priced.lines} />
        ) : (
          items.map((item) => (
            <View key={`${item.productId}-${item.skuId}`} className='checkout-item'>
              <Text className='order-line-name'>
                {lineLabel(item)}
              </Text>
              <Text className='order-line-spec'>
                {item.quantity}
                {item.unit}
              </Text>
              {lineProblems(item).map((problem) => (
                <Text key={problem.code} className='buyer-problem line-problem'>
                  {problem.message}
                </Text>
              ))}
            </View>
          ))
        )}
        {priced && <OrderAmounts goodsFen={priced.goodsFen} feeFen={priced.feeFen} totalFen={priced.totalFen} feeLabel={kind ? feeLabelOf(kind) : null} />}
      </View>

      <View className='buyer-card checkout-note'>
        <Text className='buyer-card-title'>给店主留言</Text>
        <Textarea className='text-area buyer-note-input' maxlength={200} placeholder='比如：腊肉要肥一点（可以不填）' value={note} onInput={(event) => setNote(event.detail.value)} />
      </View>

      <View className='buyer-card checkout-payment'>
        <Text className='buyer-card-title'>怎么付钱</Text>
        {options.payment.length === 0 && <Text className='buyer-problem'>这家店还没设置收款方式，请联系店主</Text>}
        <View className='option-list'>
          {options.payment.map((mode) => (
            <View key={mode} className={`option payment-${mode} ${mode === payment ? 'is-selected' : ''}`} onClick={() => setPayment(mode)}>
              <Text className='option-title'>{PAYMENT_NAMES[mode].title}</Text>
              <Text className='option-sub'>{PAYMENT_NAMES[mode].sub}</Text>
            </View>
          ))}
        </View>
      </View>

      {otherProblems.map((problem) => (
        <Text key={problem.code} className='buyer-message checkout-problem'>
          {problem.message}
        </Text>
      ))}
      {message && <Text className='buyer-message checkout-message'>{message}</Text>}

      <View className='buyer-bar'>
        <View className='buyer-bar-total'>
          <Text>合计 </Text>
          <Text className='buyer-bar-amount checkout-total'>{priced ? formatFen(priced.totalFen) : '—'}</Text>
        </View>
        <Button className={`buyer-button place-order ${busy || !priced ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在提交…' : '提交订单'}
        </Button>
      </View>
    </View>
  );
}
