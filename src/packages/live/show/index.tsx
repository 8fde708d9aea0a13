import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useLoad } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../../api/call';
import { writeCart } from '../../../api/cart';
import { getLiveInfo, getNoticeInfo, openLive, reserveLive, type ChannelsLive, type ChannelsNotice } from '../../../api/channels';
import { displayUrl } from '../../../api/upload';
import { useRemote } from '../../../utils/use-remote';
import { SinglePageHint } from '../../../components/single-page-hint';
import { EmptyState, RemoteStatus } from '../../../components/status';
import { liveContract, shareContract, type LiveItemView, type LiveShowPublic, type LiveState, type OutputOf, type Reply } from '@core/contracts';
import { ERROR_MESSAGES } from '@core/errors';
import { formatLi } from '@core/money';
import { routes, type RouteParams } from '@core/routes';
import { readEntry, type Entry } from '../../../utils/entry';
import { useRoute } from '../../../utils/use-route';
import { useShareCard } from '../../../utils/use-share-card';
import { recordVisit } from '../../../utils/visit';
import { applyPulse, pulseNeedsReload } from './follow';
import { ItemRow, PinnedCard } from './items';
import { liveOf, liveTarget } from './share-target';
import { startText } from './start-text';
import '../../../components/page.css';
import './index.css';

type Loaded = OutputOf<typeof liveContract, 'liveShow'>;

const NO_SHOW = { ok: false, error: { code: 'LIVE_SHOW_NOT_FOUND', message: ERROR_MESSAGES.LIVE_SHOW_NOT_FOUND } } as const;

/**
 * The issue asks the page to follow the streamer's pin within 2 s. Chosen: polling `live.pulse`
 * every second while the page is shown, one small read of one document (the pin, the version and
 * the counters), rather than a database `watch` (not available on H5, and a socket per viewer).
 * A pin is seen after at most one interval plus one round trip; the show is loaded again only
 * when the pulse's version moves.
 */
const PULSE_MS = 1000;

const STATE_NAMES: Record<LiveState, string> = { scheduled: '预告', live: '直播中', ended: '已结束', cancelled: '已取消' };

/** The show a link names: `showId`, or a poster code's share code resolved to one (and maybe an item). */
async function showFrom(route: RouteParams<'live'>, entry: Entry): Promise<{ showId: string; itemId?: string } | null> {
  if (route.showId) return { showId: route.showId, ...(route.itemId ? { itemId: route.itemId } : {}) };
  if (!entry.posterCode) return null;
  const reply = await call(shareContract, 'resolve', { code: entry.posterCode });
  return reply.ok ? liveOf(reply.data.target) : null;
}

/** The card on top: the pinned item while the show is live; else the item the link named. */
function topItem(show: LiveShowPublic, linkedItemId: string | null): { item: LiveItemView; pinned: boolean } | null {
  const pinned = show.pinnedItemId ? show.items.find((item) => item.id === show.pinnedItemId) : undefined;
  if (pinned) return { item: pinned, pinned: true };
  const linked = linkedItemId ? show.items.find((item) => item.id === linkedItemId) : undefined;
  return linked ? { item: linked, pinned: false } : null;
}

/** The group card's title: "正在直播：长白山林下参，直播价¥98.00", or the show and its start. */
function cardTitle(show: LiveShowPublic, top: LiveItemView | null, now: number): string {
  if (show.state === 'live') {
    if (top?.livePriceOn) return `正在直播：${top.name}，直播价${formatLi(top.livePriceLi)}`;
    return `正在直播：${show.title}`;
  }
  if (show.state === 'scheduled') return `${startText(show.startAt, now)}：${show.title}`;
  return show.title;
}

/**
 * 直播 for buyers: the show's title and state; 进入直播间 when the shop's Channels account is live;
 * before the show its start and 预约直播; the item being talked about on top as a large card at
 * the live price, followed as the streamer pins; the show's other items below. 立即抢购 goes to
 * checkout with the show, where the server decides the price.
 */
export default function LivePage() {
  const route = useRoute('live');
  const { state, load, retry, update } = useRemote<Loaded>();
  const [entry, setEntry] = useState<Entry | null>(null);
  const [linkedItemId, setLinkedItemId] = useState<string | null>(route.itemId ?? null);
  const [channelsLive, setChannelsLive] = useState<ChannelsLive | null>(null);
  const [notice, setNotice] = useState<ChannelsNotice | null>(null);
  const [reserved, setReserved] = useState(false);
  const [shownAt, setShownAt] = useState(0);
  // What the pulse compares with: the show's id, the version it was loaded at, the show as loaded.
  const showId = useRef<string | null>(null);
  const loadedVersion = useRef<number | null>(null);
  const latest = useRef<LiveShowPublic | null>(null);
  const polling = useRef<ReturnType<typeof setInterval> | null>(null);
  const pulsing = useRef(false);

  const fetchShow = (id: string): Promise<Reply<Loaded>> => call(liveContract, 'liveShow', { showId: id });

  useLoad(() => {
    const opened = readEntry(route);
    setEntry(opened);
    void load(async () => {
      const named = await showFrom(route, opened);
      if (!named) return NO_SHOW;
      showId.current = named.showId;
      if (named.itemId) setLinkedItemId(named.itemId);
      const reply = await fetchShow(named.showId);
      if (reply.ok) recordVisit(reply.data.shop.id, liveTarget(named.showId, named.itemId), opened);
      return reply;
    });
  });

  const data = state.status === 'done' ? state.data : null;
  const show = data?.show ?? null;
  latest.current = show;

  // One pulse: reload the show when its version (pin, price switch, 开播, 下播) moved, else take its counters.
  const pulse = async () => {
    const id = showId.current;
    const loaded = latest.current;
    if (!id || !loaded || pulsing.current || loaded.state === 'ended' || loaded.state === 'cancelled') return;
    pulsing.current = true;
    try {
      const reply = await call(liveContract, 'pulse', { showId: id });
      if (!reply.ok || showId.current !== id) return;
      const { pulse: now } = reply.data;
      if (pulseNeedsReload(latest.current ?? loaded, loadedVersion.current, now)) {
        // The show read after this pulse is at least at its version.
        loadedVersion.current = now.version;
        await load(() => fetchShow(id), { quiet: true });
      } else {
        loadedVersion.current = now.version;
        update((current) => ({ ...current, show: applyPulse(current.show, now) }));
      }
    } finally {
      pulsing.current = false;
    }
  };
  // The interval keeps the first render's function: it calls the newest one through this ref.
  const pulseRef = useRef(pulse);
  pulseRef.current = pulse;

  const stopPolling = () => {
    if (polling.current !== null) clearInterval(polling.current);
    polling.current = null;
  };
  useDidShow(() => {
    setShownAt(Date.now());
    if (polling.current === null) polling.current = setInterval(() => void pulseRef.current(), PULSE_MS);
  });
  useDidHide(stopPolling);
  useEffect(() => stopPolling, []);

  // Is the shop's Channels account live now, and is there a broadcast to book? Asked again when the
  // page is shown again and when the show starts or ends.
  const finderUserName = show?.finderUserName ?? '';
  const showState = show?.state ?? null;
  useEffect(() => {
    if (!finderUserName || !showState) return;
    let alive = true;
    void getLiveInfo(finderUserName).then((info) => alive && setChannelsLive(info), () => undefined);
    if (showState === 'scheduled') void getNoticeInfo(finderUserName).then((info) => alive && setNotice(info), () => undefined);
    return () => {
      alive = false;
    };
  }, [finderUserName, showState, shownAt]);

  const title = show?.title ?? null;
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title });
  }, [title]);

  const singlePage = entry?.singlePage ?? false;
  const top = show ? topItem(show, linkedItemId) : null;
  const shareItemId = top?.item.id;
  useShareCard({
    shopId: data?.shop.id ?? null,
    target: liveTarget(show?.id ?? showId.current ?? '', shareItemId),
    title: show ? cardTitle(show, top?.item ?? null, Date.now()) : '直播',
    plainPath: routes.live({ showId: show?.id, itemId: shareItemId }),
    imageUrl: top?.item.image ? displayUrl(top.item.image) || undefined : undefined,
    singlePage,
  });

  if (state.status !== 'done' || !data || !show) return <RemoteStatus state={state} onRetry={retry} />;

  const { shop } = data;
  const buy = (item: LiveItemView) => {
    writeCart(shop.id, [{ productId: item.productId, skuId: item.skuId, quantity: 1, name: item.name, spec: item.spec, unit: item.unit, image: item.image, minQty: 1, stepQty: 1 }], 'buynow');
    void Taro.navigateTo({ url: routes.checkout({ shopId: shop.id, from: 'buynow', liveShowId: show.id, ref: entry?.ref, scene: entry?.scene }) });
  };
  const onBuy = singlePage ? null : buy;

  const enterLive = async () => {
    if (!channelsLive) return;
    const opened = await openLive({ finderUserName: show.finderUserName, feedId: channelsLive.feedId, nonceId: channelsLive.nonceId });
    if (!opened) void Taro.showToast({ title: '没能打开直播间，请稍后再试', icon: 'none' });
  };
  const reserve = async () => {
    if (!notice || reserved) return;
    const done = await reserveLive(notice.noticeId);
    if (done) setReserved(true);
    else void Taro.showToast({ title: '没能预约上，请稍后再试', icon: 'none' });
  };

  const rest = show.items.filter((item) => item.id !== top?.item.id);
  const channelsOnAir = channelsLive?.status === 2;
  return (
    <View className={`app-page live-page is-${show.state} ${singlePage ? 'is-single-page' : ''}`}>
      {singlePage && <SinglePageHint />}

      {channelsOnAir && !singlePage && (
        <View className='live-banner'>
          <Text className='live-banner-text'>视频号正在直播</Text>
          <Button className='live-banner-enter' onClick={() => void enterLive()}>
            进入直播间
          </Button>
        </View>
      )}

      <View className='card live-head'>
        <View className='live-head-line'>
          <Text className={`live-state live-state-${show.state}`}>{STATE_NAMES[show.state]}</Text>
          <Text className='live-title'>{show.title}</Text>
        </View>
        {show.state === 'scheduled' && <Text className='live-start'>{startText(show.startAt, Date.now())}</Text>}
        {show.state === 'ended' && <Text className='note live-ended'>直播已结束，直播价不再有效，商品按原价卖</Text>}
        {show.state === 'scheduled' && notice?.reservable && !singlePage && !reserved && (
          <Button className='secondary-button live-reserve' onClick={() => void reserve()}>
            预约直播
          </Button>
        )}
        {reserved && <Text className='live-reserved'>已预约，开播时微信会提醒你</Text>}
        <Text className='live-shop' onClick={singlePage ? undefined : () => void Taro.navigateTo({ url: routes.shop({ shopId: shop.id }) })}>
          {shop.name}
          {singlePage ? '' : ' ›'}
        </Text>
      </View>

      {top && <PinnedCard item={top.item} pinned={top.pinned} upcoming={show.state === 'scheduled'} onBuy={onBuy} />}

      {rest.length > 0 && (
        <View className='card live-items'>
          <Text className='card-title'>{top ? '直播里的其他商品' : '直播商品'}</Text>
          {rest.map((item) => (
            <ItemRow key={item.id} item={item} upcoming={show.state === 'scheduled'} onBuy={onBuy} />
          ))}
        </View>
      )}
      {show.items.length === 0 && <EmptyState text='这场直播还没有商品' />}
    </View>
  );
}
