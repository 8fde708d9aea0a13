import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../../../api/call';
import { displayUrl } from '../../../api/upload';
import { useRemote } from '../../../utils/use-remote';
import { useIntentIds } from '../../../components/order';
import { BrokenLink, EmptyState, RemoteStatus } from '../../../components/status';
import { campaignsContract, shareContract, shopContract, type CampaignOrderRow, type CampaignVendorView, type OrderState, type OutputOf, type Reply } from '@core/contracts';
import { deadlineText } from '@core/campaign-text';
import { lowestPriceLi } from '@core/campaign-pricing';
import { formatFen, formatLi } from '@core/money';
import { ORDER_NAMES } from '@core/order-names';
import { routes } from '@core/routes';
import { afterShown } from '../../../utils/paging';
import { useRoute } from '../../../utils/use-route';
import { copied } from '../../../utils/clipboard';
import { CampaignGoods, CampaignOrderItem, SettlementFigures } from './figures';
import { CampaignBadge } from '../../../components/campaign-badge';
import '../../../components/page.css';
import './index.css';
import { PrivacySheet } from '../../../components/privacy-sheet';

interface Loaded {
  campaign: CampaignVendorView;
  /** The shop's pickup points the campaign offers, by id, for the filter. */
  points: { id: string; name: string }[];
}
type Orders = OutputOf<typeof campaignsContract, 'campaignOrders'>;
type Settlement = OutputOf<typeof campaignsContract, 'settlement'>;

/** Which orders the list shows: all, the ones that count, the ones that do not, or one state. */
type Filter = { kind: 'all' } | { kind: 'counts'; counts: boolean } | { kind: 'state'; state: OrderState };

const FILTERS: { key: string; label: string; filter: Filter }[] = [
  { key: 'all', label: '全部', filter: { kind: 'all' } },
  { key: 'counted', label: '算数的', filter: { kind: 'counts', counts: true } },
  { key: 'not-counted', label: '不算的', filter: { kind: 'counts', counts: false } },
  ...(['to_pay', 'to_confirm', 'paid', 'ready_for_pickup', 'shipped', 'completed', 'refunding', 'cancelled'] as const).map((state) => ({
    key: state,
    label: ORDER_NAMES.state[state],
    filter: { kind: 'state', state } as Filter,
  })),
];

/**
 * One campaign as its vendor runs it: its goods and figures; 截团 now (asked first), edit, 复制团,
 * 复制接龙文案 and share; its orders by 跟团号 with full names, filtered by pickup point and state,
 * the ones that no longer count struck through; after 截团 the settlement, with 已退 for each
 * transfer order's 待退差价.
 */
export default function VendorCampaignPage() {
  const route = useRoute('shopCampaign');
  const shopId = route?.shopId ?? '';
  const campaignId = route?.campaignId ?? '';
  const { state, load, retry } = useRemote<Loaded>();
  const orders = useRemote<Orders>();
  const settlement = useRemote<Settlement>();
  const [filterKey, setFilterKey] = useState('all');
  const [pointId, setPointId] = useState<string | null>(null);
  const [settlementDueOnly, setSettlementDueOnly] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [marking, setMarking] = useState<string | null>(null);
  const [textShown, setTextShown] = useState<string | null>(null);
  const intents = useIntentIds();

  const loadCampaign = (quiet: boolean) =>
    load(async (): Promise<Reply<Loaded>> => {
      const [opened, settings] = await Promise.all([call(campaignsContract, 'vendorCampaign', { campaignId }), call(shopContract, 'getSettings', { shopId })]);
      if (!opened.ok) return opened;
      const offered = opened.data.campaign.fulfilment.pickupPointIds;
      // Without the settings (a role that cannot read them) the filter still works, with plain names.
      const named = settings.ok ? settings.data.settings.fulfilment.pickup.points : [];
      const points = offered.map((id, index) => ({ id, name: named.find((point) => point.id === id)?.name ?? `自提点 ${index + 1}` }));
      return { ok: true, data: { campaign: opened.data.campaign, points } };
    }, { quiet });

  const showOrders = (key: string, point: string | null, shown?: Orders) => {
    setFilterKey(key);
    setPointId(point);
    const filter = FILTERS.find((candidate) => candidate.key === key)?.filter ?? { kind: 'all' };
    const cursor = shown?.nextCursor;
    void orders.load(
      async () =>
        afterShown(
          'orders',
          shown,
          await call(campaignsContract, 'campaignOrders', {
            campaignId,
            ...(point ? { pointId: point } : {}),
            ...(filter.kind === 'counts' ? { counts: filter.counts } : {}),
            ...(filter.kind === 'state' ? { state: filter.state } : {}),
            ...(cursor ? { cursor } : {}),
            limit: 50,
          }),
        ),
      { quiet: Boolean(shown) },
    );
  };

  const showSettlement = (dueOnly: boolean, shown?: Settlement) => {
    setSettlementDueOnly(dueOnly);
    const cursor = shown?.nextCursor;
    void settlement.load(async () => afterShown('orders', shown, await call(campaignsContract, 'settlement', { campaignId, ...(dueOnly ? { status: 'due' as const } : {}), ...(cursor ? { cursor } : {}), limit: 50 })), {
      quiet: Boolean(shown),
    });
  };

  const refresh = async (quiet: boolean) => {
    // A 接龙文案 copied earlier may no longer match (new entries, 截团): it is copied afresh.
    setTextShown(null);
    const reply = await loadCampaign(quiet);
    showOrders(filterKey, pointId);
    if (reply.ok && reply.data.campaign.state === 'ended') showSettlement(settlementDueOnly);
  };

  useDidShow(() => {
    if (route) void refresh(state.status === 'done');
  });

  // The card into a group opens the buyers' campaign page, with my share code when one could be
  // made (visits and orders are then attributed to me). Not useShareCard: a seller page offers no
  // Moments share, which would open this page.
  const [refPath, setRefPath] = useState<string | null>(null);
  useEffect(() => {
    if (!route) return;
    let alive = true;
    void call(shareContract, 'createRef', { shopId, target: { kind: 'campaign', campaignId } }).then((reply) => {
      if (alive && reply.ok) setRefPath(reply.data.path);
    });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shopId, campaignId]);

  const campaign = state.status === 'done' ? state.data.campaign : null;
  const cover = campaign ? (campaign.images[0] ?? campaign.items.find((item) => item.image)?.image ?? '') : '';
  useShareAppMessage(() => ({
    title: campaign ? `【跟团】${campaign.title}${campaign.items.length ? ` 低至${formatLi(Math.min(...campaign.items.map(lowestPriceLi)))}` : ''}` : '团购接龙',
    path: refPath ?? routes.campaign({ campaignId }),
    ...(cover && displayUrl(cover) ? { imageUrl: displayUrl(cover) } : {}),
  }));

  if (!route) return <BrokenLink />;
  if (state.status !== 'done' || !campaign) return <RemoteStatus state={state} onRetry={retry} />;

  const go = (url: string) => void Taro.navigateTo({ url });
  const openOrder = (order: CampaignOrderRow) => go(routes.shopOrder({ shopId, orderId: order.orderId }));
  const now = Date.now();

  const run = async (key: string, send: (requestId: string) => Promise<Reply<{ campaign: CampaignVendorView }>>, done: string): Promise<CampaignVendorView | null> => {
    if (busy) return null;
    setBusy(key);
    const reply = await send(intents.idFor(key));
    setBusy(null);
    if (!reply.ok) {
      void Taro.showModal({ title: '没办成', content: reply.error.message, showCancel: false, confirmText: '知道了' });
      return null;
    }
    intents.succeeded(key);
    void Taro.showToast({ title: done, icon: 'success' });
    return reply.data.campaign;
  };

  const endNow = async () => {
    intents.idFor('endNow');
    const { confirm } = await Taro.showModal({
      title: '现在截团？',
      content: '截团后大家就不能再跟团了。价格按现在的数量定下来，多付的差价会退给大家。',
      confirmText: '截团',
      confirmColor: '#c62f14',
      cancelText: '再等等',
    });
    if (!confirm) return;
    if (await run('endNow', (requestId) => call(campaignsContract, 'endNow', { campaignId }, { requestId }), '已截团')) await refresh(true);
  };

  const unpublish = async () => {
    const { confirm } = await Taro.showModal({ title: '改回草稿？', content: '改回草稿后买家就看不到这个团了，可以改好再发布。', confirmText: '改回草稿', cancelText: '不了' });
    if (!confirm) return;
    if (await run('unpublish', (requestId) => call(campaignsContract, 'unpublish', { campaignId }, { requestId }), '已改回草稿')) await refresh(true);
  };

  const copyCampaign = async () => {
    const copy = await run('copy', (requestId) => call(campaignsContract, 'copy', { campaignId }, { requestId }), '已复制');
    if (copy) setTimeout(() => go(routes.campaignEditor({ shopId, campaignId: copy.id })), 600);
  };

  const copyText = async () => {
    if (busy) return;
    setBusy('text');
    const reply = await call(campaignsContract, 'shareText', { campaignId });
    setBusy(null);
    if (!reply.ok) return void Taro.showModal({ title: '没办成', content: reply.error.message, showCancel: false, confirmText: '知道了' });
    setTextShown(reply.data.text);
    await copied(reply.data.text, '已复制，去群里粘贴');
  };

  const markRefunded = async (order: CampaignOrderRow) => {
    const key = `mark-${order.orderId}`;
    intents.idFor(key);
    const amount = order.difference ? order.difference.differenceFen - order.difference.refundedFen : 0;
    const { confirm } = await Taro.showModal({
      title: '差价已经退了？',
      content: `${order.buyerName} 的差价 ${formatFen(amount)}，你已经转回给他了吗？`,
      confirmText: '已经退了',
      cancelText: '还没有',
    });
    if (!confirm) return;
    setMarking(order.orderId);
    const reply = await call(campaignsContract, 'markDifferenceRefunded', { orderId: order.orderId, note: '' }, { requestId: intents.idFor(key) });
    setMarking(null);
    if (!reply.ok) return void Taro.showModal({ title: '没办成', content: reply.error.message, showCancel: false, confirmText: '知道了' });
    intents.succeeded(key);
    void Taro.showToast({ title: '已记下', icon: 'success' });
    showSettlement(settlementDueOnly);
    showOrders(filterKey, pointId);
  };

  const ended = campaign.state === 'ended';
  const { points } = state.data;
  return (
    <View className={`app-page vendor-campaign campaign-is-${campaign.state}`}>
      <View className='card campaign-head'>
        <View className='campaign-head-row'>
          <Text className='campaign-head-title'>{campaign.title}</Text>
          <CampaignBadge state={campaign.state} />
        </View>
        <Text className='note campaign-head-times'>
          开团 {deadlineText(campaign.startAt, now)} · {ended ? '已截团' : '截团'} {deadlineText(campaign.endAt, now)}
        </Text>
        {campaign.endedEarly && <Text className='note campaign-ended-early'>提前截团（原定 {deadlineText(campaign.endedEarly.plannedEndAt, now)}）</Text>}
        <Text className='campaign-head-entries'>{campaign.entries} 人跟团</Text>
        <CampaignGoods campaign={campaign} />
      </View>

      <View className='card campaign-tools'>
        {campaign.state === 'open' && (
          <Button className={`danger-button campaign-end-now ${busy === 'endNow' ? 'is-disabled' : ''}`} disabled={busy !== null || undefined} onClick={() => void endNow()}>
            {busy === 'endNow' ? '正在截团…' : '现在截团'}
          </Button>
        )}
        {campaign.state !== 'draft' && (
          <>
            <Button className='primary-button campaign-copy-text' disabled={busy !== null || undefined} onClick={() => void copyText()}>
              {busy === 'text' ? '正在写文案…' : '复制接龙文案'}
            </Button>
            <Button className='secondary-button campaign-share' openType='share'>
              发到群里
            </Button>
          </>
        )}
        {!ended && (
          <Button className='secondary-button campaign-edit' onClick={() => go(routes.campaignEditor({ shopId, campaignId }))}>
            {campaign.state === 'draft' ? '继续编辑' : '修改团'}
          </Button>
        )}
        {campaign.state === 'scheduled' && (
          <Button className='secondary-button campaign-unpublish' disabled={busy !== null || undefined} onClick={() => void unpublish()}>
            改回草稿
          </Button>
        )}
        <Button className='secondary-button campaign-shipping' onClick={() => go(routes.shipping({ shopId, campaignId }))}>
          发货：备货单和发货单
        </Button>
        <Button className='secondary-button campaign-copy' disabled={busy !== null || undefined} onClick={() => void copyCampaign()}>
          {busy === 'copy' ? '正在复制…' : '复制团（再开一次）'}
        </Button>
        {textShown && <Text className='campaign-text-preview'>{textShown}</Text>}
      </View>

      {ended && (
        <View className='card campaign-settlement'>
          <Text className='card-title'>截团结算</Text>
          <View className='choice-row'>
            <View className={`choice settlement-due-only ${settlementDueOnly ? 'is-selected' : ''}`} onClick={() => showSettlement(true)}>
              待你退的
            </View>
            <View className={`choice settlement-all ${settlementDueOnly ? '' : 'is-selected'}`} onClick={() => showSettlement(false)}>
              全部差价
            </View>
          </View>
          <RemoteStatus state={settlement.state} onRetry={settlement.retry} />
          {settlement.state.status === 'done' && (
            <SettlementFigures settlement={settlement.state.data} marking={marking} onMark={(order) => void markRefunded(order)} onOpen={openOrder} />
          )}
          {settlement.state.status === 'done' && settlement.state.data.orders.length === 0 && <Text className='note'>{settlementDueOnly ? '没有待你退的差价' : '没有要退的差价'}</Text>}
          {settlement.state.status === 'done' && settlement.state.data.nextCursor && (
            <Button className='secondary-button load-more' onClick={() => settlement.state.status === 'done' && showSettlement(settlementDueOnly, settlement.state.data)}>
              加载更多
            </Button>
          )}
        </View>
      )}

      {campaign.state !== 'draft' && (
        <View className='card campaign-orders'>
          <Text className='card-title'>跟团订单</Text>
          {orders.state.status === 'done' && (
            <Text className='note campaign-orders-counts'>
              算数 {orders.state.data.counts.counted} 单 · 不算 {orders.state.data.counts.notCounted} 单（没付款、取消或退款的，划掉显示）
            </Text>
          )}
          {points.length > 0 && (
            <View className='choice-row campaign-point-filter'>
              <View className={`choice campaign-point-all ${pointId === null ? 'is-selected' : ''}`} onClick={() => showOrders(filterKey, null)}>
                全部自提点
              </View>
              {points.map((point) => (
                <View key={point.id} className={`choice campaign-point-filter-${point.id} ${pointId === point.id ? 'is-selected' : ''}`} onClick={() => showOrders(filterKey, point.id)}>
                  {point.name}
                </View>
              ))}
            </View>
          )}
          <View className='choice-row campaign-order-filter'>
            {FILTERS.map((filter) => (
              <View key={filter.key} className={`choice campaign-filter-${filter.key} ${filter.key === filterKey ? 'is-selected' : ''}`} onClick={() => showOrders(filter.key, pointId)}>
                {filter.label}
              </View>
            ))}
          </View>
          <RemoteStatus state={orders.state} onRetry={orders.retry} />
          {orders.state.status === 'done' && orders.state.data.orders.length === 0 && <EmptyState text='这里没有订单' />}
          {orders.state.status === 'done' && orders.state.data.orders.map((order) => <CampaignOrderItem key={order.orderId} order={order} onOpen={() => openOrder(order)} />)}
          {orders.state.status === 'done' && orders.state.data.nextCursor && (
            <Button className='secondary-button load-more' onClick={() => orders.state.status === 'done' && showOrders(filterKey, pointId, orders.state.data)}>
              加载更多
            </Button>
          )}
        </View>
      )}
      {campaign.state === 'draft' && (
        <View className='card'>
          <Text className='note'>这个团还是草稿，买家看不到。改好后点“继续编辑”里的“发布”。</Text>
        </View>
      )}
      {ended && <Text className='note campaign-reload-hint'>差价退款由系统自动处理，微信付款的自动退回；转账的请你退给买家后点“我已退”。</Text>}
      <View className='bottom-bar'>
        <Button className='secondary-button campaign-refresh' onClick={() => void refresh(true)}>
          刷新
        </Button>
        <Button className='primary-button campaign-back-list' onClick={() => void Taro.redirectTo({ url: routes.campaigns({ shopId }) })}>
          所有团
        </Button>
      </View>
      <PrivacySheet />
    </View>
  );
}
