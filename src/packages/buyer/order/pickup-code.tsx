import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../../../api/call';
import { ordersContract, type OrderState } from '@core/contracts';
import { AWAITING_PICKUP, pickupQrText } from '@core/pickup';
import { qrRows } from '../../../utils/qr';

/** The QR's width in design px (750 wide), as .pickup-qr sets it. */
const QR_WIDTH = 400;

/** The QR drawn with views: the same on weapp and H5, no canvas and no image file. */
function QrCode({ text }: { text: string }) {
  const { size, rows } = qrRows(text);
  return (
    <View className='pickup-qr'>
      {rows.map((row, y) => (
        <View key={y} className='pickup-qr-row' style={{ height: Taro.pxTransform(QR_WIDTH / size) }}>
          {row.map((run, i) => (
            <View key={i} className={run.dark ? 'pickup-qr-dark' : 'pickup-qr-light'} style={{ width: `${(run.length / size) * 100}%` }} />
          ))}
        </View>
      ))}
    </View>
  );
}

/**
 * 取货码: six big digits and their QR for the vendor at the pickup point to type or scan. Shown once
 * the order is paid; the server makes the code the first time it is asked for and keeps it.
 */
export function PickupCode({ orderId, state }: { orderId: string; state: OrderState }) {
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const waiting = AWAITING_PICKUP.includes(state);
  useEffect(() => {
    if (!waiting) return setCode(null);
    void call(ordersContract, 'pickupCode', { orderId }).then((reply) => (reply.ok ? setCode(reply.data.code) : setError(reply.error.message)));
  }, [orderId, waiting]);

  if (!waiting) return null;
  if (error) return <Text className='inline-error pickup-code-error'>{error}</Text>;
  if (!code) return null;
  return (
    <View className='pickup-code'>
      <Text className='pickup-code-label'>取货码</Text>
      <Text className='pickup-code-digits'>{`${code.slice(0, 3)} ${code.slice(3)}`}</Text>
      <QrCode text={pickupQrText(code)} />
      <Text className='pickup-code-hint'>到自提点把这个码给店主看，店主扫一扫或输入号码就能取货</Text>
    </View>
  );
}
