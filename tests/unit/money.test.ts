import fc from 'fast-check';
import { formatFen, formatLi, lineTotalFen, liToFenHalfUp, parseYuanToLi, sumFen } from '@core/money';

describe('money', () => {
  it('prices a zipper at seven fen as 70 li and shows it as ¥0.07', () => {
    expect(parseYuanToLi('0.07')).toBe(70);
    expect(formatLi(70)).toBe('¥0.07');
  });

  it('keeps a third decimal only when the price has li', () => {
    expect(formatLi(65)).toBe('¥0.065');
    expect(formatLi(58_000)).toBe('¥58.00');
    expect(formatLi(18_800)).toBe('¥18.80');
    expect(formatLi(0)).toBe('¥0.00');
  });

  it('formats fen amounts with two decimals', () => {
    expect(formatFen(5800)).toBe('¥58.00');
    expect(formatFen(7)).toBe('¥0.07');
    expect(formatFen(123_456)).toBe('¥1234.56');
  });

  it('rounds a line total half up to the fen once per line', () => {
    expect(lineTotalFen(65, 1)).toBe(7); // 6.5 fen → 7
    expect(lineTotalFen(65, 3)).toBe(20); // 19.5 fen → 20
    expect(lineTotalFen(64, 1)).toBe(6); // 6.4 fen → 6
    expect(lineTotalFen(70, 1000)).toBe(7000);
    expect(liToFenHalfUp(15)).toBe(2);
  });

  it('rejects yuan text that is not a price with at most three decimals', () => {
    for (const bad of ['', 'abc', '1.2345', '-1', '1e3', '0x10', '1,000', '.5']) {
      expect(parseYuanToLi(bad)).toBeNull();
    }
  });

  it('refuses fractional, negative or overflowing amounts instead of guessing', () => {
    expect(() => lineTotalFen(1.5, 2)).toThrow(RangeError);
    expect(() => lineTotalFen(-1, 2)).toThrow(RangeError);
    expect(() => lineTotalFen(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
    expect(() => formatFen(-5)).toThrow(RangeError);
  });

  it('round-trips every price typed as yuan through li and back to the same text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 999 }), (yuan, li) => {
        const text = formatLi(yuan * 1000 + li).slice(1);
        expect(parseYuanToLi(text)).toBe(yuan * 1000 + li);
      }),
    );
  });

  it('never lets a line total differ from the exact amount by more than half a fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100_000 }), (priceLi, qty) => {
        const exactLi = priceLi * qty;
        const fen = lineTotalFen(priceLi, qty);
        expect(Math.abs(fen * 10 - exactLi)).toBeLessThanOrEqual(5);
        expect(fen * 10 - exactLi).not.toBe(-5); // a half fen always rounds up
      }),
    );
  });

  it('adds amounts exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000_00 }), { maxLength: 50 }), (amounts) => {
        expect(sumFen(amounts)).toBe(amounts.reduce((a, b) => a + b, 0));
      }),
    );
  });
});
