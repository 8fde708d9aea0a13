// All money arithmetic lives here. Unit prices are integer 厘 (0.001 yuan) so bulk goods priced
// in fractions of a fen stay exact; every amount a buyer pays or is refunded is integer 分.

/** Integer 厘 (0.001 yuan): unit prices. */
export type Li = number;
/** Integer 分 (0.01 yuan): amounts paid and refunded. */
export type Fen = number;

export const LI_PER_FEN = 10;
export const LI_PER_YUAN = 1000;

function assertNonNegativeInt(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  }
}

/** Rounds 厘 to 分, half up (the one rounding rule of the product). */
export function liToFenHalfUp(li: Li): Fen {
  assertNonNegativeInt(li, 'amount in li');
  return Math.floor((li + LI_PER_FEN / 2) / LI_PER_FEN);
}

/** Line total: unit price × quantity, rounded half-up to the fen once per line. */
export function lineTotalFen(unitPriceLi: Li, quantity: number): Fen {
  assertNonNegativeInt(unitPriceLi, 'unit price');
  assertNonNegativeInt(quantity, 'quantity');
  const li = unitPriceLi * quantity;
  if (!Number.isSafeInteger(li)) throw new RangeError('line total overflows');
  return liToFenHalfUp(li);
}

export function sumFen(amounts: readonly Fen[]): Fen {
  return amounts.reduce((total, amount) => {
    assertNonNegativeInt(amount, 'amount');
    return total + amount;
  }, 0);
}

const YUAN_INPUT = /^(\d{1,9})(?:\.(\d{1,3}))?$/;

/** Parses a price typed as yuan ("58", "0.07", "0.065") into 厘; null when it is not one. */
export function parseYuanToLi(text: string): Li | null {
  const match = YUAN_INPUT.exec(text.trim());
  if (!match) return null;
  const [, whole, frac = ''] = match;
  return Number(whole) * LI_PER_YUAN + Number(frac.padEnd(3, '0'));
}

/** ¥58.00, ¥0.07, ¥0.065: two decimals, a third only when the price has 厘. */
export function formatLi(li: Li): string {
  assertNonNegativeInt(li, 'price');
  const yuan = Math.floor(li / LI_PER_YUAN);
  const rest = String(li % LI_PER_YUAN).padStart(3, '0');
  const decimals = rest.endsWith('0') ? rest.slice(0, 2) : rest;
  return `¥${yuan}.${decimals}`;
}

/** ¥58.00 */
export function formatFen(fen: Fen): string {
  assertNonNegativeInt(fen, 'amount');
  return `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
