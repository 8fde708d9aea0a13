import fc from 'fast-check';
import { priceLine, quantityProblem, snapQuantity, tierProblem, unitPriceAt, type SkuPricing } from '@core/pricing';

const zipper: SkuPricing = { priceLi: 70, tiers: [{ minQty: 1000, priceLi: 65 }, { minQty: 10_000, priceLi: 60 }], minQty: 100, stepQty: 100 };

/** SKUs whose tiers pass validation: strictly more quantity, strictly cheaper. */
const validSku = fc
  .record({
    priceLi: fc.integer({ min: 1, max: 10_000_000 }),
    minQty: fc.integer({ min: 1, max: 500 }),
    stepQty: fc.integer({ min: 1, max: 100 }),
    steps: fc.array(fc.record({ addQty: fc.integer({ min: 1, max: 5000 }), cutLi: fc.integer({ min: 1, max: 100_000 }) }), { maxLength: 5 }),
  })
  .map(({ priceLi, minQty, stepQty, steps }) => {
    const tiers = [];
    let qty = minQty;
    let price = priceLi;
    for (const step of steps) {
      if (price - step.cutLi < 1) break;
      qty += step.addQty;
      price -= step.cutLi;
      tiers.push({ minQty: qty, priceLi: price });
    }
    return { priceLi, minQty, stepQty, tiers } satisfies SkuPricing;
  });

describe('pricing', () => {
  it('sells zippers at ¥0.07 each and ¥0.065 from 1,000', () => {
    expect(unitPriceAt(zipper, 100)).toEqual({ priceLi: 70, source: { kind: 'base' } });
    expect(unitPriceAt(zipper, 999)).toEqual({ priceLi: 70, source: { kind: 'base' } });
    expect(unitPriceAt(zipper, 1000)).toEqual({ priceLi: 65, source: { kind: 'tier', minQty: 1000 } });
    expect(unitPriceAt(zipper, 25_000).priceLi).toBe(60);
  });

  it('prices 1,100 zippers at ¥0.065 as exactly ¥71.50', () => {
    expect(priceLine(zipper, 1100)).toMatchObject({ priceLi: 65, totalFen: 7150 });
  });

  it('rounds an odd number of ¥0.065 zippers half up once per line', () => {
    const single: SkuPricing = { priceLi: 65 };
    expect(priceLine(single, 1).totalFen).toBe(7);
    expect(priceLine(single, 3).totalFen).toBe(20);
  });

  it('allows only quantities from the minimum, in steps', () => {
    expect(quantityProblem(zipper, 100)).toBeNull();
    expect(quantityProblem(zipper, 1000)).toBeNull();
    expect(quantityProblem(zipper, 50)).toBe('BELOW_MINIMUM');
    expect(quantityProblem(zipper, 150)).toBe('OFF_STEP');
    expect(quantityProblem(zipper, 0)).toBe('NOT_A_QUANTITY');
    expect(quantityProblem(zipper, 1.5)).toBe('NOT_A_QUANTITY');
  });

  it('snaps a typed quantity up to the next allowed one', () => {
    expect(snapQuantity(zipper, 1)).toBe(100);
    expect(snapQuantity(zipper, 150)).toBe(200);
    expect(snapQuantity(zipper, 200)).toBe(200);
    expect(snapQuantity({ priceLi: 1 }, 3)).toBe(3);
  });

  it('refuses tiers that do not get cheaper as the quantity grows', () => {
    expect(tierProblem(zipper)).toBeNull();
    expect(tierProblem({ priceLi: 70, tiers: [{ minQty: 1000, priceLi: 70 }] })).toBe('批量价要比上一档便宜');
    expect(tierProblem({ priceLi: 70, tiers: [{ minQty: 1000, priceLi: 65 }, { minQty: 500, priceLi: 60 }] })).toBe('批量价的起订数量要一档比一档多');
    expect(tierProblem({ priceLi: 70, minQty: 100, tiers: [{ minQty: 100, priceLi: 65 }] })).not.toBeNull();
  });

  it('never raises the unit price when the quantity grows (valid tiers)', () => {
    fc.assert(
      fc.property(validSku, fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 0, max: 50_000 }), (sku, qty, more) => {
        expect(tierProblem(sku)).toBeNull();
        expect(unitPriceAt(sku, qty + more).priceLi).toBeLessThanOrEqual(unitPriceAt(sku, qty).priceLi);
        expect(unitPriceAt(sku, qty).priceLi).toBeLessThanOrEqual(sku.priceLi);
      }),
    );
  });

  it('never charges more than the base price, whatever tiers a vendor typed', () => {
    const anyTiers = fc.array(fc.record({ minQty: fc.integer({ min: 1, max: 10_000 }), priceLi: fc.integer({ min: 0, max: 10_000_000 }) }), { maxLength: 6 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), anyTiers, fc.integer({ min: 1, max: 20_000 }), (priceLi, tiers, qty) => {
        expect(unitPriceAt({ priceLi, tiers }, qty).priceLi).toBeLessThanOrEqual(priceLi);
      }),
    );
  });

  it('makes every line total exact to the fen: within half a fen of price × quantity', () => {
    fc.assert(
      fc.property(validSku, fc.integer({ min: 1, max: 100_000 }), (sku, qty) => {
        const line = priceLine(sku, qty);
        expect(Number.isInteger(line.totalFen)).toBe(true);
        const diffLi = line.totalFen * 10 - line.priceLi * qty;
        expect(diffLi).toBeGreaterThan(-5);
        expect(diffLi).toBeLessThanOrEqual(5);
      }),
    );
  });

  it('snaps every wanted quantity to an allowed one that is not smaller', () => {
    fc.assert(
      fc.property(validSku, fc.integer({ min: 0, max: 100_000 }), (sku, wanted) => {
        const snapped = snapQuantity(sku, wanted);
        expect(quantityProblem(sku, snapped)).toBeNull();
        expect(snapped).toBeGreaterThanOrEqual(Math.min(wanted, snapped));
        expect(snapped - Math.max(wanted, sku.minQty ?? 1)).toBeLessThan(sku.stepQty ?? 1);
      }),
    );
  });
});
