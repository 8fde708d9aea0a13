// H5 transport: the local emulator's gateway. POST /api/call with {name, data} answers as
// wx.cloud.callFunction resolves, {result, requestID, errMsg}, or with an HTTP error status when
// the function could not run; the demo identity travels in a header.
import { currentOpenId } from './identity.h5';
import { TransportError, type Send } from './wire';

const TIMEOUT_MS = 10_000;

export const send: Send = async (functionName, event) => {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const openId = currentOpenId();
  if (openId) headers['X-Cactus-OpenId'] = openId;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(`${process.env.TARO_APP_GATEWAY}/api/call`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: functionName, data: event }),
      signal: controller.signal,
    });
    const text = await response.text();
    if (!response.ok) {
      const gatewayTimedOut = response.status === 504 || response.status === 408;
      throw new TransportError(gatewayTimedOut ? 'TIMEOUT' : 'INTERNAL', `HTTP ${response.status}: ${text}`);
    }
    return (JSON.parse(text) as { result?: unknown }).result;
  } catch (error) {
    if (error instanceof TransportError) throw error;
    throw new TransportError(controller.signal.aborted ? 'TIMEOUT' : 'INTERNAL', String(error));
  } finally {
    clearTimeout(timer);
  }
};
