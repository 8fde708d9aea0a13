import fc from 'fast-check';
import { tierInForce, type CampaignPricing } from '@core/campaign-pricing';
import {
  completeSettlement,
  differenceRefunded,
  differenceRefundFailed,
  finalPrices,
  freezeSettlement,
  recordSettlement,
  repriceLine,
  settleCampaign,
  settlementOrderOf,
  settlementTotals,
  settleOrder,
  type SettlementOrder,
} from '@core/campaign-settlement';
import { countedTotals, endCampaign, type CampaignItem } from '@core/campaigns';
import { lineTotalFen, sumFen } from '@core/money';
import { HOUR, NOON, open, order, TONIGHT } from './campaigns-fixtures';

/** One order of 腊肉 五花 at a unit price: the shape settlement reads. */
function paidOrder(orderId: string, quantity: number, unitPriceLi: number, change: Partial<SettlementOrder> = {}): SettlementOrder {
  const totalFen = lineTotalFen(unitPriceLi, quantity);
  return { orderId, mode: 'wechat', lines: [{ productId: 'larou', skuId: 'wuhua', quantity, unitPriceLi, totalFen }], paidFen: totalFen, refundedFen: 0, pendingRefundFen: 0, settledFen: 0, ...change };
}

describe('settlement at 截团: every counted order at min(price paid, final tier)', () => {
  const campaign = open();
  const at120 = finalPrices(campaign, { i1: 120, i2: 6 });

  it('fixes each item’s final tier from the total counted at 截团', () => {
    expect(at120).toEqual([
      { itemId: 'i1', countedQty: 120, priceLi: 22_500, minQty: 100 },
      { itemId: 'i2', countedQty: 6, priceLi: 40_000, minQty: 1 },
    ]);
  });

  it('gives back the difference: 2 斤 paid at ¥30.00 settles at ¥22.50, ¥15.00 back by WeChat Pay', () => {
    const result = settleOrder(campaign, at120, paidOrder('o1', 2, 30_000));
    expect(result).toMatchObject({ paidGoodsFen: 6000, repricedGoodsFen: 4500, differenceFen: 1500, dueFen: 1500, refundFen: 1500, mode: 'wechat_refund' });
    expect(settleOrder(campaign, at120, paidOrder('o2', 1, 30_000, { mode: 'offline' }))).toMatchObject({ refundFen: 750, mode: 'vendor_refund' });
  });

  it('never charges more than at placement: a buyer who paid less than the final tier keeps their price', () => {
    // The total fell under 50 after cancellations; this buyer paid the ¥25.00 tier while it held.
    const at40 = finalPrices(campaign, { i1: 40 });
    const result = settleOrder(campaign, at40, paidOrder('o1', 3, 25_000));
    expect(result.lines[0]).toMatchObject({ paidUnitLi: 25_000, finalUnitLi: 25_000, repricedFen: 7500 });
    expect(result).toMatchObject({ differenceFen: 0, refundFen: 0, mode: 'none' });
  });

  it('rounds each repriced line half-up to the fen once, as every line is', () => {
    const pricing: CampaignItem = { id: 'i1', productId: 'larou', skuIds: ['wuhua'], priceLi: 1_005, tiers: [{ minQty: 2, priceLi: 1_003 }], limitPerBuyer: null, stockCap: null };
    const odd = { items: [pricing] };
    const result = settleOrder(odd, finalPrices(odd, { i1: 5 }), paidOrder('o1', 1, 1_005));
    // ¥1.005 → 101 fen paid; ¥1.003 → 100 fen; 1 fen back.
    expect(result).toMatchObject({ paidGoodsFen: 101, repricedGoodsFen: 100, refundFen: 1 });
    expect(repriceLine({ productId: 'larou', skuId: 'wuhua', quantity: 3, unitPriceLi: 65, totalFen: 20 }, 60)).toMatchObject({ finalUnitLi: 60, repricedFen: 18 });
  });

  it('leaves lines outside the campaign at their price', () => {
    const result = settleOrder(campaign, at120, { ...paidOrder('o1', 1, 30_000), lines: [{ productId: 'lalian', skuId: 'no3', quantity: 100, unitPriceLi: 70, totalFen: 700 }] });
    expect(result).toMatchObject({ differenceFen: 0, mode: 'none' });
  });

  it('waits for a transfer awaiting confirmation, and refunds it once the money is confirmed', () => {
    const awaiting = paidOrder('o1', 2, 30_000, { mode: 'offline', paidFen: 0 });
    expect(settleOrder(campaign, at120, awaiting)).toMatchObject({ differenceFen: 1500, refundFen: 0, mode: 'await_payment' });
    expect(settleOrder(campaign, at120, { ...awaiting, paidFen: 6000 })).toMatchObject({ refundFen: 1500, mode: 'vendor_refund' });
  });

  it('waits while another refund is under way, and never gives back more than is left to refund', () => {
    expect(settleOrder(campaign, at120, paidOrder('o1', 2, 30_000, { pendingRefundFen: 1000 }))).toMatchObject({ refundFen: 0, mode: 'await_refund' });
    expect(settleOrder(campaign, at120, paidOrder('o1', 2, 30_000, { refundedFen: 5000 }))).toMatchObject({ dueFen: 1500, refundFen: 1000, mode: 'wechat_refund' });
    expect(settleOrder(campaign, at120, paidOrder('o1', 2, 30_000, { refundedFen: 6000 }))).toMatchObject({ refundFen: 0, mode: 'none' });
  });

  it('settles nothing twice: fed what it already gave back, it owes nothing more', () => {
    const first = settleOrder(campaign, at120, paidOrder('o1', 2, 30_000));
    const again = settleOrder(campaign, at120, paidOrder('o1', 2, 30_000, { settledFen: first.refundFen, refundedFen: first.refundFen }));
    expect(again).toMatchObject({ differenceFen: 1500, dueFen: 0, refundFen: 0, mode: 'none' });
  });

  it('does not re-price anyone when an order is cancelled after 截团', () => {
    const ended = endCampaign(open(), { now: NOON + 3 * HOUR, by: 'laozhang' });
    if (!ended.ok) throw new Error('not ended');
    const closedAt = ended.campaign.endAt;
    const big = order({ quantity: 45 });
    const small = order({ quantity: 10 });
    const before = countedTotals(ended.campaign, [big, small], closedAt);
    expect(before.i1).toBe(55);
    const bigCancelled = { ...big, state: 'refunded' as const, history: [...big.history, { to: 'refunding' as const, at: closedAt + HOUR }, { to: 'refunded' as const, at: closedAt + 2 * HOUR }] };
    expect(countedTotals(ended.campaign, [bigCancelled, small], closedAt)).toEqual(before);
    expect(finalPrices(ended.campaign, countedTotals(ended.campaign, [bigCancelled, small], closedAt))[0].priceLi).toBe(25_000);
  });

  it('fixes the final tiers once: 截团 tapped twice and the timer read the same prices', () => {
    const ended = endCampaign(open(), { now: NOON + 3 * HOUR, by: 'laozhang' });
    if (!ended.ok) throw new Error('not ended');
    const first = freezeSettlement(ended.campaign, { i1: 120, i2: 6 }, NOON + 3 * HOUR);
    expect(first.ok && first.outcome).toBe('moved');
    if (!first.ok) return;
    expect(first.campaign.settlement).toMatchObject({ closedAt: NOON + 3 * HOUR, status: 'settling', items: [{ itemId: 'i1', priceLi: 22_500 }, { itemId: 'i2', priceLi: 40_000 }] });
    expect(first.campaign.counted).toEqual({ i1: 120, i2: 6 });
    // The timer comes later with a total that has since dropped: it changes nothing.
    expect(freezeSettlement(first.campaign, { i1: 30 }, TONIGHT)).toMatchObject({ ok: true, outcome: 'noop', campaign: first.campaign });
    const done = completeSettlement(first.campaign, TONIGHT);
    expect(done.ok && done.campaign.settlement?.status).toBe('settled');
    expect(done.ok && completeSettlement(done.campaign, TONIGHT + 1)).toMatchObject({ outcome: 'noop' });
  });

  it('refuses to settle a campaign still open', () => {
    expect(freezeSettlement(open(), { i1: 10 }, NOON + HOUR)).toMatchObject({ ok: false, problems: [{ code: 'CAMPAIGN_STATE_CONFLICT' }] });
  });

  it('reads a stored order for settlement, with what settlement already gave back', () => {
    const stored = order({ quantity: 2 });
    expect(settlementOrderOf(stored)).toMatchObject({ orderId: stored._id, mode: 'wechat', paidFen: 6000, refundedFen: 0, pendingRefundFen: 0, settledFen: 0 });
  });
});

describe('the difference as recorded on an order', () => {
  const campaign = open();
  const prices = finalPrices(campaign, { i1: 120 });

  it('follows a WeChat refund from processing to done', () => {
    const result = settleOrder(campaign, prices, paidOrder('o1', 2, 30_000));
    const recorded = recordSettlement(null, result, TONIGHT, { at: TONIGHT, refundNo: 'o1R1' });
    expect(recorded).toMatchObject({ differenceFen: 1500, settledFen: 1500, refundedFen: 0, status: 'processing', refundNo: 'o1R1' });
    const done = differenceRefunded(recorded, TONIGHT + 1);
    expect(done).toMatchObject({ ok: true, outcome: 'moved', difference: { refundedFen: 1500, status: 'done' } });
  });

  it('lets the vendor mark a 待退差价 as paid back once; a second tap changes nothing', () => {
    const result = settleOrder(campaign, prices, paidOrder('o1', 1, 30_000, { mode: 'offline' }));
    const due = recordSettlement(null, result, TONIGHT, { at: TONIGHT });
    expect(due).toMatchObject({ settledFen: 750, status: 'due', refundNo: null });
    const marked = differenceRefunded(due, TONIGHT + 1);
    if (!marked.ok) throw new Error('not marked');
    expect(differenceRefunded(marked.difference, TONIGHT + 2)).toMatchObject({ ok: true, outcome: 'noop' });
    expect(differenceRefunded(null, TONIGHT)).toMatchObject({ ok: false, problem: { code: 'CAMPAIGN_DIFFERENCE_NOT_DUE' } });
  });

  it('owes a failed WeChat refund again, and the next settlement starts a new one', () => {
    const first = settleOrder(campaign, prices, paidOrder('o1', 2, 30_000));
    const failed = differenceRefundFailed(recordSettlement(null, first, TONIGHT, { at: TONIGHT, refundNo: 'o1R1' }), TONIGHT + 1);
    expect(failed).toMatchObject({ settledFen: 0, status: 'waiting', refundNo: null });
    const retry = settleOrder(campaign, prices, paidOrder('o1', 2, 30_000, { settledFen: failed.settledFen }));
    expect(retry).toMatchObject({ refundFen: 1500, mode: 'wechat_refund' });
  });

  it('sums the vendor’s settlement: refunded, due, waiting and processing', () => {
    const wechat = recordSettlement(null, settleOrder(campaign, prices, paidOrder('a', 2, 30_000)), TONIGHT, { at: TONIGHT, refundNo: 'aR1' });
    const offline = recordSettlement(null, settleOrder(campaign, prices, paidOrder('b', 1, 30_000, { mode: 'offline' })), TONIGHT, { at: TONIGHT });
    const waiting = recordSettlement(null, settleOrder(campaign, prices, paidOrder('c', 4, 30_000, { mode: 'offline', paidFen: 0 })), TONIGHT, { at: TONIGHT });
    const none = recordSettlement(null, settleOrder(campaign, prices, paidOrder('d', 1, 22_500)), TONIGHT, { at: TONIGHT });
    const refunded = differenceRefunded(wechat, TONIGHT + 1);
    if (!refunded.ok) throw new Error('not refunded');
    expect(settlementTotals([refunded.difference, offline, waiting, none, null])).toEqual({
      orders: 4,
      paidGoodsFen: 6000 + 3000 + 12000 + 2250,
      repricedGoodsFen: 4500 + 2250 + 9000 + 2250,
      differenceFen: 1500 + 750 + 3000,
      refundedFen: 1500,
      dueFen: 750,
      waitingFen: 3000,
      processingFen: 0,
    });
  });
});

// ---- Properties ------------------------------------------------------------------------------------

/** A valid tier table: rising quantities, falling prices, from ¥0.001 up. */
const pricingArb: fc.Arbitrary<CampaignPricing> = fc
  .record({ priceLi: fc.integer({ min: 2, max: 500_000 }), steps: fc.array(fc.record({ add: fc.integer({ min: 1, max: 80 }), cut: fc.integer({ min: 1, max: 60_000 }) }), { maxLength: 4 }) })
  .map(({ priceLi, steps }) => {
    const tiers: { minQty: number; priceLi: number }[] = [];
    let [qty, price] = [1, priceLi];
    for (const step of steps) {
      if (price - step.cut < 1) break;
      [qty, price] = [qty + step.add, price - step.cut];
      tiers.push({ minQty: qty, priceLi: price });
    }
    return { priceLi, tiers };
  });

interface World {
  campaign: { items: CampaignItem[] };
  orders: SettlementOrder[];
  totals: Record<string, number>;
}

/**
 * A campaign of two items (one with tiers over two SKUs, one flat) and orders of them, each line
 * paid at some tier of its item (the one in force when it was placed), plus a fee; the final totals
 * are anything, as cancellations and late counts may leave them.
 */
const worldArb: fc.Arbitrary<World> = fc
  .tuple(pricingArb, fc.integer({ min: 1, max: 300_000 }))
  .chain(([pricing, flatLi]) => {
    const items: CampaignItem[] = [
      { id: 'i1', productId: 'p', skuIds: ['s1', 's2'], priceLi: pricing.priceLi, tiers: [...pricing.tiers], limitPerBuyer: null, stockCap: null },
      { id: 'i2', productId: 'q', skuIds: ['t'], priceLi: flatLi, tiers: [], limitPerBuyer: null, stockCap: null },
    ];
    const prices = [pricing.priceLi, ...pricing.tiers.map((tier) => tier.priceLi)];
    const lineArb = fc.record({ sku: fc.constantFrom('s1', 's2', 't'), quantity: fc.integer({ min: 1, max: 500 }), tier: fc.nat(prices.length - 1) }).map(({ sku, quantity, tier }) => {
      const unitPriceLi = sku === 't' ? flatLi : prices[tier];
      return { productId: sku === 't' ? 'q' : 'p', skuId: sku, quantity, unitPriceLi, totalFen: lineTotalFen(unitPriceLi, quantity) };
    });
    const orderArb = fc.record({ lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }), feeFen: fc.integer({ min: 0, max: 2000 }), mode: fc.constantFrom('wechat' as const, 'offline' as const) });
    return fc.record({
      campaign: fc.constant({ items }),
      orders: fc.array(orderArb, { minLength: 1, maxLength: 25 }).map((orders) =>
        orders.map(({ lines, feeFen, mode }, index) => ({ orderId: `o${index + 1}`, mode, lines, paidFen: sumFen(lines.map((line) => line.totalFen)) + feeFen, refundedFen: 0, pendingRefundFen: 0, settledFen: 0 })),
      ),
      totals: fc.record({ i1: fc.nat(600), i2: fc.nat(600) }),
    });
  });

describe('settlement properties', () => {
  it('never makes anyone pay more than at placement, line by line and order by order', () => {
    fc.assert(
      fc.property(worldArb, ({ campaign, orders, totals }) => {
        const { orders: settled } = settleCampaign(campaign, finalPrices(campaign, totals), orders);
        for (const result of settled) {
          for (const line of result.lines) {
            expect(line.finalUnitLi).toBeLessThanOrEqual(line.paidUnitLi);
            expect(line.repricedFen).toBeLessThanOrEqual(line.paidFen);
          }
          expect(result.paidGoodsFen - result.refundFen).toBeGreaterThanOrEqual(result.repricedGoodsFen);
        }
      }),
    );
  });

  it('gives every order a refund of at least 0 and at most what is left to refund', () => {
    const withRefunds = worldArb.chain((world) =>
      fc.tuple(fc.constant(world), fc.array(fc.record({ refunded: fc.double({ min: 0, max: 1, noNaN: true }), pending: fc.double({ min: 0, max: 1, noNaN: true }), settled: fc.nat(5000) }), { minLength: world.orders.length, maxLength: world.orders.length })),
    );
    fc.assert(
      fc.property(withRefunds, ([{ campaign, orders, totals }, extras]) => {
        const varied = orders.map((order, index) => {
          const refundedFen = Math.floor(order.paidFen * extras[index].refunded);
          const pendingRefundFen = Math.floor((order.paidFen - refundedFen) * extras[index].pending);
          return { ...order, refundedFen, pendingRefundFen, settledFen: extras[index].settled };
        });
        const { orders: settled } = settleCampaign(campaign, finalPrices(campaign, totals), varied);
        settled.forEach((result, index) => {
          expect(result.refundFen).toBeGreaterThanOrEqual(0);
          expect(Number.isSafeInteger(result.refundFen)).toBe(true);
          expect(result.refundFen).toBeLessThanOrEqual(varied[index].paidFen - varied[index].refundedFen - varied[index].pendingRefundFen);
          expect(result.refundFen).toBeLessThanOrEqual(result.dueFen);
        });
      }),
    );
  });

  it('refunds in all exactly what was paid minus the total at final prices, to the fen', () => {
    fc.assert(
      fc.property(worldArb, ({ campaign, orders, totals }) => {
        const prices = finalPrices(campaign, totals);
        const result = settleCampaign(campaign, prices, orders);
        const paid = sumFen(orders.flatMap((order) => order.lines.map((line) => line.totalFen)));
        const atFinal = sumFen(
          orders.flatMap((order) =>
            order.lines.map((line) => {
              const item = campaign.items.find((candidate) => candidate.skuIds.includes(line.skuId));
              const finalLi = item ? tierInForce(item, totals[item.id]).priceLi : line.unitPriceLi;
              return lineTotalFen(Math.min(line.unitPriceLi, finalLi), line.quantity);
            }),
          ),
        );
        expect(result.refundFen).toBe(paid - atFinal);
        expect(result.differenceFen).toBe(paid - atFinal);
        expect(result.paidGoodsFen - result.repricedGoodsFen).toBe(result.refundFen);
      }),
    );
  });

  it('is deterministic, and idempotent on what it already settled', () => {
    fc.assert(
      fc.property(worldArb, ({ campaign, orders, totals }) => {
        const prices = finalPrices(campaign, totals);
        const first = settleCampaign(campaign, prices, orders);
        expect(settleCampaign(campaign, prices, orders)).toEqual(first);
        // Applied: what went back is now both settled and refunded.
        const applied = orders.map((order, index) => ({ ...order, settledFen: first.orders[index].refundFen, refundedFen: first.orders[index].refundFen }));
        const second = settleCampaign(campaign, prices, applied);
        expect(second.refundFen).toBe(0);
        expect(second.orders.map((order) => order.mode)).toEqual(orders.map(() => 'none'));
        expect(second.repricedGoodsFen).toBe(first.repricedGoodsFen);
        // Repricing repriced lines changes nothing: the final prices are a fixed point.
        const repriced = orders.map((order, index) => ({
          ...order,
          lines: first.orders[index].lines.map((line) => ({ productId: line.productId, skuId: line.skuId, quantity: line.quantity, unitPriceLi: line.finalUnitLi, totalFen: line.repricedFen })),
        }));
        const third = settleCampaign(campaign, prices, repriced);
        expect(third.differenceFen).toBe(0);
        expect(third.repricedGoodsFen).toBe(first.repricedGoodsFen);
      }),
    );
  });
});
