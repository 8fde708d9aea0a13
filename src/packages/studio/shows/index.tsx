import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { BrokenLink, EmptyState, RemoteStatus } from '../../../components/status';
import { liveContract, shopContract, type LiveSettings, type LiveShowRow, type LiveState, type Reply, type Role } from '@core/contracts';
import { deadlineText } from '@core/campaign-text';
import { routes } from '@core/routes';
import { can } from '@core/shops';
import { afterShown } from '../../../utils/paging';
import { useRoute } from '../../../utils/use-route';
import { ShowTitle } from '../live-badge';
import { LiveSettingsCard } from './settings-card';
import '../../../components/page.css';
import '../../../components/field/index.css';
import './index.css';

interface Loaded {
  role: Role;
  /** The owner's live settings; null for the others. */
  settings: LiveSettings | null;
  shows: LiveShowRow[];
  nextCursor: string | null;
}

/** The groups in the order the page shows them: on air first, then coming, then past. */
const GROUPS: { title: string; states: LiveState[] }[] = [
  { title: '直播中', states: ['live'] },
  { title: '预告', states: ['scheduled'] },
  { title: '已结束', states: ['ended', 'cancelled'] },
];

function whenText(row: LiveShowRow, now: number): string {
  if (row.state === 'live') return `${deadlineText(row.liveAt ?? row.startAt, now)} 开播`;
  if (row.state === 'scheduled') return `开播时间 ${deadlineText(row.startAt, now)}`;
  if (row.state === 'ended') return `${deadlineText(row.endedAt ?? row.startAt, now)} 下播`;
  return `原定 ${deadlineText(row.startAt, now)}`;
}

function ShowEntry({ row, now, onConsole, onDashboard }: { row: LiveShowRow; now: number; onConsole: () => void; onDashboard: () => void }) {
  const running = row.state === 'live' || row.state === 'scheduled';
  return (
    <View className={`card live-show-entry live-show-${row.id} is-${row.state}`}>
      <ShowTitle title={row.title} state={row.state} onClick={running ? onConsole : onDashboard} />
      <Text className='note'>{whenText(row, now)}</Text>
      <Text className='live-show-figures'>
        {row.items} 件商品 · 已卖 {row.sold}
        {row.mine ? ' · 我是主播' : ''}
      </Text>
      <View className='live-show-actions'>
        {running && (
          <Button className='primary-button live-show-console' onClick={onConsole}>
            {row.state === 'live' ? '进入直播控制台' : '去开播'}
          </Button>
        )}
        {row.state !== 'cancelled' && (
          <Button className='secondary-button live-show-dashboard' onClick={onDashboard}>
            数据和链接
          </Button>
        )}
      </View>
    </View>
  );
}

/** 直播: the shop's shows (a streamer's own), on air first; 新建直播 and the owner's live settings. */
export default function LiveShowsPage() {
  const route = useRoute('liveShows');
  const shopId = route?.shopId ?? '';
  const { state, load, retry, update } = useRemote<Loaded>();
  // Back from the console or the editor, the list refreshes in place.
  const loaded = useRef(false);

  const fetchAll = async (shown?: Loaded): Promise<Reply<Loaded>> => {
    const [shops, listing] = await Promise.all([
      shown ? null : call(shopContract, 'myShops', {}),
      call(liveContract, 'listShows', { shopId, limit: 50, ...(shown?.nextCursor ? { cursor: shown.nextCursor } : {}) }),
    ]);
    if (shops && !shops.ok) return shops;
    if (!listing.ok) return listing;
    const role = shown?.role ?? shops?.data.shops.find((entry) => entry.shop.id === shopId)?.role ?? 'streamer';
    let settings = shown?.settings ?? null;
    if (!shown && role === 'owner') {
      const reply = await call(liveContract, 'liveSettings', { shopId });
      if (!reply.ok) return reply;
      settings = reply.data.settings;
    }
    const more = afterShown('shows', shown, listing);
    return more.ok ? { ok: true, data: { role, settings, shows: more.data.shows, nextCursor: more.data.nextCursor } } : more;
  };

  useDidShow(() => {
    if (!route) return;
    void load(() => fetchAll(), { quiet: loaded.current }).then((reply) => {
      loaded.current = loaded.current || reply.ok;
    });
  });

  if (!route) return <BrokenLink />;
  if (state.status !== 'done') return <RemoteStatus state={state} onRetry={retry} />;

  const { role, settings, shows, nextCursor } = state.data;
  const go = (url: string) => void Taro.navigateTo({ url });
  const now = Date.now();
  return (
    <View className='app-page live-shows'>
      {can(role, 'manageLive') && (
        <View className='card'>
          <Button className='primary-button live-new-show' onClick={() => go(routes.liveEditor({ shopId }))}>
            + 新建直播
          </Button>
          <Text className='note'>定好时间和商品，设直播价；开播后主播点“讲解”，看直播的人就能按直播价买。</Text>
        </View>
      )}
      {settings && <LiveSettingsCard shopId={shopId} settings={settings} onSaved={(saved) => update((data) => ({ ...data, settings: saved }))} />}
      {shows.length === 0 && <EmptyState text={role === 'streamer' ? '还没有安排你主播的直播' : '还没有直播，点上面新建一场'} />}
      {GROUPS.map((group) => {
        const rows = shows.filter((row) => group.states.includes(row.state));
        if (rows.length === 0) return null;
        return (
          <View key={group.title} className={`live-show-group live-group-${group.states[0]}`}>
            <Text className='live-group-title'>
              {group.title} {rows.length}
            </Text>
            {rows.map((row) => (
              <ShowEntry key={row.id} row={row} now={now} onConsole={() => go(routes.liveConsole({ showId: row.id }))} onDashboard={() => go(routes.liveDashboard({ showId: row.id }))} />
            ))}
          </View>
        );
      })}
      {nextCursor && (
        <View className='card'>
          <Button className='secondary-button load-more' onClick={() => void load(() => fetchAll(state.data), { quiet: true })}>
            加载更多
          </Button>
        </View>
      )}
    </View>
  );
}
