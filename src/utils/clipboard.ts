// Copying text for the vendor to paste elsewhere (a group, a chat).
import Taro from '@tarojs/taro';

/** Copies `text` and says `title` in a toast; whether it was copied (the user may refuse). */
export function copied(text: string, title: string): Promise<boolean> {
  return Taro.setClipboardData({ data: text }).then(
    () => {
      void Taro.showToast({ title, icon: 'none' });
      return true;
    },
    () => false,
  );
}
