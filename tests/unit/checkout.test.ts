import fc from 'fast-check';
import { checkoutOptionsOf, fulfilmentChoiceOf, mergeLines, normaliseProvince, priceOrder, type CheckoutLineInput, type CheckoutShop, type PricingProduct } from '@core/checkout';
import { FulfilmentChoice, ordersContract } from '@core/contracts/orders';
import { isErrorCode } from '@core/errors';
import type { ProductDoc } from '@core/model';
import { priceLine } from '@core/pricing';
import { defaultShopSettings } from '@core/shops';

function shop(change: (settings: CheckoutShop) => void = () => {}): CheckoutShop {
  const settings = defaultShopSettings('老张山货铺');
  const result: CheckoutShop = { _id: 'demo-shop', fulfilment: settings.fulfilment, payment: settings.payment };
  change(result);
  return result;
}

function product(fields: Partial<ProductDoc> & Pick<ProductDoc, '_id' | 'name' | 'unit' | 'skus'>): ProductDoc {
  return { shopId: 'demo-shop', description: '', images: [`/media/${fields._id}.svg`], ship: { kind: 'days', days: 2 }, perishable: null, status: 'on_sale', sort: 1, createdAt: 0, updatedAt: 0, ...fields };
}

// The seed's goods: 腊肉 ¥58/斤 with ¥55 from 10; zippers ¥0.07, ¥0.065 from 1,000, 100条起 by 100.
const larou = product({
  _id: 'larou',
  name: '酉阳柴火烟熏腊肉',
  unit: '斤',
  skus: [
    { id: 'wuhua', spec: '五花', priceLi: 58_000, stock: 200, tiers: [{ minQty: 10, priceLi: 55_000 }], minQty: 1, stepQty: 1 },
    { id: 'houtui', spec: '后腿', priceLi: 52_000, stock: 150, tiers: [], minQty: 1, stepQty: 1 },
  ],
});
const lalian = product({
  _id: 'lalian',
  name: '义乌尼龙拉链',
  unit: '条',
  skus: [{ id: 'no3-15', spec: '3号 15厘米', priceLi: 70, stock: 2_000_000, minQty: 100, stepQty: 100, tiers: [{ minQty: 1000, priceLi: 65 }, { minQty: 10_000, priceLi: 60 }] }],
});

const line = (p: PricingProduct | null, skuId: string, quantity: number, productId = p?._id ?? 'gone'): CheckoutLineInput => ({ product: p, productId, skuId, quantity });
const express = (province: string | null = null) => ({ kind: 'express' as const, province });

describe('checkout: pricing an order', () => {
  it('prices 2斤 五花腊肉 at ¥58 plus the flat ¥10 express fee', () => {
    const result = priceOrder({ shop: shop(), lines: [line(larou, 'wuhua', 2)], fulfilment: express() });
    expect(result).toEqual({
      ok: true,
      lines: [{ productId: 'larou', skuId: 'wuhua', name: '酉阳柴火烟熏腊肉', spec: '五花', unit: '斤', image: '/media/larou.svg', quantity: 2, unitPriceLi: 58_000, priceSource: { kind: 'base' }, totalFen: 11_600 }],
      goodsFen: 11_600,
      feeFen: 1000,
      totalFen: 12_600,
    });
  });

  it('gives 10斤 腊肉 the ¥55 bulk price and records that the tier set it', () => {
    const result = priceOrder({ shop: shop(), lines: [line(larou, 'wuhua', 10)], fulfilment: { kind: 'pickup', pointId: 'town' } });
    expect(result.ok).toBe(false); // pickup is off in a new shop
    const open = shop((s) => (s.fulfilment.pickup = { enabled: true, points: [{ id: 'town', name: '镇上老张腊味店', address: '龙潭镇老街 18 号', hours: '' }] }));
    const priced = priceOrder({ shop: open, lines: [line(larou, 'wuhua', 10)], fulfilment: { kind: 'pickup', pointId: 'town' } });
    expect(priced).toMatchObject({ ok: true, goodsFen: 55_000, feeFen: 0, totalFen: 55_000 });
    if (priced.ok) expect(priced.lines[0]).toMatchObject({ unitPriceLi: 55_000, priceSource: { kind: 'tier', minQty: 10 } });
  });

  it('prices 1,100 zippers at ¥0.065 as exactly ¥71.50', () => {
    const result = priceOrder({ shop: shop(), lines: [line(lalian, 'no3-15', 1100)], fulfilment: express() });
    expect(result).toMatchObject({ ok: true, goodsFen: 7150, totalFen: 8150 });
  });

  it('merges two cart lines of 500 zippers into one line of 1,000 at the bulk price', () => {
    const result = priceOrder({ shop: shop(), lines: [line(lalian, 'no3-15', 500), line(larou, 'houtui', 1), line(lalian, 'no3-15', 500)], fulfilment: express() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lines.map((l) => [l.skuId, l.quantity, l.unitPriceLi])).toEqual([
      ['no3-15', 1000, 65],
      ['houtui', 1, 52_000],
    ]);
    expect(result.goodsFen).toBe(6500 + 5200);
  });

  it('refuses zippers below 100条 or off the 100-step, saying so in Chinese', () => {
    const result = priceOrder({ shop: shop(), lines: [line(lalian, 'no3-15', 50)], fulfilment: express() });
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'QUANTITY_NOT_ALLOWED', reason: 'BELOW_MINIMUM', minQty: 100, message: '“义乌尼龙拉链（3号 15厘米）”100条起卖' })] });
    const offStep = priceOrder({ shop: shop(), lines: [line(lalian, 'no3-15', 150)], fulfilment: express() });
    expect(offStep.ok === false && offStep.problems[0]).toMatchObject({ reason: 'OFF_STEP', message: '“义乌尼龙拉链（3号 15厘米）”要按100条一份买，从100条起' });
  });

  it('checks stock against the merged quantity and says how much is left', () => {
    const result = priceOrder({ shop: shop(), lines: [line(larou, 'wuhua', 150), line(larou, 'wuhua', 60)], fulfilment: express() });
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'OUT_OF_STOCK', available: 200, message: '“酉阳柴火烟熏腊肉（五花）”只剩200斤了' })] });
  });

  it('sells nothing of a product marked sold out', () => {
    const soldOut = { ...larou, status: 'sold_out' as const };
    const result = priceOrder({ shop: shop(), lines: [line(soldOut, 'wuhua', 1)], fulfilment: express() });
    expect(result.ok === false && result.problems[0]).toMatchObject({ code: 'OUT_OF_STOCK', available: 0, message: '“酉阳柴火烟熏腊肉（五花）”卖完了' });
  });

  it('treats missing, hidden and other shops’ goods as gone, and unknown SKUs as a spec to re-pick', () => {
    const hidden = { ...larou, status: 'off_shelf' as const };
    const elsewhere = { ...larou, shopId: 'other-shop' };
    const result = priceOrder({ shop: shop(), lines: [line(null, 'x', 1, 'gone'), line(hidden, 'wuhua', 1), line(elsewhere, 'wuhua', 1, 'larou2'), line(lalian, 'no9', 100)], fulfilment: express() });
    expect(result.ok === false && result.problems.map((p) => p.code)).toEqual(['PRODUCT_NOT_FOUND', 'PRODUCT_NOT_FOUND', 'PRODUCT_NOT_FOUND', 'SKU_NOT_FOUND']);
  });

  it('collects every problem at once: lines, fulfilment and payment', () => {
    const result = priceOrder({ shop: shop(), lines: [line(lalian, 'no3-15', 50), line(larou, 'wuhua', 999)], fulfilment: { kind: 'local' }, payment: 'wechat' });
    expect(result.ok === false && result.problems.map((p) => p.code)).toEqual(['QUANTITY_NOT_ALLOWED', 'OUT_OF_STOCK', 'FULFILMENT_NOT_OFFERED', 'PAYMENT_NOT_OFFERED']);
  });

  it('offers WeChat Pay only when switched on with a sub-merchant number', () => {
    const on = (subMchId: string) => shop((s) => (s.payment.wechatPay = { enabled: true, subMchId }));
    expect(priceOrder({ shop: on(''), lines: [line(larou, 'wuhua', 1)], fulfilment: express(), payment: 'wechat' }).ok).toBe(false);
    expect(priceOrder({ shop: on('1900000109'), lines: [line(larou, 'wuhua', 1)], fulfilment: express(), payment: 'wechat' }).ok).toBe(true);
    expect(priceOrder({ shop: shop(), lines: [line(larou, 'wuhua', 1)], fulfilment: express(), payment: 'offline' }).ok).toBe(true);
  });

  it('refuses a pickup point the shop no longer has', () => {
    const open = shop((s) => (s.fulfilment.pickup = { enabled: true, points: [{ id: 'town', name: '店里', address: '老街', hours: '' }] }));
    const result = priceOrder({ shop: open, lines: [line(larou, 'wuhua', 1)], fulfilment: { kind: 'pickup', pointId: 'moved' } });
    expect(result.ok === false && result.problems).toEqual([expect.objectContaining({ code: 'PICKUP_POINT_UNKNOWN', pointId: 'moved' })]);
  });

  it('charges the local delivery fee when the shop delivers locally', () => {
    const open = shop((s) => (s.fulfilment.local = { enabled: true, areaNote: '镇上', feeFen: 500 }));
    expect(priceOrder({ shop: open, lines: [line(larou, 'wuhua', 1)], fulfilment: { kind: 'local' } })).toMatchObject({ ok: true, feeFen: 500, totalFen: 6300 });
  });

  it('charges a province’s own express fee, however the province is written', () => {
    const remote = shop((s) => (s.fulfilment.express.provinceFees = [{ province: '新疆', feeFen: 3000 }, { province: '广西', feeFen: 1500 }]));
    const fee = (province: string | null) => {
      const result = priceOrder({ shop: remote, lines: [line(larou, 'wuhua', 1)], fulfilment: express(province) });
      return result.ok ? result.feeFen : null;
    };
    expect(fee('新疆维吾尔自治区')).toBe(3000);
    expect(fee('广西壮族自治区')).toBe(1500);
    expect(fee('重庆市')).toBe(1000);
    expect(fee(null)).toBe(1000);
    expect(normaliseProvince(' 浙江省 ')).toBe('浙江');
  });

  it('ships free once the goods reach the threshold, even to a dearer province', () => {
    const free = shop((s) => {
      s.fulfilment.express.freeAboveFen = 9900;
      s.fulfilment.express.provinceFees = [{ province: '西藏', feeFen: 3000 }];
    });
    expect(priceOrder({ shop: free, lines: [line(larou, 'houtui', 1)], fulfilment: express('西藏自治区') })).toMatchObject({ goodsFen: 5200, feeFen: 3000 });
    expect(priceOrder({ shop: free, lines: [line(larou, 'houtui', 2)], fulfilment: express('西藏自治区') })).toMatchObject({ goodsFen: 10_400, feeFen: 0, totalFen: 10_400 });
  });

  it('uses only real error codes for problems', () => {
    const result = priceOrder({ shop: shop(), lines: [line(null, 'x', 1), line(larou, 'nope', 1), line(lalian, 'no3-15', 1), line(larou, 'wuhua', 9999)], fulfilment: { kind: 'pickup', pointId: 'x' }, payment: 'wechat' });
    expect(result.ok).toBe(false);
    if (!result.ok) for (const p of result.problems) expect(isErrorCode(p.code)).toBe(true);
    for (const action of Object.values(ordersContract.actions)) for (const code of action.errors) expect(isErrorCode(code)).toBe(true);
  });

  it('turns a place request’s fulfilment into what pricing needs', () => {
    const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
    expect(fulfilmentChoiceOf({ kind: 'express', address })).toEqual({ kind: 'express', province: '浙江省' });
    expect(FulfilmentChoice.parse({ kind: 'express' })).toEqual({ kind: 'express', province: null });
  });
});

// ---- Properties ------------------------------------------------------------------------------

/** Random on-sale SKUs with valid tiers (strictly more quantity, strictly cheaper) and lots of stock. */
const skuArb = fc
  .record({
    priceLi: fc.integer({ min: 1, max: 2_000_000 }),
    minSteps: fc.integer({ min: 1, max: 10 }),
    stepQty: fc.integer({ min: 1, max: 20 }),
    steps: fc.array(fc.record({ addQty: fc.integer({ min: 1, max: 500 }), cutLi: fc.integer({ min: 1, max: 50_000 }) }), { maxLength: 3 }),
  })
  .map(({ priceLi, minSteps, stepQty, steps }) => {
    // The minimum is a whole number of steps (100条起, by 100), so merged lines stay on the grid.
    const minQty = minSteps * stepQty;
    const tiers: { minQty: number; priceLi: number }[] = [];
    let qty = minQty;
    let price = priceLi;
    for (const step of steps) {
      if (price - step.cutLi < 1) break;
      qty += step.addQty;
      price -= step.cutLi;
      tiers.push({ minQty: qty, priceLi: price });
    }
    return { priceLi, minQty, stepQty, tiers, stock: 100_000_000, spec: '' };
  });

const catalogArb = fc.array(skuArb, { minLength: 1, maxLength: 4 }).map((skus) =>
  skus.map((sku, index) => product({ _id: `p${index}`, name: `商品${index}`, unit: '件', skus: [{ id: 's', ...sku }] })),
);

/** A cart over the catalog: each line an allowed quantity (minQty + k·step) of some product. */
const cartArb = catalogArb.chain((catalog) =>
  fc
    .array(fc.record({ index: fc.nat({ max: catalog.length - 1 }), steps: fc.nat({ max: 40 }) }), { minLength: 1, maxLength: 8 })
    .map((picks) => ({
      catalog,
      lines: picks.map(({ index, steps }) => {
        const sku = catalog[index].skus[0];
        return line(catalog[index], 's', sku.minQty + steps * sku.stepQty);
      }),
    })),
);

const expressShopArb = fc
  .record({ feeFen: fc.integer({ min: 0, max: 5000 }), freeAboveFen: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }) })
  .map(({ feeFen, freeAboveFen }) => shop((s) => (s.fulfilment.express = { enabled: true, feeFen, freeAboveFen, provinceFees: [] })));

describe('checkout options', () => {
  it('offers only the fulfilment kinds a shop has switched on, and WeChat Pay only with a merchant number', () => {
    expect(checkoutOptionsOf(shop())).toEqual({ express: { feeFen: 1000, freeAboveFen: null }, local: null, pickup: null, payment: ['offline'] });
    const point = { id: 'town', name: '镇上老张腊味店', address: '龙潭镇老街 18 号', hours: '' };
    const full = shop((s) => {
      s.fulfilment.local = { enabled: true, areaNote: '龙潭镇上', feeFen: 300 };
      s.fulfilment.pickup = { enabled: true, points: [point] };
      s.payment.wechatPay = { enabled: true, subMchId: '1900000109' };
    });
    expect(checkoutOptionsOf(full)).toEqual({ express: { feeFen: 1000, freeAboveFen: null }, local: { areaNote: '龙潭镇上', feeFen: 300 }, pickup: { points: [point] }, payment: ['wechat', 'offline'] });
    const noMerchant = shop((s) => (s.payment.wechatPay = { enabled: true, subMchId: '' }));
    expect(checkoutOptionsOf(noMerchant).payment).toEqual(['offline']);
  });
});

describe('checkout properties', () => {
  it('makes the total exactly the sum of the line totals plus the fee', () => {
    fc.assert(
      fc.property(cartArb, expressShopArb, ({ lines }, s) => {
        const result = priceOrder({ shop: s, lines, fulfilment: express() });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.goodsFen).toBe(result.lines.reduce((sum, l) => sum + l.totalFen, 0));
        expect(result.totalFen).toBe(result.goodsFen + result.feeFen);
        for (const l of result.lines) expect(Number.isSafeInteger(l.totalFen)).toBe(true);
      }),
    );
  });

  it('prices split lines exactly like one line of the merged quantity', () => {
    fc.assert(
      fc.property(cartArb, ({ lines }) => {
        const merged = mergeLines(lines).map((m) => line(m.product, m.skuId, m.quantity));
        const split = priceOrder({ shop: shop(), lines, fulfilment: express() });
        const whole = priceOrder({ shop: shop(), lines: merged, fulfilment: express() });
        expect(split).toEqual(whole);
        if (!split.ok) return;
        expect(new Set(split.lines.map((l) => l.productId)).size).toBe(split.lines.length);
        for (const l of split.lines) {
          const sku = lines.find((input) => input.productId === l.productId)!.product!.skus[0];
          expect(l.totalFen).toBe(priceLine(sku, l.quantity).totalFen);
        }
      }),
    );
  });

  it('ships free exactly when the goods reach the threshold', () => {
    fc.assert(
      fc.property(cartArb, expressShopArb, ({ lines }, s) => {
        const result = priceOrder({ shop: s, lines, fulfilment: express() });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const { feeFen, freeAboveFen } = s.fulfilment.express;
        const free = freeAboveFen !== null && result.goodsFen >= freeAboveFen;
        expect(result.feeFen).toBe(free ? 0 : feeFen);
      }),
    );
  });

  it('never lets a cart with any problem through, and never prices one without all its lines', () => {
    fc.assert(
      fc.property(cartArb, fc.integer({ min: 1, max: 5 }), ({ lines }, cut) => {
        // Squeeze stock so some lines fail: the result is either complete or a problem list.
        const squeezed = lines.map((l) => ({ ...l, product: l.product && { ...l.product, skus: l.product.skus.map((sku) => ({ ...sku, stock: Math.floor(l.quantity / cut) })) } }));
        const result = priceOrder({ shop: shop(), lines: squeezed, fulfilment: express() });
        if (result.ok) expect(result.lines.length).toBe(mergeLines(squeezed).length);
        else expect(result.problems.length).toBeGreaterThan(0);
      }),
    );
  });
});
