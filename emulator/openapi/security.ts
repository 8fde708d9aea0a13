/**
 * security.msgSecCheck: WeChat's text moderation, emulated with a blocked-words list.
 *
 * The real check is a model plus keyword lists that cannot run offline; a list of words is enough
 * to exercise every branch a function has to handle (pass, risky with a label, parameter errors).
 * The list is `emulator/security/blocked-words.txt` unless env CACTUS_BLOCKED_WORDS names another
 * file; it is read on every call, so it can be edited while the emulator runs.
 *
 * v2 (`version: 2`) always answers errcode 0 and puts the verdict in `result.suggest`; only v1
 * (no version) answers risky text with errcode 87014, which the SDK throws.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_IDENTITIES } from '../identities';
import { WxApiError } from './errors';

/** WeChat's msgSecCheck label codes. */
export const LABELS: Readonly<Record<number, string>> = {
  100: '正常',
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
};
const PASS_LABEL = 100;
/** A listed word without a label is "other". */
const DEFAULT_LABEL = 21000;
/** WeChat's documented limit for `content`. */
const MAX_CONTENT_LENGTH = 2500;
const SCENES = [1, 2, 3, 4];

export const DEFAULT_BLOCKED_WORDS_FILE = join(__dirname, '..', 'security', 'blocked-words.txt');

export interface BlockedWord {
  word: string;
  label: number;
}

export type Suggest = 'pass' | 'review' | 'risky';

export interface TextVerdict {
  suggest: Suggest;
  label: number;
  /** Every listed word found, in list order (the first one decides the label). */
  hits: BlockedWord[];
}

/**
 * What matching compares: NFKC (full-width letters and digits fold to ASCII), lower case, and
 * without whitespace, punctuation, symbols (emoji included) and invisible characters, so that
 * "微 信 刷 单", "刷-单" and "刷\u200b单" all contain 刷单.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}\p{Z}\p{C}]/gu, '');
}

/** Pure: the verdict for one text. Plain strings in `words` count as label 21000 (其他). */
export function checkText(content: string, words: readonly (BlockedWord | string)[]): TextVerdict {
  return verdictOf(findHits([content], words));
}

/** Listed words found in any of the texts, in list order; texts are matched one by one, never joined. */
function findHits(texts: readonly string[], words: readonly (BlockedWord | string)[]): BlockedWord[] {
  const normalised = texts.map(normaliseText);
  const hits: BlockedWord[] = [];
  for (const entry of words) {
    const listed = typeof entry === 'string' ? { word: entry, label: DEFAULT_LABEL } : entry;
    const needle = normaliseText(listed.word);
    // An entry that normalises to nothing would match every text; parseBlockedWords rejects those.
    if (needle !== '' && normalised.some((text) => text.includes(needle))) hits.push(listed);
  }
  return hits;
}

function verdictOf(hits: BlockedWord[]): TextVerdict {
  return hits.length > 0 ? { suggest: 'risky', label: hits[0].label, hits } : { suggest: 'pass', label: PASS_LABEL, hits };
}

/**
 * Parses the list format: one word per line, optionally followed by a label code and its name
 * (`刷单 20008 欺诈`); `#` starts a comment. Throws on unknown labels and empty words, naming the line.
 */
export function parseBlockedWords(text: string, source = 'blocked words'): BlockedWord[] {
  const words: BlockedWord[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const match = /^(.*?)\s+(\d+)(?:\s+\S.*)?$/.exec(line);
    const word = match ? match[1] : line;
    const label = match ? Number(match[2]) : DEFAULT_LABEL;
    if (!(label in LABELS)) throw new Error(`${source}:${index + 1}: unknown label ${label}`);
    if (normaliseText(word) === '') throw new Error(`${source}:${index + 1}: the word is empty after normalising`);
    words.push({ word, label });
  });
  return words;
}

/** The configured list, read now (CACTUS_BLOCKED_WORDS, else the default file). */
export function loadBlockedWords(env: Readonly<Record<string, string | undefined>> = process.env): BlockedWord[] {
  const file = env.CACTUS_BLOCKED_WORDS || DEFAULT_BLOCKED_WORDS_FILE;
  return parseBlockedWords(readFileSync(file, 'utf8'), file);
}

/**
 * "The user must have visited the mini-program in the last two hours": locally, the user on
 * whose behalf the function runs, or one of the demo identities (the only users the app has).
 */
function isRecentVisitor(openid: string, caller: { openid?: string }): boolean {
  return openid === caller.openid || DEMO_IDENTITIES.some((identity) => identity.openid === openid);
}

/** Handles the snake_case parameters the SDK sent; returns WeChat's JSON reply or throws WxApiError. */
export function msgSecCheck(
  params: Record<string, unknown>,
  caller: { openid?: string },
  words: readonly BlockedWord[] = loadBlockedWords(),
): Record<string, unknown> {
  const { content, version, scene, openid, title, nickname, signature } = params;
  if (content === undefined || content === '') throw new WxApiError(44002, 'empty post data');
  if (typeof content !== 'string') throw new WxApiError(47001, 'data format error: content must be a string');
  if (Array.from(content).length > MAX_CONTENT_LENGTH) {
    throw new WxApiError(47001, `data format error: content over ${MAX_CONTENT_LENGTH} characters`);
  }

  if (version === undefined) {
    // v1, retired by WeChat in 2021 but still answered: risky text is an error, not a verdict.
    if (checkText(content, words).suggest === 'risky') throw new WxApiError(87014, 'risky content');
    return { errcode: 0, errmsg: 'ok' };
  }
  // WeChat documents version as a string and its examples send a number; both work there.
  if (version !== 2 && version !== '2') throw new WxApiError(47001, 'data format error: version must be 2');
  if (typeof openid !== 'string' || openid === '') throw new WxApiError(40003, 'invalid openid');
  if (typeof scene !== 'number' || !SCENES.includes(scene)) throw new WxApiError(40129, 'invalid scene');
  for (const [name, value] of Object.entries({ title, nickname, signature })) {
    if (value !== undefined && typeof value !== 'string') throw new WxApiError(47001, `data format error: ${name} must be a string`);
  }
  if (!isRecentVisitor(openid, caller)) throw new WxApiError(61010, 'user access record expired');

  // Every text the caller sent is checked; signature only counts in scene 1 (profile), as documented.
  const texts = [content, title, nickname, scene === 1 ? signature : undefined].filter((t): t is string => typeof t === 'string');
  const { suggest, label, hits } = verdictOf(findHits(texts, words));
  const verdict = { suggest, label };
  // Real replies carry a keyword entry (with `keyword` only on a hit) and a content_model entry.
  const keywordDetail =
    hits.length > 0
      ? hits.map((hit) => ({ strategy: 'keyword', errcode: 0, suggest: 'risky', label: hit.label, keyword: hit.word }))
      : [{ strategy: 'keyword', errcode: 0 }];
  return {
    errcode: 0,
    errmsg: 'ok',
    result: verdict,
    detail: [...keywordDetail, { strategy: 'content_model', errcode: 0, ...verdict, prob: 90 }],
    trace_id: traceId(),
  };
}

/** Shaped like WeChat's (`62987eb8-18ca076c-37fc373b`): hex seconds, then two random parts. */
function traceId(): string {
  return `${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}
