// When a show starts, as its page says it: "今晚 20:00 开播", "今天 14:00 开播", "明天 20:00 开播",
// "6月12日 20:00 开播"; always in Asia/Shanghai, whatever the phone's time zone.
import { deadlineText } from '@core/campaign-text';
import { formatShanghai, shanghaiDay } from '@core/dates';

/** From 18:00 on, today is 今晚: how a streamer announces an evening show. */
const EVENING_HOUR = 18;

export function startText(startAt: number, now: number): string {
  const sameDay = shanghaiDay(startAt) === shanghaiDay(now);
  if (sameDay && Number(formatShanghai(startAt, 'H')) >= EVENING_HOUR) return `今晚 ${formatShanghai(startAt, 'HH:mm')} 开播`;
  return `${deadlineText(startAt, now)} 开播`;
}
