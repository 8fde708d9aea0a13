import { Button, Canvas, Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../../api/call';
import { writeCart, type CartItem } from '../../../api/cart';
import { displayUrl } from '../../../api/upload';
import { useRemote } from '../../../utils/use-remote';
import { PrivacySheet } from '../../../components/privacy-sheet';
import { SinglePageHint } from '../../../components/single-page-hint';
import { RemoteStatus } from '../../../components/status';
import { campaignsContract, shareContract, type CampaignPublic, type MyEntry, type OutputOf, type PublicEntry } from '@core/contracts';
import { countersText, deadlineText } from '@core/campaign-text';
import { ERROR_MESSAGES } from '@core/errors';
import { formatFen, formatLi, lineTotalFen } from '@core/money';
import { routes, type RouteParams } from '@core/routes';
import { readEntry, type Entry } from '../../../utils/entry';
import { useRoute } from '../../../utils/use-route';
import { copied } from '../../../utils/clipboard';
import { useShareCard } from '../../../utils/use-share-card';
import { recordVisit } from '../../../utils/visit';
import { countdownText, tickMs } from './countdown';
import { EntryList } from './entries';
import { CampaignItem, type Pick } from './items';
import { MyEntries } from './mine';
import { drawCard, PosterMaker } from '../../../components/poster-maker';
import { campaignIdOf, campaignTarget } from './share-target';
import '../../../components/page.css';
import './index.css';

type Loaded = OutputOf<typeof campaignsContract, 'getCampaign'>;

const NO_CAMPAIGN = { ok: false, error: { code: 'CAMPAIGN_NOT_FOUND', message: ERROR_MESSAGES.CAMPAIGN_NOT_FOUND } } as const;

/** The campaign a link names: `campaignId`, or a poster code's share code resolved to one. */
async function campaignIdFrom(route: RouteParams<'campaign'>, entry: Entry): Promise<string | undefined> {
  if (route.campaignId) return route.campaignId;
  if (!entry.posterCode) return undefined;
  const reply = await call(shareContract, 'resolve', { code: entry.posterCode });
  return (reply.ok && campaignIdOf(reply.data.target)) || undefined;
}

/** "截团：今天 20:00", "明天 08:00 开团", "已截团". */
function stateLine(campaign: CampaignPublic, now: number): string {
  switch (campaign.state) {
    case 'open':
      return `截团：${deadlineText(campaign.endAt, now)}`;
    case 'scheduled':
      return `${deadlineText(campaign.startAt, now)} 开团，截团：${deadlineText(campaign.endAt, now)}`;
    case 'ended':
      return `已截团（${deadlineText(campaign.endAt, now)}）`;
    default:
      return '这个团还没发布';
  }
}

/** 快递 / 同城配送 / 自提点: the ways this campaign's goods come. */
function fulfilmentLine(campaign: CampaignPublic): string {
  const ways = [campaign.fulfilment.express ? '快递' : '', campaign.fulfilment.local ? '同城配送' : '', ...campaign.fulfilment.pickupPoints.map((point) => `自提：${point.name}`)];
  return ways.filter(Boolean).join('；');
}

/** The lowest price any item can reach, as the card and poster say it: "¥22.50/斤 起". */
function lowestPrice(campaign: CampaignPublic): string {
  const item = campaign.items.find((candidate) => [candidate.priceLi, ...candidate.tiers.map((tier) => tier.priceLi)].includes(campaign.lowestPriceLi)) ?? campaign.items[0];
  const several = campaign.items.length > 1 || (item?.tiers.length ?? 0) > 0;
  return `${formatLi(campaign.lowestPriceLi)}${item ? `/${item.unit}` : ''}${several ? ' 起' : ''}`;
}

function firstPicks(campaign: CampaignPublic): Record<string, Pick> {
  return Object.fromEntries(campaign.items.map((item) => [item.id, { skuId: item.skus[0]?.id ?? '', quantity: 0 }]));
}

/**
 * 团购接龙 for buyers: photos and words, the 截团 countdown, each item with its tier prices and how
 * close the next tier is, the counters, the public list (newest first, mine marked), my own
 * entries with any price difference, and 跟团 (to checkout with the campaign). Also: copy the
 * 接龙文案, share the card, make a poster with the mini-program code.
 */
export default function CampaignPage() {
  const route = useRoute('campaign');
  const { state, load, retry, reload } = useRemote<Loaded>();
  const [entry, setEntry] = useState<Entry | null>(null);
  const [older, setOlder] = useState<PublicEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [mine, setMine] = useState<MyEntry[]>([]);
  const [picks, setPicks] = useState<Record<string, Pick>>({});
  const [now, setNow] = useState(Date.now());
  const [cardImage, setCardImage] = useState<string | null>(null);
  const campaignId = useRef<string | null>(null);
  const shown = useRef(false);

  const loadMine = (id: string) =>
    void call(campaignsContract, 'myEntry', { campaignId: id }).then((reply) => {
      // A visitor without a login has no entries to show.
      if (reply.ok) setMine(reply.data.entries);
    });

  useLoad(() => {
    const opened = readEntry(route);
    setEntry(opened);
    void load(async () => {
      const id = await campaignIdFrom(route, opened);
      if (!id) return NO_CAMPAIGN;
      campaignId.current = id;
      const reply = await call(campaignsContract, 'getCampaign', { campaignId: id });
      if (reply.ok) {
        recordVisit(reply.data.shop.id, campaignTarget(id), opened);
        if (!opened.singlePage) loadMine(id);
      }
      return reply;
    });
  });

  // Back from checkout or an order: the list, counters and my entries as they are now.
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true;
      return;
    }
    if (!campaignId.current) return;
    setOlder([]);
    void reload();
    loadMine(campaignId.current);
  });

  const data = state.status === 'done' ? state.data : null;
  const campaign = data?.campaign ?? null;

  useEffect(() => {
    if (!data) return;
    setNextBefore(data.nextBefore);
    setPicks((current) => ({ ...firstPicks(data.campaign), ...current }));
    void Taro.setNavigationBarTitle({ title: data.campaign.title });
  }, [data]);

  // The countdown ticks by itself; when 截团 passes, the page loads the campaign again.
  const endAt = campaign?.endAt ?? 0;
  const open = campaign?.state === 'open';
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => {
      const at = Date.now();
      setNow(at);
      if (at >= endAt) void reload();
    }, tickMs(endAt - now));
    return () => clearTimeout(timer);
  }, [open, endAt, now, reload]);

  // The share card's 5:4 picture: photo, lowest price, counters.
  const cardKey = campaign ? `${campaign.id}:${campaign.entries}:${campaign.lowestPriceLi}` : '';
  useEffect(() => {
    if (!campaign) return;
    let alive = true;
    drawCard('campaign', { photo: campaign.images[0] ?? campaign.items[0]?.image ?? '', price: lowestPrice(campaign), counters: countersText(campaign.entries, campaign.totals) }).then(
      (image) => alive && setCardImage(image),
      () => undefined,
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cardKey]);

  const singlePage = entry?.singlePage ?? false;
  const id = campaign?.id ?? '';
  useShareCard({
    shopId: data?.shop.id ?? null,
    target: campaignTarget(id),
    title: campaign ? `【跟团】${campaign.title} ${lowestPrice(campaign)}` : '团购接龙',
    plainPath: routes.campaign({ campaignId: id || undefined }),
    imageUrl: cardImage ?? (campaign ? displayUrl(campaign.images[0] ?? campaign.items[0]?.image ?? '') || undefined : undefined),
    singlePage,
  });

  const more = async () => {
    if (!campaign || nextBefore === null) return;
    setLoadingMore(true);
    const reply = await call(campaignsContract, 'listEntries', { campaignId: campaign.id, before: nextBefore, limit: 20 });
    setLoadingMore(false);
    if (!reply.ok) return void Taro.showToast({ title: reply.error.message, icon: 'none' });
    setOlder((current) => [...current, ...reply.data.entries]);
    setNextBefore(reply.data.nextBefore);
  };

  const copyText = async () => {
    if (!campaign) return;
    const reply = await call(campaignsContract, 'shareText', { campaignId: campaign.id });
    if (!reply.ok) return void Taro.showToast({ title: reply.error.message, icon: 'none' });
    await copied(reply.data.text, '已复制，去群里粘贴');
  };


  if (state.status !== 'done' || !data || !campaign) return <RemoteStatus state={state} onRetry={retry} />;

  const { shop } = data;
  const entries = [...data.entries, ...older];
  const canJoin = campaign.state === 'open' && !singlePage;
  const chosen = campaign.items
    .map((item) => ({ item, pick: picks[item.id] }))
    .filter((row): row is { item: (typeof campaign.items)[number]; pick: Pick } => !!row.pick && row.pick.quantity > 0);
  const estimateFen = chosen.reduce((sum, { item, pick }) => sum + lineTotalFen(item.current.priceLi, pick.quantity), 0);

  const join = () => {
    if (!canJoin || chosen.length === 0) return;
    const lines: CartItem[] = chosen.map(({ item, pick }) => {
      const sku = item.skus.find((candidate) => candidate.id === pick.skuId) ?? item.skus[0];
      return { productId: item.productId, skuId: sku.id, quantity: pick.quantity, name: item.name, spec: sku.spec, unit: item.unit, image: item.image, minQty: sku.minQty, stepQty: sku.stepQty };
    });
    writeCart(shop.id, lines, 'buynow');
    void Taro.navigateTo({ url: routes.checkout({ shopId: shop.id, from: 'buynow', campaignId: campaign.id, ref: entry?.ref, scene: entry?.scene }) });
  };

  const leftMs = campaign.endAt - now;
  return (
    <View className={`app-page campaign-page is-${campaign.state} ${singlePage ? 'is-single-page' : ''}`}>
      {singlePage && <SinglePageHint />}
      {campaign.images.length > 0 && (
        <Swiper className='campaign-gallery' indicatorDots={campaign.images.length > 1} circular={campaign.images.length > 1}>
          {campaign.images.map((src) => (
            <SwiperItem key={src}>
              <Image className='campaign-gallery-image' src={displayUrl(src)} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: campaign.images.map(displayUrl), current: displayUrl(src) })} />
            </SwiperItem>
          ))}
        </Swiper>
      )}

      <View className='card campaign-head'>
        <Text className='campaign-title'>{campaign.title}</Text>
        <View className={`campaign-state campaign-state-${campaign.state}`}>
          <Text className='campaign-deadline'>{stateLine(campaign, now)}</Text>
          {campaign.state === 'open' && <Text className='campaign-countdown'>{countdownText(leftMs)}</Text>}
        </View>
        <Text className='campaign-counters'>{countersText(campaign.entries, campaign.totals)}</Text>
        {campaign.text && <Text className='campaign-text'>{campaign.text}</Text>}
        {fulfilmentLine(campaign) && <Text className='note campaign-fulfilment'>{fulfilmentLine(campaign)}</Text>}
        <Text className='campaign-shop' onClick={singlePage ? undefined : () => void Taro.navigateTo({ url: routes.shop({ shopId: shop.id }) })}>
          {shop.name}
          {singlePage ? '' : ' ›'}
        </Text>
      </View>

      <MyEntries
        campaignId={campaign.id}
        entries={mine}
        onRenamed={(entries) => {
          setMine(entries);
          setOlder([]);
          void reload();
        }}
      />

      {campaign.items.map((item) => (
        <CampaignItem key={item.id} item={item} pick={canJoin ? (picks[item.id] ?? null) : null} onPick={(change) => setPicks((current) => ({ ...current, [item.id]: change(current[item.id] ?? { skuId: item.skus[0]?.id ?? '', quantity: 0 }) }))} />
      ))}

      <EntryList entries={entries} now={now} onMore={nextBefore !== null ? () => void more() : null} loadingMore={loadingMore} />

      {!singlePage && (
        <View className='card campaign-share'>
          <Text className='card-title'>叫上朋友一起</Text>
          <Button className='secondary-button campaign-copy-text' onClick={() => void copyText()}>
            复制接龙文案
          </Button>
          {process.env.TARO_ENV === 'weapp' && (
            <Button className='secondary-button campaign-share-card' openType='share'>
              发给微信好友或群
            </Button>
          )}
          <PosterMaker
            kind='campaign'
            shopId={data.shop.id}
            target={campaignTarget(campaign.id)}
            spec={(codePng) => ({
              photo: campaign.images[0] ?? campaign.items[0]?.image ?? '',
              title: campaign.title,
              price: `团购价 ${lowestPrice(campaign)}`,
              lines: [{ text: countersText(campaign.entries, campaign.totals), strong: true }, { text: stateLine(campaign, Date.now()) }, { text: data.shop.name }],
              hint: '长按识别小程序码 跟团',
              codePng,
            })}
          />
        </View>
      )}

      {!singlePage && (
        <View className='bottom-bar has-total campaign-bar'>
          <View className='bottom-bar-total'>
            {canJoin ? (
              chosen.length > 0 ? (
                <>
                  <Text>约 </Text>
                  <Text className='bottom-bar-amount campaign-estimate'>{formatFen(estimateFen)}</Text>
                </>
              ) : (
                <Text className='note'>先选好要多少</Text>
              )
            ) : (
              <Text className='note'>{campaign.state === 'scheduled' ? '还没开团' : '已截团，下次早点来'}</Text>
            )}
          </View>
          <Button className={`primary-button campaign-join ${canJoin && chosen.length > 0 ? '' : 'is-disabled'}`} disabled={!canJoin || chosen.length === 0 || undefined} onClick={join}>
            {campaign.state === 'open' ? '我要跟团' : campaign.state === 'scheduled' ? '未开团' : '已截团'}
          </Button>
        </View>
      )}
      {/* The mini-program draws the card picture and the poster here, out of sight. */}
      <Canvas type='2d' id='campaign-canvas' className='campaign-canvas' />
      {/* Copying, the nickname and avatar, and saving the poster ask for the privacy agreement here. */}
      <PrivacySheet />
    </View>
  );
}
