// How a live show reads in the places its links travel: the group card's title, the 群发文案 a
// vendor pastes before the show ("今晚8点直播，点卡片预约") and during it ("正在直播：… 点卡片下单").
// Plain text, no emoji, deterministic: the clock is passed in and times read in Asia/Shanghai.
import type { LiveItemView, LiveState } from './contracts/live';
import { formatShanghai, shanghaiDay, shanghaiYear } from './dates';
import { formatLi } from './money';
import { lineLabel } from './order-names';

/** The part of the day a start time falls in, as people say it. */
function dayPart(hour: number): string {
  if (hour < 5) return '凌晨';
  if (hour < 12) return '上午';
  if (hour < 13) return '中午';
  if (hour < 18) return '下午';
  return '晚上';
}

/**
 * When a show starts, the way an announcement says it: "今晚8点", "今天下午3点半", "明晚8点",
 * "明天上午10点05分", "后天晚上8点", "6月12日晚上8点" (with the year when it is not this year's).
 */
export function liveStartText(startAt: number, now: number): string {
  const hour = Number(formatShanghai(startAt, 'H'));
  const minute = Number(formatShanghai(startAt, 'm'));
  const part = dayPart(hour);
  const clock = `${hour > 12 ? hour - 12 : hour}点${minute === 0 ? '' : minute === 30 ? '半' : `${String(minute).padStart(2, '0')}分`}`;
  const days = shanghaiDay(startAt) - shanghaiDay(now);
  const evening = part === '晚上';
  if (days === 0) return evening ? `今晚${clock}` : `今天${part}${clock}`;
  if (days === 1) return evening ? `明晚${clock}` : `明天${part}${clock}`;
  if (days === 2) return `后天${part}${clock}`;
  return `${formatShanghai(startAt, shanghaiYear(startAt) === shanghaiYear(now) ? 'M月D日' : 'YYYY年M月D日')}${part}${clock}`;
}

export interface LiveTextInput {
  title: string;
  state: LiveState;
  startAt: number;
  /** The show's items as buyers see them (liveItemViews). */
  items: readonly LiveItemView[];
  /** Links for one item: the texts name it alone. */
  itemId?: string;
  /** The mini-program path the texts point to (with the sharer's code). */
  path: string;
  now: number;
}

export interface LiveTexts {
  /** The group card's title: "正在直播：长白山林下参，直播价¥98.00". */
  cardTitle: string;
  /** 群发文案 before the show: "今晚8点直播，点卡片预约", the title, the items at their live prices, the path. */
  announceText: string;
  /** 群发文案 during the show: "正在直播：…", the items at their live prices, "点卡片下单", the path. */
  liveText: string;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** "1. 长白山林下参（一等） 直播价¥98.00/支（原价¥128.00），每人限购2支" */
function itemLine(item: LiveItemView, index: number): string {
  const unit = oneLine(item.unit);
  const price = `${formatLi(item.livePriceLi)}${unit ? `/${unit}` : ''}`;
  const was = item.priceLi > item.livePriceLi ? `（原价${formatLi(item.priceLi)}）` : '';
  const cap = item.limitPerBuyer === null ? '' : `，每人限购${item.limitPerBuyer}${unit}`;
  return `${index + 1}. ${lineLabel({ name: oneLine(item.name), spec: oneLine(item.spec) })} 直播价${price}${was}${cap}`;
}

/** The card title, and the two texts for a group, for a show or one of its items. */
export function liveTexts(input: LiveTextInput): LiveTexts {
  const title = oneLine(input.title);
  const item = input.itemId === undefined ? undefined : input.items.find((candidate) => candidate.id === input.itemId);
  const items = item ? [item] : input.items;
  // A show past its start but not yet on air is about to begin.
  const when = input.startAt > input.now ? liveStartText(input.startAt, input.now) : '马上';
  const subject = item ? `${oneLine(item.name)}，直播价${formatLi(item.livePriceLi)}` : title;
  const cardTitle =
    input.state === 'live' ? `正在直播：${subject}` : input.state === 'scheduled' ? `${when}直播：${subject}` : `直播已结束：${item ? oneLine(item.name) : title}`;
  const lines = items.map(itemLine);
  const pathLine = `小程序路径：${input.path}`;
  return {
    cardTitle,
    announceText: [`${when}直播，点卡片预约`, `【${title}】`, ...lines, pathLine].join('\n'),
    liveText: [`正在直播：${title}`, ...lines, '点卡片下单', pathLine].join('\n'),
  };
}
