// Dates and times as forms show and pick them: "YYYY-MM-DD" and "HH:mm" in Asia/Shanghai.
import { formatShanghai, shanghaiDateToMs } from '@core/dates';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "YYYY-MM-DD" + "HH:mm" in Asia/Shanghai → epoch ms; null when either is missing or malformed. */
export function shanghaiTimeToMs(date: string, time: string): number | null {
  const clock = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !clock) return null;
  return shanghaiDateToMs(date) + Number(clock[1]) * HOUR + Number(clock[2]) * MINUTE;
}

export const dateOf = (at: number) => formatShanghai(at, 'YYYY-MM-DD');
export const timeOf = (at: number) => formatShanghai(at, 'HH:mm');

/** 20:00, `days` after today (Shanghai's calendar): the usual "今晚八点". */
export function eveningOf(now: number, days: number): number {
  return shanghaiDateToMs(dateOf(now + days * DAY)) + 20 * HOUR;
}
