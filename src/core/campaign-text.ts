// How a campaign reads to people: masked names on the public 接龙 list, "3分钟前", "腊肉×2斤",
// the 截团 time, and the group text (接龙文案) a vendor pastes into a WeChat group. Times are shown
// in Asia/Shanghai; everything is plain text and deterministic (the clock is passed in).
import { progressText, tierProgress, tiersText, type CampaignPricing } from './campaign-pricing';
import { formatShanghai, shanghaiDay, shanghaiYear } from './dates';
import { lineLabel } from './order-names';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;


// ---- Names ---------------------------------------------------------------------------------------

const isRegionalIndicator = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;
/** Code points that belong to the character before them: combining marks, variation selectors, skin tones, tags. */
function extendsPrevious(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0020 && cp <= 0xe007f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    cp === 0x200d
  );
}

/**
 * The characters a reader sees, by code point, with an emoji's modifiers, joined sequences
 * (👨‍👩‍👧) and flags (two regional indicators) kept whole. Not full Unicode segmentation
 * (Intl.Segmenter is missing on older WeChat clients), but never splits a surrogate pair or an emoji.
 */
export function visibleChars(text: string): string[] {
  const chars: string[] = [];
  let joinNext = false;
  for (const char of Array.from(text)) {
    const cp = char.codePointAt(0) ?? 0;
    const last = chars[chars.length - 1];
    const lastCp = last?.codePointAt(0) ?? 0;
    const pairsFlag = isRegionalIndicator(cp) && last !== undefined && isRegionalIndicator(lastCp) && Array.from(last).length === 1;
    if (last !== undefined && (joinNext || extendsPrevious(cp) || pairsFlag)) chars[chars.length - 1] = last + char;
    else chars.push(char);
    joinNext = cp === 0x200d;
  }
  return chars;
}

/**
 * A name for the public list: the first character, one star, and the last when there are three
 * or more ("王阿姨" → "王*姨", "欧阳娜娜" → "欧*娜", "小李" → "小*"). A one-character name also gets
 * its star ("王" → "王*"), so the list never shows a whole name and never tells how long one is.
 * Control characters and runs of spaces are dropped first; an empty name shows as "*".
 */
export function maskName(name: string): string {
  const clean = name.replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim();
  const chars = visibleChars(clean);
  if (chars.length === 0) return '*';
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}*${chars[chars.length - 1]}`;
}

// ---- Times ---------------------------------------------------------------------------------------

/**
 * When an entry joined, as the list shows it: "刚刚", "3分钟前", "2小时前" (same day), "昨天 20:15",
 * "6月12日 20:15" (this year), "2024年6月12日". A time a little ahead of `now` (clocks differ) is "刚刚".
 */
export function relativeTime(at: number, now: number): string {
  const ago = now - at;
  if (ago < MINUTE) return '刚刚';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)}分钟前`;
  const days = shanghaiDay(now) - shanghaiDay(at);
  if (days === 0) return `${Math.floor(ago / HOUR)}小时前`;
  if (days === 1) return `昨天 ${formatShanghai(at, 'HH:mm')}`;
  return formatShanghai(at, shanghaiYear(at) === shanghaiYear(now) ? 'M月D日 HH:mm' : 'YYYY年M月D日');
}

/** A 截团 or start time: "今天 20:00", "明天 20:00", "昨天 20:00", "6月12日 20:00", "2027年1月2日 20:00". */
export function deadlineText(at: number, now: number): string {
  const days = shanghaiDay(at) - shanghaiDay(now);
  const clock = formatShanghai(at, 'HH:mm');
  if (days === 0) return `今天 ${clock}`;
  if (days === 1) return `明天 ${clock}`;
  if (days === -1) return `昨天 ${clock}`;
  return formatShanghai(at, shanghaiYear(at) === shanghaiYear(now) ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm');
}

// ---- Entries -------------------------------------------------------------------------------------

export interface EntryLine {
  name: string;
  spec: string;
  unit: string;
  quantity: number;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** What an order took: "腊肉×2斤", "腊肉（五花）×2斤，香肠×1斤"; past three lines, "…等5样". */
export function entryText(lines: readonly EntryLine[], maxLines = 3): string {
  const shown = lines.slice(0, maxLines).map((line) => `${lineLabel({ name: oneLine(line.name), spec: oneLine(line.spec) })}×${line.quantity}${oneLine(line.unit)}`);
  return lines.length > maxLines ? `${shown.join('，')}等${lines.length}样` : shown.join('，');
}

/** "已有 37 人跟团，共 82 斤" (several units: "共 82 斤、12 盒"); "还没有人跟团，快来第一个" when empty. */
export function countersText(entries: number, totals: readonly { unit: string; quantity: number }[]): string {
  if (entries === 0) return '还没有人跟团，快来第一个';
  const amounts = totals.filter((total) => total.quantity > 0).map((total) => `${total.quantity} ${total.unit}`);
  return amounts.length ? `已有 ${entries} 人跟团，共 ${amounts.join('、')}` : `已有 ${entries} 人跟团`;
}

// ---- The group text ------------------------------------------------------------------------------

export interface GroupTextItem extends CampaignPricing {
  /** The product's name, with the spec when the item is one SKU of several. */
  name: string;
  unit: string;
  countedQty: number;
}

export interface GroupTextEntry {
  seq: number;
  /** The name as stored: masked here, so a caller cannot forget to. */
  name: string;
  summary: string;
}

export interface CampaignGroupTextInput {
  shopName: string;
  title: string;
  text: string;
  endAt: number;
  items: readonly GroupTextItem[];
  entries: readonly GroupTextEntry[];
  now: number;
  /** The list stops after this many entries, with a line saying how many more (WeChat caps a message's length). */
  maxEntries?: number;
}

/**
 * The 接龙文案: title, 截团 time, the vendor's words, each item with its prices and tiers and how
 * close the next tier is, the numbered list by 跟团号 with masked names, and how to join.
 */
export function campaignGroupText(input: CampaignGroupTextInput): string {
  const { items, now } = input;
  const ended = input.endAt <= now;
  const entries = [...input.entries].sort((a, b) => a.seq - b.seq);
  const maxEntries = input.maxEntries ?? 100;
  const lines = [`【${oneLine(input.shopName)}】${oneLine(input.title)}`, `${ended ? '已截团' : '截团时间'}：${deadlineText(input.endAt, now)}`];
  if (input.text.trim()) lines.push(input.text.trim());
  lines.push('');
  items.forEach((item, index) => {
    const progress = progressText(tierProgress(item, item.countedQty), item.unit, item.tiers.length > 0);
    const state = progress && !ended ? `（已接 ${item.countedQty} ${item.unit}，${progress}）` : '';
    lines.push(`${index + 1}. ${oneLine(item.name)} ${tiersText(item, item.unit)}${state}`);
  });
  lines.push('');
  if (entries.length === 0) lines.push('接龙：还没有人跟团，快来第一个');
  else {
    lines.push(`接龙（${entries.length} 人）：`);
    for (const entry of entries.slice(0, maxEntries)) lines.push(`${entry.seq}. ${maskName(entry.name)} ${oneLine(entry.summary)}`);
    if (entries.length > maxEntries) lines.push(`……还有 ${entries.length - maxEntries} 人跟团`);
  }
  lines.push('');
  lines.push(ended ? '本团已截团，感谢大家支持！' : '点群里的小程序卡片，就能跟团下单。');
  return lines.join('\n');
}
