import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { useIntentIds } from '../../../components/order';
import { BrokenLink, RemoteStatus } from '../../../components/status';
import { liveContract, type LiveShowVendorView, type Reply } from '@core/contracts';
import { deadlineText } from '@core/campaign-text';
import { routes } from '@core/routes';
import { useRoute } from '../../../utils/use-route';
import { ShowTitle } from '../live-badge';
import { ConsoleItemRow } from './item-row';
import '../../../components/page.css';
import '../../../components/field/index.css';
import './index.css';

type Loaded = { show: LiveShowVendorView };

/** The counters move as people buy: the console reads the show this often while it is on screen. */
const POLL_MS = 2000;

/**
 * The streamer's console, phone-first and one-handed: 开播 / 下播 at the top, then each item as a
 * large row with 讲解 (one pinned at a time), the live price switch, 补库存 and its 已卖 / 剩
 * counters, read again every 2 seconds. Streamers run it; owner and staff also edit the items.
 */
export default function LiveConsolePage() {
  const route = useRoute('liveConsole');
  const showId = route?.showId ?? '';
  const { state, load, retry } = useRemote<Loaded>();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [shown, setShown] = useState(false);
  const intents = useIntentIds();
  // Bumped by every action, so a poll that began before it does not put the older show back.
  const actions = useRef(0);
  const loaded = useRef(false);

  useDidShow(() => {
    if (!route) return;
    setShown(true);
    // The first time it loads with the page's loading state; afterwards quietly.
    void load(() => call(liveContract, 'vendorShow', { showId }), { quiet: loaded.current }).then((reply) => {
      loaded.current = loaded.current || reply.ok;
    });
  });
  useDidHide(() => setShown(false));

  const ended = state.status === 'done' && (state.data.show.state === 'ended' || state.data.show.state === 'cancelled');
  useEffect(() => {
    if (!shown || !route || ended) return undefined;
    const timer = setInterval(() => {
      const seen = actions.current;
      void call(liveContract, 'vendorShow', { showId }).then((reply) => {
        setOffline(!reply.ok && (reply.error.code === 'TIMEOUT' || reply.error.code === 'INTERNAL'));
        if (reply.ok && seen === actions.current) void load(async () => reply, { quiet: true });
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [shown, route, ended, showId, load]);

  if (!route) return <BrokenLink />;
  if (state.status !== 'done') return <RemoteStatus state={state} onRetry={retry} />;
  const { show } = state.data;
  const running = show.canRun && (show.state === 'scheduled' || show.state === 'live');

  /** One action: its reply is the show as it now is. `key` marks which button waits. */
  const act = async (key: string, send: () => Promise<Reply<Loaded>>, done?: string) => {
    if (busy) return;
    actions.current += 1;
    setBusy(key);
    setProblem(null);
    const reply = await send();
    actions.current += 1;
    setBusy(null);
    if (!reply.ok) {
      setProblem(reply.error.message);
      void Taro.showToast({ title: reply.error.message, icon: 'none' });
      return;
    }
    void load(async () => reply, { quiet: true });
    if (done) void Taro.showToast({ title: done, icon: 'success' });
  };

  const start = () => void act('start', () => call(liveContract, 'startShow', { showId }), '已开播');
  const end = async () => {
    const { confirm } = await Taro.showModal({ title: '下播', content: '下播后直播价马上停止，买家只能按原价买。确定下播吗？', confirmText: '下播', confirmColor: '#c62f14', cancelText: '再播会儿' });
    if (confirm) await act('end', () => call(liveContract, 'endShow', { showId }), '已下播');
  };
  const pin = (itemId: string) => void act(itemId, () => call(liveContract, 'pin', { showId, itemId: show.pinnedItemId === itemId ? null : itemId }));
  const setOn = (itemId: string, on: boolean) => void act(itemId, () => call(liveContract, 'setItemOn', { showId, itemId, on }));
  const restock = (itemId: string, quantity: number) => {
    // One id per intended restock: a retry after a lost reply adds once; the next tap is a new one.
    const intent = `restock:${itemId}:${quantity}`;
    void act(
      itemId,
      async () => {
        const reply = await call(liveContract, 'restock', { showId, itemId, quantity }, { requestId: intents.idFor(intent) });
        if (reply.ok || (reply.error.code !== 'TIMEOUT' && reply.error.code !== 'INTERNAL')) intents.succeeded(intent);
        return reply;
      },
      `已补 ${quantity}`,
    );
  };

  const go = (url: string) => void Taro.navigateTo({ url });
  const sold = show.items.reduce((sum, item) => sum + item.sold, 0);
  const now = Date.now();
  return (
    <View className={`app-page live-console console-state-${show.state}`}>
      <View className='card console-top'>
        <ShowTitle title={show.title} state={show.state} />
        {show.state === 'scheduled' && <Text className='note'>开播时间：{deadlineText(show.startAt, now)}</Text>}
        {show.state === 'live' && show.autoEndAt !== null && <Text className='note'>忘了下播也没关系：{deadlineText(show.autoEndAt, now)} 自动下播</Text>}
        <Text className='console-total'>这场已卖 {sold} 件</Text>
        {running && show.state === 'scheduled' && (
          <Button className={`primary-button console-start ${busy ? 'is-disabled' : ''}`} disabled={Boolean(busy) || undefined} onClick={start}>
            {busy === 'start' ? '正在开播…' : '开播'}
          </Button>
        )}
        {running && show.state === 'live' && (
          <Button className='danger-button console-end' disabled={Boolean(busy) || undefined} onClick={() => void end()}>
            {busy === 'end' ? '正在下播…' : '下播'}
          </Button>
        )}
        {show.state === 'ended' && <Text className='form-saved console-ended'>已下播，直播价已经停了</Text>}
        {show.state === 'cancelled' && <Text className='note console-cancelled'>这场直播已经取消了</Text>}
        {!show.canRun && <Text className='note'>你只能看，不能操作这场直播</Text>}
      </View>
      {offline && <Text className='form-error console-offline'>网络不太好，数字可能没更新，正在重连…</Text>}
      {problem && <Text className='form-error console-problem'>{problem}</Text>}
      {running && show.state === 'scheduled' && <Text className='note console-hint'>开播前也可以先点好要讲解的商品、打开直播价。</Text>}
      {show.items.map((item) => (
        <ConsoleItemRow
          key={item.id}
          item={item}
          pinned={show.pinnedItemId === item.id}
          running={running}
          busy={busy === item.id}
          onPin={() => pin(item.id)}
          onSwitch={(on) => setOn(item.id, on)}
          onRestock={(quantity) => restock(item.id, quantity)}
        />
      ))}
      <View className='card console-links'>
        <Button className='secondary-button console-dashboard' onClick={() => go(routes.liveDashboard({ showId }))}>
          看数据和分享链接
        </Button>
        {show.canEdit && show.state !== 'ended' && show.state !== 'cancelled' && (
          <Button className='secondary-button console-edit' onClick={() => go(routes.liveEditor({ shopId: show.shopId, showId }))}>
            编辑商品和价格
          </Button>
        )}
      </View>
    </View>
  );
}
