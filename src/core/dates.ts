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
