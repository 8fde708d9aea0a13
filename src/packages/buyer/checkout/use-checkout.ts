// 确认订单's state and calls: what the page loads (the shop's options and the buyer's address
// book), what the buyer chose, the server's price for it, saving an address and placing the order.
import Taro, { useLoad } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { chooseWechatAddress, HAS_WECHAT_ADDRESS_BOOK } from '../../../api/address';
import { call, newRequestId } from '../../../api/call';
import { readCart, removeFromCart, writeCart } from '../../../api/cart';
import { askForGroupNotices, askForOrderNotices, askForPickupNotices } from '../../../api/subscribe';
import { useRemote } from '../../../utils/use-remote';
import { withPrivacy } from '../../../utils/privacy';
import {
  campaignsContract,
  ordersContract,
  PickupContact,
  type Address,
  type CampaignPublic,
  type CheckoutOptions,
  type FulfilmentChoice,
  type FulfilmentInput,
  type FulfilmentKind,
  type OutputOf,
  type PaymentMode,
  type Reply,
  type SavedAddress,
} from '@core/contracts';
import { routes, type RouteParams } from '@core/routes';
import { fieldErrors, type FieldErrors } from '../../../utils/field-errors';
import { displayOf, readGroupName, writeGroupName, type GroupName } from '../../../utils/group-name';

/** `campaign`: the campaign being joined (跟团), when the checkout is one. */
type Loaded = { options: CheckoutOptions; addresses: SavedAddress[]; campaign: CampaignPublic | null };
type Quote = OutputOf<typeof ordersContract, 'quote'>;

/** What the buyer picked; each falls back to the first on offer (the default address) until picked. */
interface Choices {
  kind: FulfilmentKind | null;
  addressId: string | null;
  pointId: string | null;
  payment: PaymentMode | null;
}

const NO_CHOICES: Choices = { kind: null, addressId: null, pointId: null, payment: null };

export function offeredKinds(options: CheckoutOptions): FulfilmentKind[] {
  return (['express', 'local', 'pickup'] as const).filter((kind) => options[kind] !== null);
}

/** A campaign offers a subset of the shop's fulfilment: only those are shown (the server holds to them too). */
function campaignOptions(options: CheckoutOptions, campaign: CampaignPublic): CheckoutOptions {
  const offered = campaign.fulfilment.pickupPoints.map((point) => point.id);
  const points = options.pickup?.points.filter((point) => offered.includes(point.id)) ?? [];
  return {
    ...options,
    express: campaign.fulfilment.express ? options.express : null,
    local: campaign.fulfilment.local ? options.local : null,
    pickup: points.length > 0 ? { points } : null,
  };
}

/** 拼团 takes WeChat Pay only: a failed group's money goes back by itself. */
function groupOptions(options: CheckoutOptions): CheckoutOptions {
  return { ...options, payment: options.payment.filter((mode) => mode === 'wechat') };
}

async function fetchCheckout(shopId: string, campaignId: string | undefined, grouped: boolean): Promise<Reply<Loaded>> {
  const [options, book, joined] = await Promise.all([
    call(ordersContract, 'checkoutOptions', { shopId }),
    call(ordersContract, 'listAddresses', {}),
    campaignId ? call(campaignsContract, 'getCampaign', { campaignId }) : null,
  ]);
  if (!options.ok) return options;
  if (joined && !joined.ok) return joined;
  const campaign = joined?.data.campaign ?? null;
  const shown = campaign ? campaignOptions(options.data.options, campaign) : options.data.options;
  // A visitor without a login has no address book yet; the form is still there.
  return {
    ok: true,
    data: { options: grouped ? groupOptions(shown) : shown, addresses: book.ok ? book.data.addresses : [], campaign },
  };
}

/** How the goods come, as placing an order takes it (checked with the contract), or what is missing. */
function fulfilmentFor(kind: FulfilmentKind | null, pointId: string | null, contact: { name: string; phone: string }, address: SavedAddress | null): FulfilmentInput | string {
  if (kind === 'pickup') {
    if (!pointId) return '请选一个自提点';
    const checked = PickupContact.safeParse(contact);
    return checked.success ? { kind, pointId, contact: checked.data } : '请填写取货人的姓名和 11 位手机号';
  }
  if (!kind) return '请选一种收货方式';
  if (!address) return '请先填写收货地址';
  const { id: _id, isDefault: _isDefault, ...plain } = address;
  return { kind, address: plain };
}

const LOST_REPLY = '网络不太好，订单可能没提交上，请再点一次“提交订单”（不会重复下单）';

/** The checkout of the cart (or 立即购买 line) the route names; the page shows a broken link when it names none. */
export function useCheckout(route: RouteParams<'checkout'> | null) {
  const shopId = route?.shopId ?? '';
  const campaignId = route?.campaignId;
  // Ordering from a live show's page: the server applies the show's live prices (or not) by its clock.
  const liveShowId = route?.liveShowId;
  // 发起拼团 (an offer) or 参团 (an offer's group).
  const group = route?.groupOfferId ? { offerId: route.groupOfferId, ...(route.groupId ? { groupId: route.groupId } : {}) } : null;
  const [items] = useState(() => (route ? readCart(route.shopId, route.from) : []));
  const { state, load, retry, update } = useRemote<Loaded>();
  const [choices, setChoices] = useState<Choices>(NO_CHOICES);
  const [typedContact, setContact] = useState<{ name: string; phone: string } | null>(null);
  const [addingAddress, setAddingAddress] = useState(false);
  const [addressErrors, setAddressErrors] = useState<FieldErrors>({});
  const [note, setNote] = useState('');
  const [quote, setQuote] = useState<Quote | null>(null);
  // Bumped to price the cart again when the server says the price changed.
  const [quoteRun, setQuoteRun] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // The name shown on the campaign's list: asked once, then remembered on the device.
  const [groupName, setGroupName] = useState<GroupName>(readGroupName);
  const [askName] = useState(() => !displayOf(readGroupName()));
  // One id for this visit's order: resending after a lost reply gets the order already placed.
  const requestId = useRef(newRequestId());

  useLoad(() => {
    if (route) void load(() => fetchCheckout(shopId, campaignId, group !== null));
  });

  const choose = (change: Partial<Choices>) => setChoices((current) => ({ ...current, ...change }));
  const options = state.status === 'done' ? state.data.options : null;
  const addresses = state.status === 'done' ? state.data.addresses : [];
  const campaign = state.status === 'done' ? state.data.campaign : null;
  const kind = choices.kind ?? (options && offeredKinds(options)[0]) ?? null;
  const pointId = choices.pointId ?? options?.pickup?.points[0]?.id ?? null;
  const payment = choices.payment ?? options?.payment[0] ?? null;
  const addressId = choices.addressId ?? (addresses.find((candidate) => candidate.isDefault) ?? addresses[0])?.id ?? null;
  const address = addresses.find((candidate) => candidate.id === addressId) ?? null;
  // Who picks up: as typed, else the person of the chosen address.
  const contact = typedContact ?? { name: address?.name ?? '', phone: address?.phone ?? '' };

  const province = kind === 'express' ? (address?.province ?? null) : null;
  const lines = items.map(({ productId, skuId, quantity }) => ({ productId, skuId, quantity }));
  const linesKey = JSON.stringify(lines);

  // The server prices the cart again whenever anything that changes the price changes.
  useEffect(() => {
    if (!shopId || !kind || lines.length === 0) return;
    if (kind === 'pickup' && !pointId) return;
    const choice: FulfilmentChoice = kind === 'express' ? { kind, province } : kind === 'local' ? { kind } : { kind, pointId: pointId ?? '' };
    let alive = true;
    void call(ordersContract, 'quote', { shopId, lines, fulfilment: choice, ...(payment ? { payment } : {}), ...(campaignId ? { campaignId } : {}), ...(group ? { group } : {}), ...(liveShowId ? { liveShowId } : {}) }).then((reply) => {
      if (!alive) return;
      if (reply.ok) setQuote(reply.data);
      else setMessage(reply.error.message);
    });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shopId, kind, province, pointId, payment, linesKey, quoteRun]);

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
    update((data) => ({ ...data, addresses: [saved, ...data.addresses.filter((other) => other.id !== saved.id)] }));
    choose({ addressId: saved.id });
  };

  const newAddress = async () => {
    if (!HAS_WECHAT_ADDRESS_BOOK) return setAddingAddress(true);
    const picked = await withPrivacy('chooseAddress', chooseWechatAddress);
    if (picked) await saveAddress(picked);
  };

  const problems = quote?.problems ?? [];
  const priced = quote?.quote ?? null;

  const submit = async () => {
    if (busy || !route) return;
    setMessage(null);
    const fulfilment = fulfilmentFor(kind, pointId, contact, address);
    if (typeof fulfilment === 'string') return setMessage(fulfilment);
    if (!payment) return setMessage('请选一种付款方式');
    if (!priced) return setMessage(problems[0]?.message ?? '正在算价钱，请稍等');
    setBusy(true);
    await (group ? askForGroupNotices() : kind === 'pickup' ? askForPickupNotices() : askForOrderNotices());
    const source = { ref: route.ref ?? null, scene: route.scene ?? null };
    // Without a chosen name the list (or the group's page) shows the receiver's or pickup contact's, masked.
    const display = campaignId || group ? displayOf(groupName) : null;
    const reply = await call(
      ordersContract,
      'place',
      {
        shopId,
        lines,
        fulfilment,
        payment,
        buyerNote: note.trim(),
        source,
        expectedTotalFen: priced.totalFen,
        ...(campaignId ? { campaignId } : {}),
        ...(group ? { group } : {}),
        ...(liveShowId ? { liveShowId } : {}),
        ...(display ? { display } : {}),
      },
      { requestId: requestId.current },
    );
    setBusy(false);
    if (!reply.ok) {
      if (reply.error.code === 'PRICE_CHANGED') {
        // Nothing was placed: show the new total and let the buyer confirm it.
        setQuote(null);
        setQuoteRun(quoteRun + 1);
      }
      return setMessage(reply.error.code === 'TIMEOUT' || reply.error.code === 'INTERNAL' ? LOST_REPLY : reply.error.message);
    }
    if (display) writeGroupName(groupName);
    if (route.from === 'cart') removeFromCart(shopId, items);
    else writeCart(shopId, [], 'buynow');
    const { order } = reply.data;
    void Taro.redirectTo({ url: routes.order({ orderId: order.id, pay: order.payment.mode === 'wechat' }) });
  };

  return {
    state,
    retry,
    items,
    options,
    addresses,
    kind,
    addressId,
    pointId,
    payment,
    contact,
    note,
    choose,
    setContact,
    setNote,
    addingAddress,
    setAddingAddress,
    addressErrors,
    saveAddress,
    newAddress,
    problems,
    priced,
    busy,
    message,
    submit,
    campaign,
    group,
    groupName,
    setGroupName,
    askName,
  };
}

export type Checkout = ReturnType<typeof useCheckout>;
