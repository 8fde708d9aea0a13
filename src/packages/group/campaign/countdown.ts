// The 截团 countdown on the campaign page: "还剩 2 天 3 小时", "还剩 3 小时 12 分", "还剩 12 分 30 秒".
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function countdownText(leftMs: number): string {
  if (leftMs <= 0) return '已截团';
  const days = Math.floor(leftMs / DAY);
  const hours = Math.floor((leftMs % DAY) / HOUR);
  const minutes = Math.floor((leftMs % HOUR) / MINUTE);
  const seconds = Math.floor((leftMs % MINUTE) / SECOND);
  if (days > 0) return `还剩 ${days} 天 ${hours} 小时`;
  if (hours > 0) return `还剩 ${hours} 小时 ${minutes} 分`;
  return `还剩 ${minutes} 分 ${seconds} 秒`;
}

/** How often the countdown must tick to stay right: every second in the last hour, else every 30 s. */
export function tickMs(leftMs: number): number {
  return leftMs <= HOUR ? SECOND : 30 * SECOND;
}
