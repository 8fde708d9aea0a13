// WeChat's privacy agreement (基础库 2.32.3+) and permission settings, on the mini-program. The
// gate in src/utils/privacy.ts decides when to ask; this file only speaks to the platform. The H5
// build has no agreement to ask for (privacy.h5.ts).
import Taro from '@tarojs/taro';

/** The id of the sheet's agree button: WeChat checks that the button resolve() names was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wx's privacy APIs postdate the typings Taro wraps
type Wx = Record<string, any>;
const wx = (): Wx => (globalThis as { wx?: Wx }).wx ?? {};

/** Whether the user must still agree: false when nothing is declared, already agreed, or the base library predates the rules. */
export function needsAgreement(): Promise<boolean> {
  const api = wx().getPrivacySetting;
  if (typeof api !== 'function') return Promise.resolve(false);
  return new Promise((resolve) =>
    api({
      success: (res: { needAuthorization?: boolean }) => resolve(Boolean(res.needAuthorization)),
      fail: () => resolve(false),
    }),
  );
}

/** The answer WeChat waits for when it held a privacy API back: agreed (after the agree button) or not. */
export type PlatformAnswer = (agreed: boolean) => void;

let listening = false;

/**
 * Calls `ask` whenever WeChat holds a privacy API or component back for want of agreement
 * (wx.onNeedPrivacyAuthorization); `referrer` names it ("chooseAddress", "button.chooseAvatar").
 * Registered once for the app; a later call replaces the handler.
 */
let handler: ((answer: PlatformAnswer, referrer: string) => void) | null = null;
export function onPlatformAsk(ask: (answer: PlatformAnswer, referrer: string) => void): void {
  handler = ask;
  const api = wx().onNeedPrivacyAuthorization;
  if (listening || typeof api !== 'function') return;
  listening = true;
  api((resolve: (result: { event: string; buttonId?: string }) => void, info?: { referrer?: string }) => {
    resolve({ event: 'exposureAuthorization' });
    const answer: PlatformAnswer = (agreed) => resolve(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' });
    if (handler) handler(answer, info?.referrer ?? '');
    else answer(false);
  });
}

/** Opens the mini-program's 隐私保护指引 as WeChat shows it. */
export function openContract(): void {
  const api = wx().openPrivacyContract;
  if (typeof api === 'function') api({ fail: () => void Taro.showToast({ title: '暂时打不开，请稍后再试', icon: 'none' }) });
}

/** Opens WeChat's 设置 for this mini-program; whether `scope` is allowed when the user comes back. */
export async function openSettings(scope: string): Promise<boolean> {
  try {
    const { authSetting } = await Taro.openSetting();
    return Boolean((authSetting as Record<string, boolean>)[scope]);
  } catch {
    return false;
  }
}
