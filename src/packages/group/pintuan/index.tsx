import { Button, Canvas, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../../api/call';
import { writeCart } from '../../../api/cart';
import { displayUrl } from '../../../api/upload';
import { useRemote } from '../../../utils/use-remote';
import { PrivacySheet } from '../../../components/privacy-sheet';
import { SinglePageHint } from '../../../components/single-page-hint';
import { RemoteStatus } from '../../../components/status';
import { groupBuyContract, shareContract, shopContract, type GroupPublic, type OutputOf, type ShareTarget } from '@core/contracts';
import { ERROR_MESSAGES } from '@core/errors';
import { formatLi } from '@core/money';
import { routes } from '@core/routes';
import { clockText } from '../../../utils/clock-text';
import { readEntry, type Entry } from '../../../utils/entry';
import { useRoute } from '../../../utils/use-route';
import { useShareCard } from '../../../utils/use-share-card';
import { recordVisit } from '../../../utils/visit';
import { GroupMembers } from './members';
import { drawCard, PosterMaker } from '../../../components/poster-maker';
import '../../../components/page.css';
import './index.css';

type Loaded = OutputOf<typeof groupBuyContract, 'getGroup'>;
const NO_GROUP = { ok: false, error: { code: 'GROUP_NOT_FOUND', message: ERROR_MESSAGES.GROUP_NOT_FOUND } } as const;

/** "还差 1 人", "拼团成功", "拼团失败，钱已原路退回". */
function stateLine(group: GroupPublic): string {
  if (group.state === 'succeeded') return '拼团成功';
  if (group.state === 'failed') return '拼团失败，付了钱的都已原路退回';
  return `还差 ${group.missing} 人`;
}

/**
 * One 拼团 as a buyer sees it (from a share card, a member's order or the product page): the
 * product and its price, the members' avatars and masked names, 还差 k 人 with a countdown, and
 * 参团 — or, for a member, 邀请 with the share card and a poster; a failed group says the money
 * went back by itself.
 */
export default function GroupPage() {
  const route = useRoute('groupBuy');
  const { state, load, retry, reload } = useRemote<Loaded>();
  const [entry, setEntry] = useState<Entry | null>(null);
  const [now, setNow] = useState(Date.now());
  const [skuId, setSkuId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [cardImage, setCardImage] = useState<string | null>(null);
  const shown = useRef(false);

  useLoad(() => {
    const opened = readEntry(route);
    setEntry(opened);
    void load(async () => {
      // A poster's code names the group by a share code in its scene.
      const resolved = !route.groupId && opened.posterCode ? await call(shareContract, 'resolve', { code: opened.posterCode }) : null;
      const groupId = route.groupId ?? (resolved?.ok && resolved.data.target.kind === 'group' ? resolved.data.target.groupId : undefined);
      if (!groupId) return NO_GROUP;
      const reply = await call(groupBuyContract, 'getGroup', { groupId });
      if (reply.ok) recordVisit(reply.data.shop.id, { kind: 'group', groupId }, opened);
      return reply;
    });
  });

  // Back from checkout or an order: the group as it is now.
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true;
      return;
    }
    void reload();
  });

  const data = state.status === 'done' ? state.data : null;
  const group = data?.group ?? null;
  const open = group?.state === 'open';
  const deadlineAt = group?.deadlineAt ?? 0;

  // The countdown ticks every second; when the deadline passes the page asks the server again.
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= deadlineAt + 2000) void reload();
    }, 1000);
    return () => clearInterval(timer);
  }, [open, deadlineAt, reload]);

  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: data.product.name });
  }, [data]);

  // The share card's 5:4 picture: photo, "2人拼 ¥19.90/斤", 还差 k 人.
  const priceText = data && group ? `${formatLi(group.lowestPriceLi)}/${data.product.unit}` : '';
  const label = group ? `${group.size}人拼` : '';
  const cardKey = group ? `${group.id}:${group.missing}:${group.state}` : '';
  useEffect(() => {
    if (!data || !group) return;
    let alive = true;
    drawCard('pintuan', { photo: data.product.image, label, price: priceText, counters: stateLine(group) }).then(
      (image) => alive && setCardImage(image),
      () => undefined,
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cardKey]);

  const singlePage = entry?.singlePage ?? false;
  const groupId = group?.id ?? route.groupId;
  // Cards and poster codes open this group's page, and their visits count for it.
  const target: ShareTarget = { kind: 'group', groupId: groupId ?? '' };
  useShareCard({
    shopId: data?.shop.id ?? null,
    target,
    title: data?.shareTitle ?? '拼团',
    plainPath: routes.groupBuy({ groupId }),
    pathWithRef: (ref) => routes.groupBuy({ groupId, ref }),
    imageUrl: cardImage ?? (data ? displayUrl(data.product.image) || undefined : undefined),
    singlePage,
  });

  if (state.status !== 'done' || !data || !group) return <RemoteStatus state={state} onRetry={retry} />;

  const { shop, product, mine, canJoin } = data;
  const sku = group.skus.find((candidate) => candidate.skuId === skuId) ?? group.skus[0];
  const member = mine?.seat === 'paid';

  // 参团: checkout of the chosen spec at the group's price (its smallest quantity), in this group.
  const join = async () => {
    if (busy || !sku || !canJoin.ok) return;
    setBusy(true);
    setMessage(null);
    const reply = await call(shopContract, 'getProduct', { productId: product.id });
    setBusy(false);
    const found = reply.ok ? reply.data.product.skus.find((candidate) => candidate.id === sku.skuId) : undefined;
    if (!found) return setMessage(reply.ok ? '这个规格已经下架了' : reply.error.message);
    writeCart(shop.id, [{ productId: product.id, skuId: found.id, quantity: found.minQty, name: product.name, spec: found.spec, unit: product.unit, image: product.image, minQty: found.minQty, stepQty: found.stepQty }], 'buynow');
    void Taro.navigateTo({ url: routes.checkout({ shopId: shop.id, from: 'buynow', groupOfferId: group.offerId, groupId: group.id, ref: entry?.ref, scene: entry?.scene }) });
  };

  return (
    <View className={`app-page pintuan-page is-${group.state} ${singlePage ? 'is-single-page' : ''}`}>
      {singlePage && <SinglePageHint />}
      <View className='card pintuan-product' onClick={singlePage ? undefined : () => void Taro.navigateTo({ url: routes.product({ productId: product.id }) })}>
        {product.image ? <Image className='pintuan-photo' src={displayUrl(product.image)} mode='aspectFill' /> : <View className='pintuan-photo' />}
        <View className='pintuan-product-body'>
          <Text className='pintuan-product-name'>{product.name}</Text>
          <Text className='pintuan-price'>
            {label} {formatLi(sku?.priceLi ?? group.lowestPriceLi)}/{product.unit}
          </Text>
          {sku && <Text className='note pintuan-base-price'>单独购买 {formatLi(sku.basePriceLi)}</Text>}
        </View>
      </View>

      <View className={`card pintuan-state pintuan-state-${group.state}`}>
        <Text className='pintuan-missing'>{stateLine(group)}</Text>
        {open && group.deadlineAt !== null && <Text className='pintuan-countdown'>{clockText(group.deadlineAt - now)} 后结束</Text>}
        <GroupMembers members={group.members} size={group.size} />
        {mine && (
          <Text className='note pintuan-mine' onClick={() => void Taro.navigateTo({ url: routes.order({ orderId: mine.orderId, pay: mine.seat === 'held' }) })}>
            {mine.seat === 'held' ? '你占了一个位置，还没付款：去付款 ›' : mine.seat === 'paid' ? '你已在团里，看我的订单 ›' : '你已退出这个团 ›'}
          </Text>
        )}
      </View>

      {open && canJoin.ok && !member && group.skus.length > 1 && (
        <View className='card pintuan-skus'>
          <Text className='card-title'>选规格</Text>
          <View className='choice-row'>
            {group.skus.map((candidate) => (
              <View key={candidate.skuId} className={`choice pintuan-sku ${candidate.skuId === sku?.skuId ? 'is-selected' : ''}`} onClick={() => setSkuId(candidate.skuId)}>
                {candidate.spec} {formatLi(candidate.priceLi)}
              </View>
            ))}
          </View>
        </View>
      )}

      {member && open && !singlePage && (
        <View className='card pintuan-share'>
          <Text className='card-title'>叫上朋友一起拼</Text>
          <Text className='note'>人数凑齐才发货；没凑齐，钱自动原路退回</Text>
          {process.env.TARO_ENV === 'weapp' && (
            <Button className='primary-button pintuan-share-card' openType='share'>
              发给微信好友或群
            </Button>
          )}
          <PosterMaker
            kind='pintuan'
            shopId={data.shop.id}
            target={target}
            spec={(codePng) => ({
              photo: data.product.image,
              title: data.product.name,
              price: `${label} ${priceText}`,
              lines: [{ text: stateLine(group), strong: true }, { text: group.deadlineAt ? `${clockText(group.deadlineAt - Date.now())} 后结束` : '' }, { text: data.shop.name }],
              hint: '长按识别小程序码 参团',
              codePng,
            })}
          />
        </View>
      )}

      {message && <Text className='form-error pintuan-message'>{message}</Text>}
      {!singlePage && !member && (
        <View className='bottom-bar pintuan-bar'>
          {canJoin.ok ? (
            <Button className={`primary-button pintuan-join ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void join()}>
              参团 {formatLi(sku?.priceLi ?? group.lowestPriceLi)}
            </Button>
          ) : (
            <>
              {canJoin.reason && <Text className='note pintuan-cannot'>{canJoin.reason}</Text>}
              <Button className='secondary-button pintuan-new' onClick={() => void Taro.navigateTo({ url: routes.product({ productId: product.id }) })}>
                自己发起一个团
              </Button>
            </>
          )}
        </View>
      )}
      {/* The mini-program draws the card picture and the poster here, out of sight. */}
      <Canvas type='2d' id='pintuan-canvas' className='pintuan-canvas' />
      {/* Saving the poster asks for the privacy agreement here. */}
      <PrivacySheet />
    </View>
  );
}
