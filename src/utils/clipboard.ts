// Copying text for the vendor to paste elsewhere (a group, a chat).
// Copying goes through the privacy gate: setClipboardData is a privacy API.
import Taro from '@tarojs/taro';
import { withPrivacy } from './privacy';

/** Copies `text` and says `title` in a toast; whether it was copied (the user may refuse). */
export async function copied(text: string, title: string): Promise<boolean> {
  const done = await withPrivacy('setClipboardData', () => Taro.setClipboardData({ data: text }));
  if (!done) return false;
  void Taro.showToast({ title, icon: 'none' });
  return true;
}
