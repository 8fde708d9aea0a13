// When goods ship, in words a buyer reads: shown on cards, product pages and group texts.
import type { ShipRule } from './contracts/catalog';
import { formatShanghai, shanghaiYear } from './dates';

/** "现货 2天内发货", "预售 11月28日发货" (the year is shown only when it is not this year's). */
export function shipNote(rule: ShipRule, now: number): string {
  if (rule.kind === 'days') return rule.days === 0 ? '现货 当天发货' : `现货 ${rule.days}天内发货`;
  const sameYear = shanghaiYear(rule.shipAt) === shanghaiYear(now);
  return `预售 ${formatShanghai(rule.shipAt, sameYear ? 'M月D日' : 'YYYY年M月D日')}发货`;
}
