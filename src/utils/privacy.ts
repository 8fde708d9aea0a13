// The privacy gate: every privacy API and the nickname input go through here. Before the API runs
// it asks WeChat whether the user still has to agree (getPrivacySetting); if so it shows the shop's
// own sheet (components/privacy-sheet) and waits. The sheet's agree button is WeChat's
// `open-type="agreePrivacyAuthorization"`; 不同意 says plainly what did not happen and leaves
// 同意并继续 to try again. When WeChat itself holds an API back (onNeedPrivacyAuthorization) the
// same sheet answers it. Failures are told in Chinese, never WeChat's English errMsg; a refused
// permission (the album) offers 去设置. On H5 the platform side never asks, so this is a no-op.
import Taro from '@tarojs/taro';
import { privacyFailureText, privacyUseOf, ruleOf, type PrivacyApi } from '@core/privacy';
import { needsAgreement, onPlatformAsk, openSettings } from '../api/privacy';

export interface PrivacySheetState {
  /** What the user was doing, in the app's words: "从微信选择收货地址". */
  action: string;
  /** They tapped 不同意: the sheet says nothing happened and offers to try again. */
  refused: boolean;
}

let sheet: PrivacySheetState | null = null;
let decide: ((agreed: boolean) => void) | null = null;
/** The user closed the sheet without agreeing: WeChat's "not authorized" that follows needs no second message. */
let closedWithoutAgreeing = false;
const listeners = new Set<() => void>();

function show(next: PrivacySheetState | null): void {
  sheet = next;
  for (const listener of listeners) listener();
}

export function privacySheet(): PrivacySheetState | null {
  return sheet;
}

export function onPrivacySheet(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

const actionOf = (api: string) => privacyUseOf(api)?.action ?? '使用这个功能';

/** Shows the sheet and waits for the user: true once they agreed, false when they closed it. */
function ask(api: string): Promise<boolean> {
  decide?.(false); // one question at a time: an older one ends unanswered
  closedWithoutAgreeing = false;
  return new Promise((resolve) => {
    decide = (agreed) => {
      decide = null;
      closedWithoutAgreeing = !agreed;
      show(null);
      resolve(agreed);
    };
    show({ action: actionOf(api), refused: false });
  });
}

/** The agree button's agreeprivacyauthorization event: WeChat has recorded the agreement. */
export function agreePrivacy(): void {
  decide?.(true);
}

/** 不同意: nothing runs; the sheet says so and keeps 同意并继续 for a second try. */
export function refusePrivacy(): void {
  if (sheet) show({ ...sheet, refused: true });
}

/** 关闭 after refusing: the action ends without running. */
export function closePrivacy(): void {
  decide?.(false);
}

// WeChat holding an API or component back (chooseAvatar, or any call the setting check missed).
onPlatformAsk((answer, referrer) => (listeners.size === 0 ? answer(false) : void ask(referrer).then(answer)));

/** Makes sure the user has agreed before `api` is used (the nickname input cannot ask by itself). */
export async function ensurePrivacy(api: PrivacyApi): Promise<boolean> {
  if (!(await needsAgreement())) return true;
  // A page without the sheet lets the call go: WeChat then asks through onNeedPrivacyAuthorization,
  // answered "not agreed" below, and the failure is told in Chinese.
  return listeners.size === 0 || ask(api);
}

async function tell(content: string): Promise<void> {
  await Taro.showModal({ title: '没有成功', content, showCancel: false, confirmText: '知道了' });
}

/**
 * Runs the privacy API call `run` once the user has agreed; its result, or null when they did
 * not agree, cancelled, or it failed (the user has then been told why, in Chinese).
 */
export async function withPrivacy<T>(api: PrivacyApi, run: () => Promise<T>): Promise<T | null> {
  if (!(await ensurePrivacy(api))) return null;
  try {
    return await run();
  } catch (err) {
    const errMsg = String((err as { errMsg?: string } | undefined)?.errMsg ?? err);
    const { scope } = ruleOf(api);
    if (scope && /auth den|authorize:fail/i.test(errMsg)) return (await allowInSettings(api, scope)) ? retry(api, run) : null;
    if (closedWithoutAgreeing && /privacy permission is not authorized/i.test(errMsg)) return null;
    const text = privacyFailureText(errMsg, actionOf(api));
    if (text) await tell(text);
    return null;
  }
}

async function retry<T>(api: PrivacyApi, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    const text = privacyFailureText(String((err as { errMsg?: string } | undefined)?.errMsg ?? err), actionOf(api));
    if (text) await tell(text);
    return null;
  }
}

/** A permission refused before: only WeChat's 设置 can allow it again. Whether it is allowed now. */
async function allowInSettings(api: PrivacyApi, scope: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '需要你的允许',
    content: `你之前没有允许，所以没能${actionOf(api)}。点「去设置」打开这项权限，回来就能继续。`,
    confirmText: '去设置',
    cancelText: '不用了',
  });
  return confirm && openSettings(scope);
}
