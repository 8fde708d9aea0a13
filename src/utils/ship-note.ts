import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { ShipRule } from '../core/contracts/catalog';

dayjs.extend(utc);

/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_MINUTES = 480;

/** "现货 2天内发货", "预售 11月28日发货" (the year is shown only when it is not this year's). */
export function shipNote(rule: ShipRule, now: number): string {
  if (rule.kind === 'days') return rule.days === 0 ? '现货 当天发货' : `现货 ${rule.days}天内发货`;
  const shipAt = dayjs(rule.shipAt).utcOffset(SHANGHAI_OFFSET_MINUTES);
  const thisYear = dayjs(now).utcOffset(SHANGHAI_OFFSET_MINUTES).year();
  return `预售 ${shipAt.format(shipAt.year() === thisYear ? 'M月D日' : 'YYYY年M月D日')}发货`;
}
