import { Button, Canvas, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { BrokenLink, RemoteStatus } from '../../../components/status';
import { PrivacySheet } from '../../../components/privacy-sheet';
import { liveContract, type LiveDashboard, type LiveShowVendorView, type Reply } from '@core/contracts';
import { deadlineText } from '@core/campaign-text';
import { formatShanghai } from '@core/dates';
import { formatFen, formatLi } from '@core/money';
import { routes } from '@core/routes';
import { useRoute } from '../../../utils/use-route';
import { ShowTitle } from '../live-badge';
import { MinuteChart } from './chart';
import { LinksBlock, type ShowLinks } from './links';
import '../../../components/page.css';
import './index.css';

interface Loaded {
  show: LiveShowVendorView;
  dashboard: LiveDashboard;
}

/** While the show is on air the figures are read again this often. */
const REFRESH_MS = 10_000;

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

async function fetchBoth(showId: string): Promise<Reply<Loaded>> {
  const [show, dashboard] = await Promise.all([call(liveContract, 'vendorShow', { showId }), call(liveContract, 'dashboard', { showId })]);
  if (!show.ok) return show;
  if (!dashboard.ok) return dashboard;
  return { ok: true, data: { show: show.data.show, dashboard: dashboard.data.dashboard } };
}

/**
 * 直播数据 (owner, staff, its streamers): orders and amount per minute, totals, each item's sold /
 * left / amount, new and returning buyers, visits and 下单率 by source, the summary kept at 下播;
 * then the show's links (path, 群发文案, short link, poster with the code, the card).
 */
export default function LiveDashboardPage() {
  const route = useRoute('liveDashboard');
  const showId = route?.showId ?? '';
  const { state, load, retry } = useRemote<Loaded>();
  const [shown, setShown] = useState(false);
  const loaded = useRef(false);
  // The links made so far, by block ("show" or an item id): the share card uses the one tapped.
  const links = useRef(new Map<string, ShowLinks>());

  useDidShow(() => {
    if (!route) return;
    setShown(true);
    void load(() => fetchBoth(showId), { quiet: loaded.current }).then((reply) => {
      loaded.current = loaded.current || reply.ok;
    });
  });
  useDidHide(() => setShown(false));

  const live = state.status === 'done' && state.data.show.state === 'live';
  useEffect(() => {
    if (!shown || !live) return undefined;
    const timer = setInterval(() => {
      void fetchBoth(showId).then((reply) => {
        if (reply.ok) void load(async () => reply, { quiet: true });
      });
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [shown, live, showId, load]);

  useShareAppMessage((res) => {
    const key = (res.target as { dataset?: { key?: string } } | undefined)?.dataset?.key ?? 'show';
    const made = links.current.get(key) ?? links.current.get('show');
    const title = state.status === 'done' ? state.data.show.title : '直播';
    return { title: made?.cardTitle ?? title, path: made?.path ?? routes.live({ showId }) };
  });

  if (!route) return <BrokenLink />;
  if (state.status !== 'done') return <RemoteStatus state={state} onRetry={retry} />;

  const { show, dashboard } = state.data;
  const now = Date.now();
  const keep = (key: string, made: ShowLinks) => links.current.set(key, made);
  const startLine = show.state === 'scheduled' ? `开播 ${deadlineText(show.startAt, now)}` : '';
  return (
    <View className={`app-page live-dashboard dashboard-state-${show.state}`}>
      <View className='card dashboard-head'>
        <ShowTitle title={show.title} state={show.state} />
        {show.liveAt !== null && (
          <Text className='note'>
            {formatShanghai(show.liveAt, 'M月D日 HH:mm')} 开播{show.endedAt !== null ? `，${formatShanghai(show.endedAt, 'HH:mm')} 下播` : ''}
          </Text>
        )}
        {startLine && <Text className='note'>{startLine}</Text>}
        <View className='dashboard-totals'>
          <View className='dashboard-total dashboard-orders'>
            <Text className='dashboard-total-value'>{dashboard.orders}</Text>
            <Text className='dashboard-total-label'>订单</Text>
          </View>
          <View className='dashboard-total dashboard-amount'>
            <Text className='dashboard-total-value'>{formatFen(dashboard.amountFen)}</Text>
            <Text className='dashboard-total-label'>金额</Text>
          </View>
          <View className='dashboard-total dashboard-buyers'>
            <Text className='dashboard-total-value'>{dashboard.buyers.total}</Text>
            <Text className='dashboard-total-label'>
              买家（新客 {dashboard.buyers.new} · 老客 {dashboard.buyers.returning}）
            </Text>
          </View>
          <View className='dashboard-total dashboard-visits'>
            <Text className='dashboard-total-value'>{dashboard.visits.total}</Text>
            <Text className='dashboard-total-label'>访问，下单率 {percent(dashboard.visits.ordered, dashboard.visits.total)}</Text>
          </View>
        </View>
        {dashboard.summaryAt !== null && (
          <Text className='form-saved dashboard-summary'>这是 {formatShanghai(dashboard.summaryAt, 'M月D日 HH:mm')} 下播时保存的数据，已经和这场直播存在一起。</Text>
        )}
        {show.canEdit && dashboard.orders > 0 && (
          <Button className='secondary-button dashboard-shipping' onClick={() => void Taro.navigateTo({ url: routes.shipping({ shopId: show.shopId, liveShowId: show.id }) })}>
            给这场直播的订单发货
          </Button>
        )}
      </View>

      <View className='card dashboard-chart'>
        <Text className='card-title'>每分钟下单</Text>
        <MinuteChart points={dashboard.perMinute} />
      </View>

      <View className='card dashboard-items'>
        <Text className='card-title'>每件商品</Text>
        <View className='dashboard-row dashboard-row-head'>
          <Text className='dashboard-cell-name'>商品</Text>
          <Text className='dashboard-cell'>已卖</Text>
          <Text className='dashboard-cell'>剩</Text>
          <Text className='dashboard-cell-amount'>金额</Text>
        </View>
        {dashboard.items.map((item) => (
          <View key={item.id} className={`dashboard-row dashboard-item-${item.id}`}>
            <Text className='dashboard-cell-name'>
              {item.name}
              {item.spec ? ` ${item.spec}` : ''}
            </Text>
            <Text className='dashboard-cell'>{item.sold}</Text>
            <Text className='dashboard-cell'>{item.left === null ? '不限' : item.left}</Text>
            <Text className='dashboard-cell-amount'>{formatFen(item.amountFen)}</Text>
          </View>
        ))}
      </View>

      <View className='card dashboard-sources'>
        <Text className='card-title'>从哪里来的</Text>
        <View className='dashboard-row dashboard-row-head'>
          <Text className='dashboard-cell-name'>来源</Text>
          <Text className='dashboard-cell'>访问</Text>
          <Text className='dashboard-cell'>下单</Text>
          <Text className='dashboard-cell-amount'>下单率</Text>
        </View>
        {dashboard.visits.bySource.length === 0 && <Text className='note dashboard-no-visits'>还没有人从链接、卡片或小程序码进来。</Text>}
        {dashboard.visits.bySource.map((source) => (
          <View key={source.source} className={`dashboard-row dashboard-source-${source.source}`}>
            <Text className='dashboard-cell-name'>{source.label}</Text>
            <Text className='dashboard-cell'>{source.visits}</Text>
            <Text className='dashboard-cell'>{source.ordered}</Text>
            <Text className='dashboard-cell-amount'>{percent(source.ordered, source.visits)}</Text>
          </View>
        ))}
      </View>

      {show.state !== 'cancelled' && (
        <View className='card dashboard-links'>
          <Text className='card-title'>分享这场直播</Text>
          <Text className='note'>发到群里、朋友圈，或把海报上的小程序码放在镜头前，大家扫码就能进直播页按直播价下单。</Text>
          <LinksBlock
            shopId={show.shopId}
            showId={show.id}
            title='整场直播'
            showState={show.state}
            poster={{ photo: show.items[0]?.image ?? '', title: show.title, price: startLine || '正在直播', lines: show.items.slice(0, 3).map((item) => ({ text: `${item.name} 直播价 ${formatLi(item.livePriceLi)}/${item.unit}` })) }}
            onLinks={keep}
            open
          />
          {show.items.map((item) => (
            <LinksBlock
              key={item.id}
              shopId={show.shopId}
              showId={show.id}
              itemId={item.id}
              title={`${item.name}${item.spec ? ` ${item.spec}` : ''}`}
              showState={show.state}
              poster={{ photo: item.image, title: `${item.name}${item.spec ? ` ${item.spec}` : ''}`, price: `直播价 ${formatLi(item.livePriceLi)}/${item.unit}`, lines: [{ text: show.title }, ...(startLine ? [{ text: startLine }] : [])] }}
              onLinks={keep}
            />
          ))}
        </View>
      )}
      {/* The mini-program draws the posters here, out of sight. */}
      <Canvas type='2d' id='live-canvas' className='live-canvas' />
      <PrivacySheet />
    </View>
  );
}
