// A 拼团's time left as a clock, "23:14:05" (hours may pass 24: "47:59:59"); the product page, the
// group page and the order page tick it every second.
const pad = (value: number) => String(value).padStart(2, '0');

export function clockText(leftMs: number): string {
  const seconds = Math.max(0, Math.floor(leftMs / 1000));
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
