// Scanning a code with the camera (Taro.scanCode), through the privacy gate: scanCode is a privacy
// API (its 用户隐私保护指引 item is the camera), so the user is asked before WeChat opens it.
import Taro from '@tarojs/taro';
import { withPrivacy } from './privacy';

/** What the scanned code holds; null when the user did not agree, cancelled, or it failed (then told why). */
export async function scanned(scanType: ('qrCode' | 'barCode')[] = ['qrCode', 'barCode']): Promise<string | null> {
  const result = await withPrivacy('scanCode', () => Taro.scanCode({ onlyFromCamera: true, scanType }));
  return result?.result ?? null;
}
