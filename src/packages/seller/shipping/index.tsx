import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { useRoute } from '../../../utils/use-route';
import { withPrivacy } from '../../../utils/privacy';
import { chooseAndUploadSheet } from '../../../api/sheet-upload';
import { openSheet } from '../../../utils/sheet';
import { PrivacySheet } from '../../../components/privacy-sheet';
import { EmptyState, BrokenLink, RemoteStatus } from '../../../components/status';
import { shippingContract, type FulfilmentKind, type OutputOf, type PrepLine, type PrepList, type WorkspaceFilter } from '@core/contracts';
import { formatFen } from '@core/money';
import { lineLabel } from '@core/order-names';
import { formatShanghai, startOfShanghaiDay } from '@core/dates';
import { CARRIERS } from '@core/shipping-record';
import '../../../components/page.css';
import './index.css';

type Workspace = OutputOf<typeof shippingContract, 'workspace'>;
type Imported = OutputOf<typeof shippingContract, 'importShipments'>;

const KINDS: { kind: FulfilmentKind | undefined; label: string }[] = [
  { kind: undefined, label: '全部' },
  { kind: 'express', label: '快递' },
  { kind: 'local', label: '同城配送' },
  { kind: 'pickup', label: '自提' },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Placed since: all time, today, or the last three days (Beijing days). */
const SINCE: { days: number | null; label: string; className: string }[] = [
  { days: null, label: '全部时间', className: 'shipping-day-all' },
  { days: 1, label: '今天', className: 'shipping-day-today' },
  { days: 3, label: '近 3 天', className: 'shipping-day-3' },
];

/** The first moment of the Beijing day `days - 1` days before today. */
const sinceDays = (days: number, now = Date.now()) => startOfShanghaiDay(now) - (days - 1) * DAY_MS;

function PrepLines({ lines }: { lines: PrepLine[] }) {
  return (
    <View>
      {lines.map((line) => (
        <View key={`${line.productId}-${line.skuId}`} className='shipping-prep-line'>
          <Text>{lineLabel(line)}</Text>
          <Text className='shipping-prep-qty'>
            {line.quantity} {line.unit}
          </Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 发货: the shop's paid orders still to hand over, filtered by fulfilment kind and pickup point (and
 * by campaign when opened from one), with counts; the 备货单 of what is shown, and the 发货单 as Excel.
 */
export default function ShippingPage() {
  const route = useRoute('shipping');
  const shopId = route?.shopId ?? '';
  const { state, load, retry } = useRemote<Workspace>();
  const [filter, setFilter] = useState<WorkspaceFilter>({});
  const [days, setDays] = useState<number | null>(null);
  const [prep, setPrep] = useState<PrepList | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<Imported | null>(null);
  /** The carrier of rows that name none (a sheet of just 订单号 and 单号); null: the sheet says. */
  const [carrier, setCarrier] = useState<string | null>(null);

  /** The 团 or the live show the page was opened for narrows every list. */
  const withCampaign = (next: WorkspaceFilter): WorkspaceFilter => ({
    ...next,
    ...(route?.campaignId ? { campaignId: route.campaignId } : {}),
    ...(route?.liveShowId ? { liveShowId: route.liveShowId } : {}),
  });
  const show = (next: WorkspaceFilter) => {
    setFilter(next);
    setPrep(null);
    setError(null);
    void load(() => call(shippingContract, 'workspace', { shopId, filter: withCampaign(next), limit: 100 }));
  };

  useDidShow(() => {
    if (route) void load(() => call(shippingContract, 'workspace', { shopId, filter: withCampaign(filter), limit: 100 }), { quiet: true });
  });

  const preparing = async () => {
    setBusy(true);
    setError(null);
    const reply = await call(shippingContract, 'prepList', { shopId, filter: withCampaign(filter) });
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    setPrep(reply.data);
  };

  const exporting = async () => {
    setBusy(true);
    setError(null);
    const reply = await call(shippingContract, 'exportSheet', { shopId, filter: withCampaign(filter) });
    if (!reply.ok) {
      setBusy(false);
      return setError(reply.error.message);
    }
    try {
      await openSheet(reply.data.url);
    } catch {
      setError('发货单没能打开，请稍后再试');
    }
    setBusy(false);
  };

  /** 导入单号: the vendor's filled 发货单 ships every order with a 快递公司 and 快递单号; bad rows are listed by row number. */
  const importing = async () => {
    setError(null);
    setImported(null);
    let fileID: string | null;
    try {
      fileID = await chooseAndUploadSheet(
        (pick) => withPrivacy('chooseMessageFile', pick),
        async () => {
          const reply = await call(shippingContract, 'importUploadPath', { shopId });
          if (!reply.ok) throw new Error(reply.error.message);
          return reply.data.cloudPath;
        },
      );
    } catch {
      return setError('文件没能上传，请稍后再试');
    }
    if (!fileID) return;
    setBusy(true);
    const reply = await call(shippingContract, 'importShipments', { shopId, fileID, ...(carrier && { carrier }) });
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    setImported(reply.data);
    void load(() => call(shippingContract, 'workspace', { shopId, filter: withCampaign(filter), limit: 100 }), { quiet: true });
  };

  if (!route) return <BrokenLink />;
  const data = state.status === 'done' ? state.data : null;
  return (
    <View className='app-page shipping-page'>
      <View className='card'>
        <Text className='card-title'>收货方式</Text>
        <View className='shipping-filters'>
          {KINDS.map(({ kind, label }) => (
            <View key={label} className={`shipping-chip ${filter.kind === kind && !filter.pointId ? 'is-on' : ''}`} onClick={() => show({ ...filter, kind, pointId: undefined })}>
              {label}
              {data && kind ? ` ${data.counts.byKind[kind]}` : ''}
            </View>
          ))}
        </View>
        {data && data.counts.byPoint.length > 0 && (
          <>
            <Text className='card-title'>自提点</Text>
            <View className='shipping-filters'>
              {data.counts.byPoint.map((point) => (
                <View key={point.pointId} className={`shipping-chip ${filter.pointId === point.pointId ? 'is-on' : ''}`} onClick={() => show({ ...filter, kind: 'pickup', pointId: point.pointId })}>
                  {point.name} {point.count}
                </View>
              ))}
            </View>
          </>
        )}
        <Text className='card-title'>下单时间</Text>
        <View className='shipping-filters'>
          {SINCE.map((since) => (
            <View
              key={since.label}
              className={`shipping-chip ${since.className} ${days === since.days ? 'is-on' : ''}`}
              onClick={() => {
                setDays(since.days);
                show({ ...filter, from: since.days === null ? undefined : sinceDays(since.days) });
              }}
            >
              {since.label}
            </View>
          ))}
        </View>
        {data && <Text className='shipping-total'>待发货 {data.counts.total} 单</Text>}
        <View className='shipping-buttons'>
          {/* Nothing to prepare or export without orders: the buttons show only when there are some. */}
          {!!data?.counts.total && (
            <>
              <Button className={`primary-button shipping-prep ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void preparing()}>
                看备货单
              </Button>
              <Button className={`secondary-button shipping-export ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void exporting()}>
                导出发货单（Excel）
              </Button>
            </>
          )}
          <Text className='card-title'>快递公司</Text>
          <View className='shipping-filters shipping-carriers'>
            <View className={`shipping-chip shipping-carrier-sheet ${carrier === null ? 'is-on' : ''}`} onClick={() => setCarrier(null)}>
              按表格里填的
            </View>
            {CARRIERS.map(({ code, names }) => (
              <View key={code} className={`shipping-chip shipping-carrier-${code} ${carrier === names[0] ? 'is-on' : ''}`} onClick={() => setCarrier(names[0])}>
                {names[0]}
              </View>
            ))}
          </View>
          <Button className={`secondary-button shipping-import ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void importing()}>
            导入快递单号
          </Button>
          <Text className='note'>
            {carrier === null
              ? '在导出的发货单里填好“快递公司”和“快递单号”，再导入，就一起发货了'
              : `表格里没写快递公司的，都按${carrier}发货；只有“订单号”和“单号”两列的表格也可以导入`}
          </Text>
        </View>
        {error && <Text className='inline-error shipping-error'>{error}</Text>}
      </View>

      {imported && (
        <View className='card shipping-imported'>
          <Text className='card-title'>
            发货了 {imported.shipped} 单{imported.alreadyShipped ? `，${imported.alreadyShipped} 单之前已经发过` : ''}
          </Text>
          {imported.problems.length > 0 && <Text className='inline-error'>{imported.problems.length} 行没有发货，请改好后再导入：</Text>}
          {imported.problems.map((problem) => (
            <Text key={`${problem.row}-${problem.kind}`} className='shipping-problem'>
              第 {problem.row} 行{problem.orderNo ? `（${problem.orderNo}）` : ''}：{problem.message}
            </Text>
          ))}
        </View>
      )}

      {prep && (
        <View className='card shipping-prep-list'>
          <Text className='card-title'>备货单 · {prep.orderCount} 单</Text>
          <PrepLines lines={prep.lines} />
          {prep.byPoint.map((point) => (
            <View key={point.pointId}>
              <Text className='card-title'>
                {point.name}（{point.orderCount} 单）
              </Text>
              <PrepLines lines={point.lines} />
            </View>
          ))}
        </View>
      )}

      <RemoteStatus state={state} onRetry={retry} />
      {data && data.orders.length === 0 && <EmptyState text='没有要发货的订单' />}
      {data && data.orders.length > 0 && (
        <View className='card'>
          {data.orders.map((order) => (
            <View key={order.id} className='shipping-row'>
              <Text className='shipping-row-name'>
                {order.seq !== null ? `#${order.seq} ` : ''}
                {order.name} {order.phone}
              </Text>
              <Text>{order.summary}</Text>
              <Text className='note'>
                {order.place} · {formatFen(order.totalFen)} · {formatShanghai(order.createdAt, 'M月D日 HH:mm')}
              </Text>
              {order.buyerNote && <Text className='note'>备注：{order.buyerNote}</Text>}
            </View>
          ))}
          {data.counts.total > data.orders.length && <Text className='note'>只列出前 {data.orders.length} 单，备货单和发货单包含全部 {data.counts.total} 单</Text>}
        </View>
      )}
      <PrivacySheet />
    </View>
  );
}
