// WeChat's privacy rules as the client applies them, for the miniprogram-simulate harness: the
// stand-ins for privacy APIs fail as WeChat does when app.json does not declare them
// (requiredPrivateInfos), when the MP console's 用户隐私保护指引 does not list their item, or when
// the user has not agreed; getPrivacySetting, onNeedPrivacyAuthorization, requirePrivacyAuthorize,
// openPrivacyContract and the `agreePrivacyAuthorization` button behave as 《小程序隐私协议开发指南》
// documents them. An API that needs a permission (saveImageToPhotosAlbum: scope.writePhotosAlbum)
// fails with "auth deny" once the user refused it, and WeChat never asks again: only 设置
// (wx.openSetting, where the test plays the user) turns it back on. What the API does once allowed
// (the address picked...) is the test's answer.
import { PRIVACY_CATALOG, PRIVACY_USES, type PrivacyApi } from '../../src/core/privacy';

type Json = Record<string, any>;
type Api = (options?: Json) => unknown;

export interface PrivacyOptions {
  /** The user agreed before (a returning buyer). Default true; a first visit is false. */
  agreed?: boolean;
  /** The items the MP console declares; default: every item the README says to declare. */
  declaredItems?: string[];
  /** Permissions as wx.getSetting reports them: false = refused before (no popup again), true = allowed, absent = never asked (WeChat's popup: allowed). */
  authSetting?: Record<string, boolean>;
}

export interface PrivacyPlatform {
  /** The wx stand-ins: the privacy APIs (wrapping the test's answers) and the agreement APIs. */
  wx: Record<string, Api>;
  readonly agreed: boolean;
  /** Each time WeChat held an API back and asked the app (onNeedPrivacyAuthorization), its referrer. */
  asks: string[];
  /** Privacy API calls that reached the test's answer, by name. */
  ran: string[];
  contractOpened: number;
  /** The permissions now: what the user allowed or refused, in the popup or in 设置. */
  readonly authSetting: Record<string, boolean>;
  /** How often 设置 (wx.openSetting) was opened. */
  settingsOpened: number;
  /** What the user does in 设置 before coming back (switch a permission on); default: nothing. */
  inSettings: (authSetting: Record<string, boolean>) => void;
  /** A tap on a `<button open-type="agreePrivacyAuthorization" id=...>`: WeChat records the agreement. */
  tapAgreeButton(id: string): void;
}

/** Answers like the client: a promise without callbacks, else success or fail, then complete. */
export function answer(options: Json, reply: Promise<unknown>): Promise<unknown> | undefined {
  if (!options.success && !options.fail && !options.complete) return reply;
  void reply.then(
    (res) => (options.success?.(res), options.complete?.(res)),
    (err) => (options.fail?.(err), options.complete?.(err)),
  );
  return undefined;
}

export function privacyPlatform(appJson: Json, answers: Record<string, Api>, options: PrivacyOptions = {}): PrivacyPlatform {
  const declared = new Set(options.declaredItems ?? PRIVACY_USES.map((use) => PRIVACY_CATALOG[use.api].item));
  const required = new Set<string>(appJson.requiredPrivateInfos ?? []);
  const tapped = new Set<string>();
  let agreed = options.agreed ?? true;
  const authSetting: Record<string, boolean> = { ...options.authSetting };
  let listener: ((resolve: (result: Json) => void, info: { referrer: string }) => void) | null = null;

  /** Waits for the user's agreement as WeChat does: through the app's listener, else the official popup (here: declined). */
  const authorize = (referrer: string): Promise<void> => {
    if (agreed) return Promise.resolve();
    platform.asks.push(referrer);
    if (!listener) return Promise.reject({ errMsg: `${referrer}:fail privacy permission is not authorized` });
    const ask = listener;
    return new Promise((resolve, reject) => {
      ask(
        (result) => {
          if (result.event === 'exposureAuthorization') return;
          if (result.event === 'agree' && result.buttonId && tapped.has(result.buttonId)) {
            agreed = true;
            resolve();
          } else reject({ errMsg: `${referrer}:fail privacy permission is not authorized` });
        },
        { referrer },
      );
    });
  };

  const guarded = (name: PrivacyApi): Api => (callOptions: Json = {}) => {
    const rule = PRIVACY_CATALOG[name] as { item: string; requiredPrivateInfo?: true; scope?: string };
    const reply = (async () => {
      if (rule.requiredPrivateInfo && !required.has(name)) throw { errMsg: `${name}:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json` };
      if (!declared.has(rule.item)) throw { errMsg: `${name}:fail api scope is not declared in the privacy agreement` };
      await authorize(name);
      if (rule.scope) {
        // Refused once, WeChat does not ask again: the call fails until 设置 allows it.
        if (authSetting[rule.scope] === false) throw { errMsg: `${name}:fail auth deny` };
        authSetting[rule.scope] = true;
      }
      const run = answers[name];
      if (!run) throw { errMsg: `${name}:fail this test gave no answer for it` };
      platform.ran.push(name);
      const { success: _s, fail: _f, complete: _c, ...params } = callOptions;
      return run(params);
    })();
    return answer(callOptions, reply);
  };

  const platform: PrivacyPlatform = {
    wx: {
      getPrivacySetting: (callOptions: Json = {}) =>
        answer(callOptions, Promise.resolve({ errMsg: 'getPrivacySetting:ok', needAuthorization: declared.size > 0 && !agreed, privacyContractName: '《仙人掌小店小程序隐私保护指引》' })),
      onNeedPrivacyAuthorization: (fn: any) => void (listener = fn),
      requirePrivacyAuthorize: (callOptions: Json = {}) => answer(callOptions, authorize('requirePrivacyAuthorize').then(() => ({ errMsg: 'requirePrivacyAuthorize:ok' }))),
      getSetting: (callOptions: Json = {}) => answer(callOptions, Promise.resolve({ errMsg: 'getSetting:ok', authSetting: { ...authSetting } })),
      openSetting: (callOptions: Json = {}) => {
        platform.settingsOpened += 1;
        platform.inSettings(authSetting);
        return answer(callOptions, Promise.resolve({ errMsg: 'openSetting:ok', authSetting: { ...authSetting } }));
      },
      openPrivacyContract: (callOptions: Json = {}) => {
        platform.contractOpened += 1;
        return answer(callOptions, Promise.resolve({ errMsg: 'openPrivacyContract:ok' }));
      },
      ...Object.fromEntries((Object.keys(PRIVACY_CATALOG) as PrivacyApi[]).filter((name) => !name.includes('.')).map((name) => [name, guarded(name)])),
    },
    get agreed() {
      return agreed;
    },
    asks: [],
    ran: [],
    contractOpened: 0,
    authSetting,
    settingsOpened: 0,
    inSettings: () => undefined,
    tapAgreeButton(id) {
      tapped.add(id);
      agreed = true;
    },
  };
  return platform;
}
