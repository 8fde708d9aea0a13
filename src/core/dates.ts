// Dates as the people using the product read them: always in Asia/Shanghai (UTC+8, no daylight
// saving), whatever the time zone of the phone, the browser or the server.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** The moment `at` (epoch ms) in Asia/Shanghai, in a dayjs pattern: "M月D日 HH:mm", "YYYY-MM-DD". */
export function formatShanghai(at: number, pattern: string): string {
  return dayjs(at).utcOffset(SHANGHAI_OFFSET_MINUTES).format(pattern);
}

/** Midnight of a "YYYY-MM-DD" date in Asia/Shanghai, as epoch ms. */
export function shanghaiDateToMs(date: string): number {
  return dayjs.utc(`${date}T00:00:00`).subtract(SHANGHAI_OFFSET_MINUTES, 'minute').valueOf();
}

/** The year of the moment `at` on Shanghai's calendar. */
export function shanghaiYear(at: number): number {
  return dayjs(at).utcOffset(SHANGHAI_OFFSET_MINUTES).year();
}

/** Days since the epoch on Shanghai's calendar: equal for two moments of the same local day. */
export function shanghaiDay(at: number): number {
  return Math.floor((at + SHANGHAI_OFFSET_MINUTES * 60_000) / 86_400_000);
}

/** Midnight in Asia/Shanghai of the day containing the moment `at`, as epoch ms. */
export function startOfShanghaiDay(at: number): number {
  return shanghaiDay(at) * 86_400_000 - SHANGHAI_OFFSET_MINUTES * 60_000;
}
