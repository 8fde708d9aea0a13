/**
 * shortlink.generate (HTTPS: POST /wxa/genwxashortlink, "generateShortLink"): a `#小程序://` link
 * that opens a page of the app from inside WeChat (scene 1179). Checked as WeChat's docs say:
 * page_url is a page of the published app, query allowed, at most 1024 characters, no leading "/"
 * (40066 invalid url); page_title, optional, is cut to 20 characters with "..." in the link
 * (40225 invalid page title when it is not text); is_permanent defaults to false. The link reads
 * like the documented example, `#小程序://小程序示例/示例页面/9pZvnVw3KMCQpVp`.
 *
 * Short Links are open to non-individual (非个人主体) mini-programs only. The docs list no code of
 * their own for an individual account; WeChat's general answer for an API the account may not call
 * is 48001 "api unauthorized", which is what the emulator gives when set up as an individual account.
 */
import { randomInt } from 'node:crypto';
import { WxApiError } from './errors';

/** 个人主体 (individual) or 企业/个体工商户等 non-individual: only the latter may have Short Links. */
export type AccountSubject = 'individual' | 'organization';

export interface ShortLinkRequest {
  pageUrl: string;
  pageTitle: string;
  isPermanent: boolean;
}

/** A link WeChat handed out (the emulator keeps them in memory, lost on restart). */
export interface ShortLinkRecord extends ShortLinkRequest {
  id: string;
  at: number;
  appid: string;
  fromOpenId?: string;
  link: string;
}

export const API_UNAUTHORIZED = 48001;
const MAX_PAGE_URL = 1024;
const TITLE_SHOWN = 20;
const CODE_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function validateShortLink(params: Record<string, unknown>, pages: readonly string[], subject: AccountSubject): ShortLinkRequest {
  if (subject === 'individual') throw new WxApiError(API_UNAUTHORIZED, 'api unauthorized');
  const { page_url: pageUrl, page_title: pageTitle = '', is_permanent: isPermanent = false } = params;
  if (typeof pageUrl !== 'string' || pageUrl === '' || pageUrl.length > MAX_PAGE_URL || pageUrl.startsWith('/')) {
    throw new WxApiError(40066, 'invalid url');
  }
  if (!pages.includes(pageUrl.split('?')[0])) throw new WxApiError(40066, 'invalid url');
  if (typeof pageTitle !== 'string' || /[\p{Cc}]/u.test(pageTitle)) throw new WxApiError(40225, 'invalid page title');
  if (typeof isPermanent !== 'boolean') throw new WxApiError(47001, 'data format error');
  return { pageUrl, pageTitle, isPermanent };
}

/** `#小程序://<app name>/<title, cut to 20 characters>/<15-character code>`; without a title, no title part. */
export function shortLinkText(appName: string, pageTitle: string): string {
  const chars = Array.from(pageTitle.trim());
  const title = chars.length > TITLE_SHOWN ? `${chars.slice(0, TITLE_SHOWN).join('')}...` : chars.join('');
  const code = Array.from({ length: 15 }, () => CODE_CHARS[randomInt(CODE_CHARS.length)]).join('');
  return ['#小程序:/', appName, ...(title ? [title] : []), code].join('/');
}
