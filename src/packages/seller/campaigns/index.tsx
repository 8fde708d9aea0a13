import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { BrokenLink, EmptyState, RemoteStatus } from '../../../components/status';
import { campaignsContract, type CampaignRow, type CampaignState, type OutputOf } from '@core/contracts';
import { CAMPAIGN_STATE_NAMES } from '@core/campaigns';
import { deadlineText } from '@core/campaign-text';
import { formatFen, formatLi } from '@core/money';
import { routes } from '@core/routes';
import { afterShown } from '../../../utils/paging';
import { useRoute } from '../../../utils/use-route';
import { CampaignBadge } from '../../../components/campaign-badge';
import '../../../components/page.css';
import './index.css';

type Listing = OutputOf<typeof campaignsContract, 'listCampaigns'>;

/** The tabs in the order a vendor looks at them: running first, then coming, past, unfinished. */
const TABS: CampaignState[] = ['open', 'scheduled', 'ended', 'draft'];

function listPage(shopId: string, state: CampaignState, cursor?: string | null) {
  return call(campaignsContract, 'listCampaigns', { shopId, state, ...(cursor ? { cursor } : {}), limit: 20 });
}

/** "截团 今天 20:00" / "开团 明天 08:00" / "已截团 昨天 20:00": the time that matters for the row's state. */
function whenText(row: CampaignRow, now: number): string {
  if (row.state === 'scheduled') return `开团 ${deadlineText(row.startAt, now)}`;
  if (row.state === 'ended') return `已截团 ${deadlineText(row.endAt, now)}`;
  return `截团 ${deadlineText(row.endAt, now)}`;
}

function CampaignEntry({ row, now, onOpen }: { row: CampaignRow; now: number; onOpen: () => void }) {
  return (
    <View className={`card campaign-entry campaign-state-${row.state}`} onClick={onOpen}>
      <View className='campaign-entry-head'>
        <Text className='campaign-entry-title'>{row.title || '（还没写标题）'}</Text>
        <CampaignBadge state={row.state} />
      </View>
      <Text className='note campaign-entry-when'>{whenText(row, now)}</Text>
      {row.state !== 'draft' && (
        <View className='campaign-entry-figures'>
          <Text className='campaign-figure campaign-entry-orders'>{row.entries} 人跟团</Text>
          <Text className='campaign-figure campaign-entry-taken'>收款 {formatFen(row.takenFen)}</Text>
          {row.refundedFen > 0 && <Text className='campaign-figure campaign-entry-refunded'>已退差价 {formatFen(row.refundedFen)}</Text>}
        </View>
      )}
      {row.items.map((item) => (
        <View key={item.id} className='campaign-entry-item'>
          <Text className='campaign-entry-item-name'>{item.name}</Text>
          <Text className='campaign-entry-item-qty'>
            {item.countedQty} {item.unit} · 现价 {formatLi(item.current.priceLi)}/{item.unit}
          </Text>
        </View>
      ))}
      {row.settlement === 'settling' && <Text className='note campaign-entry-settling'>正在结算差价…</Text>}
    </View>
  );
}

/** 团购接龙: the shop's campaigns by state, with orders, quantities, current prices and money; 开新团. */
export default function CampaignsPage() {
  const route = useRoute('campaigns');
  const shopId = route?.shopId ?? '';
  const [tab, setTab] = useState<CampaignState>('open');
  const { state: listing, load, retry } = useRemote<Listing>();

  /** The state's first page, or the page after the campaigns `shown` (which stay on screen meanwhile). */
  const show = (state: CampaignState, shown?: Listing) => {
    setTab(state);
    void load(async () => afterShown('campaigns', shown, await listPage(shopId, state, shown?.nextCursor)), { quiet: Boolean(shown) });
  };
  useDidShow(() => {
    if (route) show(tab);
  });

  if (!route) return <BrokenLink />;
  const go = (url: string) => void Taro.navigateTo({ url });
  const counts = listing.status === 'done' ? listing.data.counts : {};
  const now = Date.now();
  return (
    <View className='app-page campaigns'>
      <View className='card'>
        <Button className='primary-button campaign-new' onClick={() => go(routes.campaignEditor({ shopId }))}>
          + 开一个新团
        </Button>
        <Text className='note'>把几样货放进一个团，发到群里，大家跟团下单，到点截团。</Text>
      </View>
      <View className='tab-bar campaign-tabs'>
        {TABS.map((state) => (
          <View key={state} className={`tab campaign-tab campaign-tab-${state} ${state === tab ? 'is-current' : ''}`} onClick={() => show(state)}>
            {CAMPAIGN_STATE_NAMES[state]} {counts[state] ?? 0}
          </View>
        ))}
      </View>
      <RemoteStatus state={listing} onRetry={retry} />
      {listing.status === 'done' && listing.data.campaigns.length === 0 && <EmptyState text={`没有${CAMPAIGN_STATE_NAMES[tab]}的团`} />}
      {listing.status === 'done' &&
        listing.data.campaigns.map((row) => (
          <CampaignEntry key={row.id} row={row} now={now} onOpen={() => go(row.state === 'draft' ? routes.campaignEditor({ shopId, campaignId: row.id }) : routes.shopCampaign({ shopId, campaignId: row.id }))} />
        ))}
      {listing.status === 'done' && listing.data.nextCursor && (
        <View className='card'>
          <Button className='secondary-button load-more' onClick={() => listing.status === 'done' && show(tab, listing.data)}>
            加载更多
          </Button>
        </View>
      )}
    </View>
  );
}
