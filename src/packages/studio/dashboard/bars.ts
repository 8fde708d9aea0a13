// The per-minute chart's bars: a long show still fits the phone.
import type { LiveDashboard } from '@core/contracts';

type Point = LiveDashboard['perMinute'][number];

/** At most this many bars: consecutive minutes are added up into one. */
export const MAX_BARS = 30;

export interface Bar {
  /** The first minute's label, "20:03". */
  label: string;
  orders: number;
  amountFen: number;
}

export function barsOf(points: readonly Point[], maxBars = MAX_BARS): Bar[] {
  const size = Math.max(1, Math.ceil(points.length / maxBars));
  const bars: Bar[] = [];
  for (let start = 0; start < points.length; start += size) {
    const chunk = points.slice(start, start + size);
    bars.push({ label: chunk[0].label, orders: chunk.reduce((sum, point) => sum + point.orders, 0), amountFen: chunk.reduce((sum, point) => sum + point.amountFen, 0) });
  }
  return bars;
}
