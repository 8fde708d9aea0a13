import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { useRemote } from '../../../utils/use-remote';
import { scanned } from '../../../utils/scan';
import { BrokenLink, EmptyState, RemoteStatus } from '../../../components/status';
import { PrivacySheet } from '../../../components/privacy-sheet';
import { ordersContract, type OutputOf } from '@core/contracts';
import type { PickupWaitingRow } from '@core/contracts/pickup';
import { formatFen } from '@core/money';
import { useRoute } from '../../../utils/use-route';
import '../../../components/page.css';
import './index.css';

type Waiting = OutputOf<typeof ordersContract, 'pickupWaiting'>;
type Redeemed = OutputOf<typeof ordersContract, 'redeemPickup'>['order'];

/** One buyer still to come: who, what, and 提醒取货 (once per order). */
function WaitingRow({ row, onReminded }: { row: PickupWaitingRow; onReminded: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remind = async () => {
    setBusy(true);
    setError(null);
    const reply = await call(ordersContract, 'remindPickup', { orderId: row.orderId });
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    void Taro.showToast({ title: reply.data.sent ? '已提醒' : '买家没订阅消息，请打电话', icon: 'none' });
    onReminded();
  };
  return (
    <View className='pickup-row'>
      <View className='pickup-row-main'>
        <Text className='pickup-row-name'>
          {row.contact.name} {row.contact.phone}
        </Text>
        <Text className='pickup-row-goods'>
          {row.title} · {formatFen(row.totalFen)}
        </Text>
        <Text className='note'>订单号 {row.orderNo}</Text>
      </View>
      {row.remindedAt ? (
        <Text className='pickup-reminded'>已提醒</Text>
      ) : (
        <Button className={`small-button pickup-remind ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void remind()}>
          提醒取货
        </Button>
      )}
      {error && <Text className='inline-error'>{error}</Text>}
    </View>
  );
}

/**
 * 自提核销: the vendor types or scans the buyer's 取货码 and the order completes; below, per pickup
 * point, who still has to come (paid, not handed over) with a one-time reminder each.
 */
export default function PickupPage() {
  const route = useRoute('pickup');
  const shopId = route?.shopId ?? '';
  const { state, load, retry, reload } = useRemote<Waiting>();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Redeemed | null>(null);

  useDidShow(() => {
    if (route) void load(() => call(ordersContract, 'pickupWaiting', { shopId }), { quiet: true });
  });

  const redeem = async (typed: string) => {
    if (busy || !typed.trim()) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const reply = await call(ordersContract, 'redeemPickup', { shopId, code: typed });
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    setDone(reply.data.order);
    setCode('');
    void reload();
  };

  const scan = async () => {
    const text = await scanned(['qrCode']);
    if (text) await redeem(text);
  };

  if (!route) return <BrokenLink />;
  const points = state.status === 'done' ? state.data.points : [];
  const total = points.reduce((sum, row) => sum + row.orders.length, 0);
  return (
    <View className='app-page pickup-page'>
      <View className='card pickup-redeem'>
        <Text className='card-title'>核销取货码</Text>
        <Input className='text-input pickup-code-input' type='number' maxlength={6} placeholder='输入买家的 6 位取货码' value={code} onInput={(event) => setCode(event.detail.value)} onConfirm={() => void redeem(code)} />
        <Button className={`primary-button pickup-redeem-button ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void redeem(code)}>
          确认取货
        </Button>
        {process.env.TARO_ENV === 'weapp' && (
          <Button className='secondary-button pickup-scan' onClick={() => void scan()}>
            扫买家的取货码
          </Button>
        )}
        {error && <Text className='inline-error pickup-error'>{error}</Text>}
        {done && (
          <View className='pickup-done'>
            <Text className='pickup-done-title'>已完成：{done.contact.name} 取走了</Text>
            <Text className='pickup-done-goods'>
              {done.title} · 订单号 {done.orderNo}
            </Text>
          </View>
        )}
      </View>

      <Text className='pickup-waiting-title'>还没来取的（{total} 单）</Text>
      <RemoteStatus state={state} onRetry={retry} />
      {state.status === 'done' && points.length === 0 && <EmptyState text='还没有自提点，请到店铺设置里添加' />}
      {points.map(({ point, orders }) => (
        <View key={point.id} className='card pickup-point'>
          <Text className='card-title'>
            {point.name}（{orders.length}）{point.enabled === false ? ' · 已关闭' : ''}
          </Text>
          <Text className='note'>{point.address}</Text>
          {orders.length === 0 ? <Text className='note pickup-none'>都取走了</Text> : orders.map((row) => <WaitingRow key={row.orderId} row={row} onReminded={() => void reload()} />)}
        </View>
      ))}
      <PrivacySheet />
    </View>
  );
}
