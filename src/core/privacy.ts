// WeChat's privacy rules as one table. Every privacy API or component WeChat knows (PRIVACY_CATALOG,
// from 《小程序用户隐私保护指引内容介绍》 and 《小程序隐私协议开发指南》) names the item of the MP
// console's 用户隐私保护指引 it needs, whether app.json must list it in `requiredPrivateInfos`, and
// the permission scope it asks for. PRIVACY_USES says which of them this app uses and why; from
// it come app.json's `requiredPrivateInfos` (src/app.config.ts), the README's list of items to
// declare (`npm run privacy:readme`), the gate's sheet text, and the conformance test's check that
// the built mini-program calls nothing it does not declare. Pure: no Taro, no wx.

/** What WeChat knows about one privacy API (`chooseAddress`) or component (`button.chooseAvatar`). */
export interface PrivacyRule {
  /** The 用户隐私保护指引 item the MP console must declare before the API works. */
  item: string;
  /** app.json must list the API in `requiredPrivateInfos` (location-type APIs and chooseAddress, since 2022-07-14). */
  requiredPrivateInfo?: true;
  /** The permission the API asks for besides the privacy agreement; refused once, only 设置 (openSetting) brings it back. */
  scope?: string;
}

const ADDRESS = '收集你的地址';
const LOCATION = '收集你的位置信息';
const CHOSEN_LOCATION = '收集你选择的位置信息';
const PHOTOS = '收集你选中的照片或视频信息';
const ALBUM = '使用你的相册（仅写入）权限';
const CLIPBOARD = '读取你的剪切板';
const PROFILE = '收集你的昵称、头像';
const CAMERA = '访问你的摄像头';

export const PRIVACY_CATALOG = {
  chooseAddress: { item: ADDRESS, requiredPrivateInfo: true },
  chooseLocation: { item: CHOSEN_LOCATION, requiredPrivateInfo: true },
  choosePoi: { item: CHOSEN_LOCATION, requiredPrivateInfo: true },
  getLocation: { item: LOCATION, requiredPrivateInfo: true, scope: 'scope.userLocation' },
  getFuzzyLocation: { item: LOCATION, requiredPrivateInfo: true, scope: 'scope.userFuzzyLocation' },
  onLocationChange: { item: LOCATION, requiredPrivateInfo: true },
  startLocationUpdate: { item: LOCATION, requiredPrivateInfo: true, scope: 'scope.userLocation' },
  startLocationUpdateBackground: { item: LOCATION, requiredPrivateInfo: true, scope: 'scope.userLocationBackground' },
  chooseImage: { item: PHOTOS },
  chooseMedia: { item: PHOTOS },
  chooseVideo: { item: PHOTOS },
  chooseMessageFile: { item: '收集你选中的文件' },
  saveImageToPhotosAlbum: { item: ALBUM, scope: 'scope.writePhotosAlbum' },
  saveVideoToPhotosAlbum: { item: ALBUM, scope: 'scope.writePhotosAlbum' },
  setClipboardData: { item: CLIPBOARD },
  getClipboardData: { item: CLIPBOARD },
  // Not in WeChat's published table; the MP console shows the items it detects in an uploaded
  // version, so check this one there when the app first scans codes.
  scanCode: { item: CAMERA, scope: 'scope.camera' },
  'button.chooseAvatar': { item: PROFILE },
  'input.nickname': { item: PROFILE },
  'button.getPhoneNumber': { item: '收集你的手机号' },
} as const satisfies Record<string, PrivacyRule>;

export type PrivacyApi = keyof typeof PRIVACY_CATALOG;

/** One privacy API this app uses: what for (the 用途 the console asks for) and what the buyer is doing. */
export interface PrivacyUse {
  api: PrivacyApi;
  /** 用途, as the console shows it after "为了": short, plain. */
  purpose: string;
  /** The action in the app's own words, for the gate's sheet and its messages: "选择微信里的收货地址". */
  action: string;
}

export const PRIVACY_USES = [
  { api: 'chooseAddress', purpose: '填写收货地址，把货寄给你', action: '从微信选择收货地址' },
  { api: 'chooseMedia', purpose: '店主上传商品照片', action: '选择照片' },
  { api: 'saveImageToPhotosAlbum', purpose: '把商品和团购海报存到相册，方便发给朋友', action: '把海报存到相册' },
  { api: 'setClipboardData', purpose: '复制店主微信号、订单号和接龙文案', action: '复制文字' },
  { api: 'button.chooseAvatar', purpose: '在接龙名单上显示你选的头像', action: '使用微信头像' },
  { api: 'input.nickname', purpose: '在接龙名单上显示你填的名字', action: '使用微信昵称' },
  { api: 'scanCode', purpose: '店主扫买家的取货码核对交货，或扫快递单上的单号', action: '扫码' },
  { api: 'chooseMessageFile', purpose: '店主导入填好快递单号的发货单（Excel）', action: '选择聊天里的文件' },
] as const satisfies readonly PrivacyUse[];

export type UsedPrivacyApi = (typeof PRIVACY_USES)[number]['api'];

/** The APIs app.json's `requiredPrivateInfos` may name: those the catalog marks. */
export type RequiredPrivateInfo = { [K in PrivacyApi]: (typeof PRIVACY_CATALOG)[K] extends { requiredPrivateInfo: true } ? K : never }[PrivacyApi];

export function ruleOf(api: PrivacyApi): PrivacyRule {
  return PRIVACY_CATALOG[api];
}

/** What app.json's `requiredPrivateInfos` must list: the used APIs that need it, in table order. */
export function requiredPrivateInfos(uses: readonly PrivacyUse[] = PRIVACY_USES): RequiredPrivateInfo[] {
  return uses.filter((use) => ruleOf(use.api).requiredPrivateInfo).map((use) => use.api as RequiredPrivateInfo);
}

/** The 用户隐私保护指引 items to declare, each with the APIs that need it and their 用途, in table order. */
export function privacyItems(uses: readonly PrivacyUse[] = PRIVACY_USES): { item: string; apis: PrivacyApi[]; purposes: string[] }[] {
  const items = new Map<string, { item: string; apis: PrivacyApi[]; purposes: string[] }>();
  for (const use of uses) {
    const { item } = ruleOf(use.api);
    const entry = items.get(item) ?? { item, apis: [], purposes: [] };
    entry.apis.push(use.api);
    if (!entry.purposes.includes(use.purpose)) entry.purposes.push(use.purpose);
    items.set(item, entry);
  }
  return [...items.values()];
}

export const PRIVACY_README_BEGIN = '<!-- privacy-items:begin (npm run privacy:readme writes this block from src/core/privacy.ts) -->';
export const PRIVACY_README_END = '<!-- privacy-items:end -->';

/** The README block: one line per 用户隐私保护指引 item, then requiredPrivateInfos and the permission scopes. */
export function privacyReadmeBlock(uses: readonly PrivacyUse[] = PRIVACY_USES): string {
  const code = (text: string) => `\`${text}\``;
  const lines = privacyItems(uses).map(({ item, apis, purposes }) => `| ${item} | ${purposes.join('；')} | ${apis.map(code).join(', ')} |`);
  const scopes = [...new Set(uses.map((use) => ruleOf(use.api).scope).filter((scope): scope is string => Boolean(scope)))];
  return [
    PRIVACY_README_BEGIN,
    '| 用户隐私保护指引 item | 用途 (fill in after "为了") | used by |',
    '|---|---|---|',
    ...lines,
    '',
    `app.json \`requiredPrivateInfos\` (written by the build): ${requiredPrivateInfos(uses).map(code).join(', ') || 'none'}.`,
    `Permission scopes asked at use (a refusal leads to 设置): ${scopes.map(code).join(', ') || 'none'}.`,
    PRIVACY_README_END,
  ].join('\n');
}

/** `readme` with its marked block replaced by `block`; throws when the markers are missing. */
export function withPrivacyBlock(readme: string, block: string = privacyReadmeBlock()): string {
  const begin = readme.indexOf(PRIVACY_README_BEGIN);
  const end = readme.indexOf(PRIVACY_README_END);
  if (begin < 0 || end < begin) throw new Error('README has no privacy-items block');
  return readme.slice(0, begin) + block + readme.slice(end + PRIVACY_README_END.length);
}

/** The use of `api`, for the sheet's text; undefined for an API the table does not list. */
export function privacyUseOf(api: string): PrivacyUse | undefined {
  return (PRIVACY_USES as readonly PrivacyUse[]).find((use) => use.api === api);
}

/**
 * A WeChat failure of a privacy API in plain Chinese, or null when nothing should be said
 * (the user cancelled). Never shows WeChat's English errMsg.
 */
export function privacyFailureText(errMsg: string, action = '使用这个功能'): string | null {
  if (/cancel/i.test(errMsg)) return null;
  if (/privacy permission is not authorized/i.test(errMsg)) return `你还没有同意隐私保护指引，所以没能${action}。同意后再试一次就可以了。`;
  if (/requiredPrivateInfos|privacy agreement|not declared/i.test(errMsg)) return `小程序还没有声明这项功能，暂时不能${action}。请告诉店主。`;
  if (/auth den|authorize/i.test(errMsg)) return `你没有允许这项权限，所以没能${action}。可以到「设置」里打开。`;
  return `没能${action}，请稍后再试一次。`;
}
