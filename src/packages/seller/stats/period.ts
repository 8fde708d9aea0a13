// The periods of the stats page and the `since` each asks for. Shop days run on China time
// (UTC+8, no daylight saving), whatever the phone's own time zone is; no Intl needed.

export type Period = 'today' | 'week' | 'all';

export const PERIODS: readonly { value: Period; label: string }[] = [
  { value: 'today', label: '今天' },
  { value: 'week', label: '近7天' },
  { value: 'all', label: '全部' },
];

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** Epoch ms of 00:00 Asia/Shanghai on the day that contains `now`. */
export function startOfShanghaiDay(now: number): number {
  return Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** The `since` for a period: start of today (China time), seven days ago, or none for all time. */
export function sinceFor(period: Period, now: number): number | undefined {
  if (period === 'today') return startOfShanghaiDay(now);
  if (period === 'week') return Math.max(0, now - 7 * DAY_MS);
  return undefined;
}
