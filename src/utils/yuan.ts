// Money as vendors type it: yuan text in forms, integer 厘/分 everywhere else.
import { LI_PER_FEN, LI_PER_YUAN, parseYuanToLi } from '@core/money';

/** 58000 厘 → "58", 58500 → "58.5", 65 → "0.065": what a price field shows for editing. */
export function liToYuanText(li: number): string {
  const whole = Math.floor(li / LI_PER_YUAN);
  const frac = String(li % LI_PER_YUAN).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

export function fenToYuanText(fen: number): string {
  return liToYuanText(fen * LI_PER_FEN);
}

/** "10" → 1000 分, "9.9" → 990; null when it is not an amount in yuan with at most 2 decimals. */
export function parseYuanToFen(text: string): number | null {
  const li = parseYuanToLi(text);
  if (li === null || li % LI_PER_FEN !== 0) return null;
  return li / LI_PER_FEN;
}
