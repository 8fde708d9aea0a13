// Mini-program transport: WeChat Cloud Development's callFunction. The H5 build uses
// transport.h5.ts instead (Taro picks the file by platform suffix).
import Taro from '@tarojs/taro';
import { TransportError, type Send } from './wire';

/** WeChat's code for a cloud function that ran past its time limit. */
const FUNCTION_TIMED_OUT = -504003;

let initialized = false;

function describe(error: unknown): { errCode?: number; errMsg: string } {
  if (typeof error === 'object' && error !== null) {
    const { errCode, errMsg } = error as { errCode?: unknown; errMsg?: unknown };
    return { errCode: typeof errCode === 'number' ? errCode : undefined, errMsg: String(errMsg ?? error) };
  }
  return { errMsg: String(error) };
}

export const send: Send = async (functionName, event) => {
  if (!initialized) {
    Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined });
    initialized = true;
  }
  try {
    const { result } = await Taro.cloud.callFunction({ name: functionName, data: { ...event } });
    return result;
  } catch (error) {
    const { errCode, errMsg } = describe(error);
    const timedOut = errCode === FUNCTION_TIMED_OUT || /time(d)? ?out/i.test(errMsg);
    throw new TransportError(timedOut ? 'TIMEOUT' : 'INTERNAL', errMsg);
  }
};
