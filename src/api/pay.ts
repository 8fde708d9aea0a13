// WeChat Pay on the mini-program: the server's unifiedOrder parameters go to Taro.requestPayment,
// which shows WeChat's own sheet. The H5 build pays in the emulator's sandbox instead (pay.h5.ts).
import Taro from '@tarojs/taro';
import type { WxPayParams } from '@core/contracts';

export interface PayRequest {
  payment: WxPayParams;
  outTradeNo: string;
  totalFen: number;
}

/** 'paid' once the buyer paid, 'cancelled' when they closed the sheet, 'failed' otherwise. */
export type PayOutcome = 'paid' | 'cancelled' | 'failed';

export async function requestPayment({ payment }: PayRequest): Promise<PayOutcome> {
  try {
    await Taro.requestPayment({ ...payment });
    return 'paid';
  } catch (error) {
    const errMsg = String((error as { errMsg?: unknown })?.errMsg ?? error);
    return /cancel/i.test(errMsg) ? 'cancelled' : 'failed';
  }
}
