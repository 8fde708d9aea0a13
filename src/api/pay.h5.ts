// WeChat Pay on the local H5 build: a browser cannot call wx.requestPayment, so a pay sheet shows
// the amount with 确认支付, and confirming posts to the emulator's sandbox (POST /api/pay), which
// marks the trade paid and sends the payment notification to the callback function as WeChat would.
import Taro from '@tarojs/taro';
import { formatFen } from '@core/money';
import { currentOpenId } from './identity.h5';
import type { PayOutcome, PayRequest } from './pay';

export type { PayOutcome, PayRequest } from './pay';

export async function requestPayment({ outTradeNo, totalFen }: PayRequest): Promise<PayOutcome> {
  const sheet = await Taro.showModal({
    title: '微信支付（本地演示）',
    content: `付给店主 ${formatFen(totalFen)}`,
    confirmText: '确认支付',
    cancelText: '不付了',
  });
  if (!sheet.confirm) return 'cancelled';
  try {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const openId = currentOpenId();
    if (openId) headers['X-Cactus-OpenId'] = openId;
    const response = await fetch(`${process.env.TARO_APP_GATEWAY}/api/pay`, { method: 'POST', headers, body: JSON.stringify({ outTradeNo }) });
    return response.ok ? 'paid' : 'failed';
  } catch {
    return 'failed';
  }
}
