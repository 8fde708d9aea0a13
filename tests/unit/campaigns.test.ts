import fc from 'fast-check';
import { campaignTierProblem, lowestPriceLi, progressText, tierInForce, tierProgress, tiersText } from '@core/campaign-pricing';
import {
  campaignInputProblems,
  campaignState,
  copyCampaign,
  countedAt,
  countedTotals,
  countsInList,
  endCampaign,
  publishCampaign,
  unpublishCampaign,
  updateCampaign,
  type CampaignDoc,
} from '@core/campaigns';
import { campaignCheckoutShop, campaignOrderProblems, campaignPricedProduct, campaignPriceSource } from '@core/campaign-ordering';
import { toCampaignOrderRow, toCampaignPublic, toPublicEntry } from '@core/campaign-views';
import { priceOrder } from '@core/checkout';
import type { OrderState } from '@core/contracts/orders';
import { isErrorCode } from '@core/errors';
import { defaultShopSettings } from '@core/shops';
import { ctx, draft, HOUR, input, larou, NOON, open, order, shop, TONIGHT, xiangchang } from './campaigns-fixtures';

const larouTiers = { priceLi: 30_000, tiers: [{ minQty: 50, priceLi: 25_000 }, { minQty: 100, priceLi: 22_500 }] };
const codes = (problems: readonly { code: string }[]) => problems.map((problem) => problem.code);

describe('campaign tiers: the price falls as the group buys more', () => {
  it('sells at the campaign price from 1 and at each tier from its group total on', () => {
    expect(tierInForce(larouTiers, 0)).toEqual({ priceLi: 30_000, minQty: 1 });
    expect(tierInForce(larouTiers, 49)).toEqual({ priceLi: 30_000, minQty: 1 });
    expect(tierInForce(larouTiers, 50)).toEqual({ priceLi: 25_000, minQty: 50 });
    expect(tierInForce(larouTiers, 99)).toEqual({ priceLi: 25_000, minQty: 50 });
    expect(tierInForce(larouTiers, 100)).toEqual({ priceLi: 22_500, minQty: 100 });
    expect(tierInForce(larouTiers, 5000)).toEqual({ priceLi: 22_500, minQty: 100 });
  });

  it('tells how much more the group must buy for the next tier: "再卖 12 斤降到 ¥25.00/斤"', () => {
    const progress = tierProgress(larouTiers, 38);
    expect(progress.next).toEqual({ minQty: 50, priceLi: 25_000, remainingQty: 12 });
    expect(progressText(progress, '斤', true)).toBe('再卖 12 斤降到 ¥25.00/斤');
    expect(progressText(tierProgress(larouTiers, 120), '斤', true)).toBe('已到最低价 ¥22.50/斤');
    expect(progressText(tierProgress({ priceLi: 40_000, tiers: [] }, 3), '斤', false)).toBe('');
  });

  it('writes the tier table as a group reads it, and finds the lowest price for the share card', () => {
    expect(tiersText(larouTiers, '斤')).toBe('¥30.00/斤，满50斤 ¥25.00/斤，满100斤 ¥22.50/斤');
    expect(tiersText({ priceLi: 65, tiers: [] }, '条')).toBe('¥0.065/条');
    expect(lowestPriceLi(larouTiers)).toBe(22_500);
  });

  it('refuses tiers that do not rise in quantity, do not fall in price, or lie beyond the cap', () => {
    expect(campaignTierProblem(larouTiers)).toBeNull();
    expect(campaignTierProblem({ priceLi: 30_000, tiers: [{ minQty: 50, priceLi: 30_000 }] })).toMatchObject({ reason: 'NOT_FALLING', index: 0 });
    expect(campaignTierProblem({ priceLi: 30_000, tiers: [{ minQty: 50, priceLi: 25_000 }, { minQty: 50, priceLi: 20_000 }] })).toMatchObject({ reason: 'NOT_RISING', index: 1 });
    expect(campaignTierProblem({ priceLi: 30_000, tiers: [{ minQty: 100, priceLi: 25_000 }, { minQty: 50, priceLi: 20_000 }] })).toMatchObject({ reason: 'NOT_RISING', index: 1 });
    expect(campaignTierProblem(larouTiers, 80)).toMatchObject({ reason: 'BEYOND_CAP', index: 1, message: '团购限量只有80，到不了这一档' });
  });

  it('never raises the price as the group total grows, and never above the campaign price', () => {
    const validTiers = fc
      .record({ priceLi: fc.integer({ min: 2, max: 1_000_000 }), steps: fc.array(fc.record({ add: fc.integer({ min: 1, max: 200 }), cut: fc.integer({ min: 1, max: 50_000 }) }), { maxLength: 5 }) })
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
    fc.assert(
      fc.property(validTiers, fc.nat(2000), fc.nat(2000), (pricing, total, more) => {
        expect(campaignTierProblem(pricing)).toBeNull();
        expect(tierInForce(pricing, total + more).priceLi).toBeLessThanOrEqual(tierInForce(pricing, total).priceLi);
        expect(tierInForce(pricing, total).priceLi).toBeLessThanOrEqual(pricing.priceLi);
        const { next } = tierProgress(pricing, total);
        if (next) expect(tierInForce(pricing, total + next.remainingQty).priceLi).toBe(next.priceLi);
      }),
    );
  });
});

describe('campaign validation: each broken rule has its own code', () => {
  it('accepts the 腊肉 and 香肠 campaign', () => {
    expect(campaignInputProblems(input(), ctx())).toEqual([]);
  });

  it('refuses a 截团 at or before the start', () => {
    expect(campaignInputProblems(input((d) => (d.endAt = d.startAt)))).toEqual([{ code: 'CAMPAIGN_TIME_INVALID', path: 'endAt', message: '截团时间要晚于开团时间' }]);
    expect(codes(campaignInputProblems(input((d) => (d.endAt = d.startAt - HOUR))))).toEqual(['CAMPAIGN_TIME_INVALID']);
  });

  it('refuses a tier table that does not fall in price, pointing at the tier', () => {
    const problems = campaignInputProblems(input((d) => (d.items[0].tiers = [{ minQty: 50, priceLi: 25_000 }, { minQty: 100, priceLi: 26_000 }])));
    expect(problems).toEqual([{ code: 'CAMPAIGN_TIERS_INVALID', path: 'items.0.tiers.1', message: '阶梯价要一档比一档便宜' }]);
  });

  it('refuses the same SKU twice, within an item or across items', () => {
    expect(campaignInputProblems(input((d) => (d.items[0].skuIds = ['wuhua', 'wuhua'])))).toMatchObject([{ code: 'CAMPAIGN_ITEM_DUPLICATE', path: 'items.0.skuIds.1' }]);
    const twice = input((d) => d.items.push({ ...d.items[0], skuIds: ['houtui'], tiers: [] }));
    expect(campaignInputProblems(twice)).toMatchObject([{ code: 'CAMPAIGN_ITEM_DUPLICATE', path: 'items.2.skuIds.0' }]);
  });

  it('lets one product be two items when they are different SKUs at different prices', () => {
    const split = input((d) => {
      d.items[0] = { ...d.items[0], skuIds: ['wuhua'] };
      d.items.push({ productId: 'larou', skuIds: ['houtui'], priceLi: 28_000, tiers: [], limitPerBuyer: null, stockCap: null });
    });
    expect(campaignInputProblems(split, ctx())).toEqual([]);
  });

  it('refuses goods of another shop, SKUs that do not exist and a cap above stock', () => {
    const other = { ...xiangchang, shopId: 'other-shop' };
    expect(campaignInputProblems(input(), ctx([larou, other]))).toMatchObject([{ code: 'PRODUCT_NOT_FOUND', path: 'items.1.productId' }]);
    expect(campaignInputProblems(input((d) => (d.items[0].skuIds = ['wuhua', 'gone'])), ctx())).toMatchObject([{ code: 'SKU_NOT_FOUND', path: 'items.0.skuIds.1' }]);
    expect(campaignInputProblems(input((d) => (d.items[1].stockCap = 81)), ctx())).toEqual([
      { code: 'CAMPAIGN_CAP_ABOVE_STOCK', path: 'items.1.stockCap', message: '“麻辣香肠”现在只有80斤库存，团购限量不能比它多' },
    ]);
  });

  it('refuses fulfilment the shop does not offer, and pickup points it does not have', () => {
    const problems = campaignInputProblems(input((d) => (d.fulfilment = { express: true, local: true, pickupPointIds: ['town', 'moon', 'town'] })), ctx());
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['CAMPAIGN_FULFILMENT_INVALID', 'fulfilment.pickupPointIds.2'],
      ['CAMPAIGN_FULFILMENT_INVALID', 'fulfilment.local'],
      ['CAMPAIGN_FULFILMENT_INVALID', 'fulfilment.pickupPointIds.1'],
    ]);
  });

  it('answers only with error codes that exist', () => {
    const broken = input((d) => {
      d.endAt = d.startAt;
      d.items[0].tiers = [{ minQty: 1, priceLi: 1 }];
      d.items[1].skuIds = ['mala', 'mala'];
      d.fulfilment.local = true;
    });
    const problems = campaignInputProblems(broken, ctx());
    expect(problems.length).toBeGreaterThanOrEqual(4);
    for (const problem of problems) expect(isErrorCode(problem.code)).toBe(true);
  });
});

describe('campaign lifecycle: draft, scheduled, open, ended', () => {
  it('reads scheduled, open and ended from the times, and keeps only draft as stored', () => {
    const scheduled: CampaignDoc = { ...draft(), status: 'published', startAt: NOON + HOUR };
    expect(campaignState(draft(), NOON)).toBe('draft');
    expect(campaignState(scheduled, NOON)).toBe('scheduled');
    expect(campaignState(scheduled, NOON + HOUR)).toBe('open');
    expect(campaignState(scheduled, TONIGHT - 1)).toBe('open');
    expect(campaignState(scheduled, TONIGHT)).toBe('ended');
  });

  it('saves an unfinished draft but opens only a complete one', () => {
    const empty = input((d) => {
      d.items = [];
      d.fulfilment = { express: false, local: false, pickupPointIds: [] };
    });
    expect(campaignInputProblems(empty, ctx())).toEqual([]);
    const result = publishCampaign(draft((d) => Object.assign(d, empty)), ctx(), { now: NOON, startNow: true });
    expect(result.ok || result.problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['CAMPAIGN_INCOMPLETE', 'items'],
      ['CAMPAIGN_INCOMPLETE', 'fulfilment'],
    ]);
  });

  it('schedules a draft for its start, or opens it now', () => {
    const later = publishCampaign(draft((d) => (d.startAt = NOON + HOUR)), ctx(), { now: NOON, startNow: false });
    expect(later.ok && [later.outcome, campaignState(later.campaign, NOON), later.campaign.startAt]).toEqual(['moved', 'scheduled', NOON + HOUR]);
    const now = publishCampaign(draft((d) => (d.startAt = NOON + HOUR)), ctx(), { now: NOON, startNow: true });
    expect(now.ok && [campaignState(now.campaign, NOON), now.campaign.startAt]).toEqual(['open', NOON]);
  });

  it('refuses to open a campaign whose 截团 has passed, or with goods not on sale', () => {
    const late = publishCampaign(draft(), ctx(), { now: TONIGHT, startNow: true });
    expect(late.ok || codes(late.problems)).toEqual(['CAMPAIGN_END_PASSED']);
    const hidden = publishCampaign(draft(), ctx([{ ...larou, status: 'off_shelf' }, xiangchang]), { now: NOON, startNow: true });
    expect(hidden.ok || hidden.problems).toMatchObject([{ code: 'PRODUCT_NOT_FOUND', path: 'items.0.productId', message: '“酉阳腊肉”还没上架，请先上架再开团' }]);
  });

  it('ends an open campaign once: 截团 tapped twice, or after its time, changes nothing more', () => {
    const first = endCampaign(open(), { now: NOON + 2 * HOUR, by: 'laozhang' });
    expect(first.ok && first.outcome).toBe('moved');
    if (!first.ok) return;
    expect(first.campaign.endAt).toBe(NOON + 2 * HOUR);
    expect(first.campaign.endedEarly).toEqual({ at: NOON + 2 * HOUR, by: 'laozhang', plannedEndAt: TONIGHT });
    expect(campaignState(first.campaign, NOON + 2 * HOUR)).toBe('ended');
    const second = endCampaign(first.campaign, { now: NOON + 2 * HOUR + 1, by: 'staff' });
    expect(second).toMatchObject({ ok: true, outcome: 'noop', campaign: first.campaign });
    expect(endCampaign(open(), { now: TONIGHT, by: 'laozhang' })).toMatchObject({ ok: true, outcome: 'noop' });
  });

  it('cannot end a draft or a campaign not yet started, but can take a scheduled one back to draft', () => {
    expect(endCampaign(draft(), { now: NOON, by: 'laozhang' })).toMatchObject({ ok: false, problems: [{ code: 'CAMPAIGN_STATE_CONFLICT' }] });
    const scheduled: CampaignDoc = { ...draft(), status: 'published', startAt: NOON + HOUR };
    expect(endCampaign(scheduled, { now: NOON, by: 'laozhang' })).toMatchObject({ ok: false, problems: [{ code: 'CAMPAIGN_STATE_CONFLICT' }] });
    const back = unpublishCampaign(scheduled, NOON);
    expect(back.ok && campaignState(back.campaign, NOON)).toBe('draft');
    expect(unpublishCampaign(open(), NOON + HOUR)).toMatchObject({ ok: false, problems: [{ code: 'CAMPAIGN_STATE_CONFLICT' }] });
  });

  it('edits a draft freely but locks an open campaign’s goods and prices', () => {
    const edited = updateCampaign(draft(), input((d) => (d.items[0].priceLi = 29_000)), ctx(), NOON);
    expect(edited.ok && edited.campaign.items[0].priceLi).toBe(29_000);
    const running = open();
    const repriced = updateCampaign(running, input((d) => (d.items[0].priceLi = 29_000)), ctx(), NOON + HOUR);
    expect(repriced.ok || repriced.problems).toEqual([{ code: 'CAMPAIGN_ITEM_LOCKED', path: 'items.0', message: '已经开团了，团里的商品和价格不能再改' }]);
    const reworded = updateCampaign(running, input((d) => ((d.text = '最后 20 斤'), (d.endAt = TONIGHT + HOUR), (d.items[1].stockCap = 70))), ctx(), NOON + HOUR);
    expect(reworded.ok && [reworded.campaign.text, reworded.campaign.endAt, reworded.campaign.items[1].stockCap]).toEqual(['最后 20 斤', TONIGHT + HOUR, 70]);
  });

  it('lets an open campaign raise its cap and limit but never lower them', () => {
    const running = { ...open(), taken: { i2: 30 } };
    const lower = updateCampaign(running, input((d) => ((d.items[1].stockCap = 50), (d.items[1].limitPerBuyer = 3))), ctx(), NOON + HOUR);
    expect(lower.ok || lower.problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['CAMPAIGN_ITEM_LOCKED', 'items.1.stockCap'],
      ['CAMPAIGN_ITEM_LOCKED', 'items.1.limitPerBuyer'],
    ]);
    const lifted = updateCampaign(running, input((d) => ((d.items[1].stockCap = null), (d.items[1].limitPerBuyer = null))), ctx(), NOON + HOUR);
    expect(lifted.ok).toBe(true);
  });

  it('refuses any edit after 截团', () => {
    expect(updateCampaign(open(), input(), ctx(), TONIGHT)).toMatchObject({ ok: false, problems: [{ code: 'CAMPAIGN_STATE_CONFLICT' }] });
  });

  it('copies a campaign into a new draft that ends at the same clock time, the next time it comes', () => {
    const ended = endCampaign(open(), { now: NOON + 2 * HOUR, by: 'laozhang' });
    if (!ended.ok) throw new Error('not ended');
    const source = { ...ended.campaign, lastSeq: 37, entries: 35, counted: { i1: 82 }, taken: { i1: 90 } };
    const nextMorning = TONIGHT + 13 * HOUR;
    const copy = copyCampaign(source, { id: 'c2', by: 'staff', now: nextMorning });
    expect(copy).toMatchObject({ _id: 'c2', status: 'draft', copiedFrom: 'c1', lastSeq: 0, entries: 0, counted: {}, taken: {}, settlement: null, endedEarly: null, createdBy: 'staff' });
    // Planned 截团 was 20:00 yesterday (ended early at 14:00): the copy ends at 20:00 today.
    expect(copy.endAt).toBe(TONIGHT + 24 * HOUR);
    expect(copy.startAt).toBe(NOON + 24 * HOUR);
    expect(copy.items).toEqual(source.items);
    expect(copy.title).toBe(source.title);
    expect(copyCampaign(open(), { id: 'c3', by: 'staff', now: NOON + HOUR }).endAt).toBe(TONIGHT);
  });
});

describe('which orders count on the public list', () => {
  it('counts paid orders, marked transfers and every later state; not unpaid, cancelled or refunded ones', () => {
    const counted = (states: OrderState[]) => states.map((state) => countsInList(order({ state })));
    expect(counted(['to_confirm', 'paid', 'shipped', 'ready_for_pickup', 'completed'])).toEqual([true, true, true, true, true]);
    expect(counted(['to_pay', 'cancelled', 'refunded'])).toEqual([false, false, false]);
  });

  it('keeps an order with a partial refund under way, but not a cancelled order whose late payment goes back', () => {
    expect(countsInList({ state: 'refunding', pendingRefund: { amountFen: 100, resume: 'paid' } })).toBe(true);
    expect(countsInList({ state: 'refunding', pendingRefund: { amountFen: 100, resume: 'cancelled' } })).toBe(false);
  });

  it('reads from the history whether an order counted at 截团, whatever happened after', () => {
    const paid = order({ at: NOON + HOUR });
    const cancelledLater = { ...paid, state: 'refunded' as const, history: [...paid.history, { to: 'refunding' as const, at: TONIGHT + HOUR }, { to: 'refunded' as const, at: TONIGHT + 2 * HOUR }] };
    expect(countedAt(cancelledLater, TONIGHT)).toBe(true);
    expect(countedAt(cancelledLater, TONIGHT + 2 * HOUR)).toBe(false);
    expect(countedAt(paid, NOON)).toBe(false);
    const lateMoney = { ...paid, history: [{ to: 'to_pay' as const, at: NOON }, { to: 'cancelled' as const, at: NOON + HOUR }, { to: 'refunding' as const, at: NOON + 2 * HOUR }] };
    expect(countedAt(lateMoney, TONIGHT)).toBe(false);
    const refundRequested = { ...paid, history: [...paid.history, { to: 'refunding' as const, at: NOON + 2 * HOUR }] };
    expect(countedAt(refundRequested, TONIGHT)).toBe(true);
  });

  it('totals each item over the orders that count, now or at a moment', () => {
    const campaign = open();
    const orders = [order({ quantity: 2 }), order({ quantity: 5, state: 'to_confirm' }), order({ quantity: 7, state: 'to_pay' }), order({ quantity: 11, state: 'cancelled' })];
    expect(countedTotals(campaign, orders)).toEqual({ i1: 7, i2: 0 });
    expect(countedTotals(campaign, orders, NOON)).toEqual({ i1: 0, i2: 0 });
  });
});

describe('ordering in a campaign', () => {
  const products = [larou, xiangchang];

  it('refuses orders before the start, after 截团, and in a draft', () => {
    const lines = [{ productId: 'larou', skuId: 'wuhua', quantity: 2 }];
    expect(codes(campaignOrderProblems({ campaign: open(), now: TONIGHT, lines, taken: {}, products }))).toEqual(['CAMPAIGN_ENDED']);
    expect(codes(campaignOrderProblems({ campaign: { ...open(), startAt: NOON + HOUR }, now: NOON, lines, taken: {}, products }))).toEqual(['CAMPAIGN_NOT_STARTED']);
    expect(codes(campaignOrderProblems({ campaign: draft(), now: NOON, lines, taken: {}, products }))).toEqual(['CAMPAIGN_NOT_FOUND']);
    expect(campaignOrderProblems({ campaign: open(), now: NOON, lines, taken: {}, products })).toEqual([]);
  });

  it('refuses an item not in the campaign', () => {
    const problems = campaignOrderProblems({ campaign: open(), now: NOON, lines: [{ productId: 'lalian', skuId: 'no3', quantity: 100 }], taken: {}, products });
    expect(problems).toEqual([{ code: 'CAMPAIGN_ITEM_NOT_FOUND', productId: 'lalian', skuId: 'no3', message: '这件商品不在这个团里' }]);
  });

  it('refuses more than the per-buyer limit, counting what the buyer already holds', () => {
    const lines = [{ productId: 'xiangchang', skuId: 'mala', quantity: 3 }];
    expect(campaignOrderProblems({ campaign: open(), now: NOON, lines, taken: { i2: 2 }, products })).toEqual([]);
    expect(campaignOrderProblems({ campaign: open(), now: NOON, lines, taken: { i2: 3 }, products })).toEqual([
      { code: 'CAMPAIGN_LIMIT_EXCEEDED', productId: 'xiangchang', skuId: 'mala', itemId: 'i2', left: 2, message: '“麻辣香肠”每人限购5斤，你还能买2斤' },
    ]);
  });

  it('refuses more than the campaign’s cap has left', () => {
    const lines = [{ productId: 'xiangchang', skuId: 'mala', quantity: 3 }];
    const problems = campaignOrderProblems({ campaign: { ...open(), taken: { i2: 58 } }, now: NOON, lines, taken: {}, products });
    expect(problems).toMatchObject([{ code: 'CAMPAIGN_SOLD_OUT', left: 2, message: '“麻辣香肠”在这个团里只剩2斤了' }]);
  });

  it('prices through checkout at the tier in force, with the group tiers replacing per-order bulk tiers', () => {
    const campaign = { ...open(), counted: { i1: 60 } };
    const product = campaignPricedProduct(larou, campaign);
    const checkoutShop = campaignCheckoutShop({ _id: 'demo-shop', fulfilment: shop().fulfilment, payment: defaultShopSettings('x').payment }, campaign);
    // 12 斤 of 五花 would be ¥55 by the product's own bulk tier; in the campaign it is ¥25 (50 斤 reached).
    const quote = priceOrder({ shop: checkoutShop, lines: [{ product, productId: 'larou', skuId: 'wuhua', quantity: 12 }], fulfilment: { kind: 'pickup', pointId: 'town' } });
    expect(quote.ok && quote.lines[0]).toMatchObject({ unitPriceLi: 25_000, totalFen: 30_000 });
    expect(campaignPriceSource(campaign, 'larou', 'wuhua')).toEqual({ kind: 'campaign', campaignId: 'c1', itemId: 'i1', minQty: 50 });
    expect(campaignPriceSource(campaign, 'larou', 'gone')).toBeNull();
  });

  it('offers at checkout only the fulfilment the campaign chose', () => {
    const checkoutShop = campaignCheckoutShop({ _id: 'demo-shop', fulfilment: shop().fulfilment, payment: defaultShopSettings('x').payment }, open());
    expect(checkoutShop.fulfilment.express.enabled).toBe(true);
    expect(checkoutShop.fulfilment.pickup.points.map((point) => point.id)).toEqual(['town']);
    const pickupOnly = campaignCheckoutShop({ _id: 'demo-shop', fulfilment: shop().fulfilment, payment: defaultShopSettings('x').payment }, { fulfilment: { express: false, local: false, pickupPointIds: [] } });
    expect([pickupOnly.fulfilment.express.enabled, pickupOnly.fulfilment.pickup.enabled]).toEqual([false, false]);
  });
});

describe('campaign views', () => {
  it('shows buyers tiers, progress and counters, and only the campaign’s pickup points', () => {
    const campaign = { ...open(), entries: 37, counted: { i1: 38, i2: 44 } };
    const view = toCampaignPublic(campaign, [larou, xiangchang], shop().fulfilment.pickup.points, NOON + HOUR);
    expect(view.state).toBe('open');
    expect(view.items[0]).toMatchObject({ name: '酉阳腊肉', unit: '斤', countedQty: 38, current: { priceLi: 30_000, minQty: 1 }, progressText: '再卖 12 斤降到 ¥25.00/斤', final: null });
    expect(view.items[0].skus.map((sku) => sku.id)).toEqual(['wuhua', 'houtui']);
    expect(view.items[1]).toMatchObject({ capLeft: 60, limitPerBuyer: 5, progressText: '' });
    expect(view.totals).toEqual([{ unit: '斤', quantity: 82 }]);
    expect(view.fulfilment.pickupPoints.map((point) => point.id)).toEqual(['town']);
    expect(view.lowestPriceLi).toBe(22_500);
  });

  it('shows the public list with masked names and marks the viewer’s own entry; vendors see full names and phones', () => {
    const mine = order({ name: '王阿姨', buyer: 'wang', quantity: 2 });
    expect(toPublicEntry(mine, 'wang')).toEqual({ seq: mine.campaign.seq, name: '王*姨', avatar: '', summary: '酉阳腊肉（五花）×2斤', at: NOON + HOUR, mine: true });
    expect(toPublicEntry(mine, 'li')?.mine).toBe(false);
    expect(JSON.stringify(toPublicEntry(mine, null))).not.toMatch(/王阿姨|13800138000/);
    expect(toPublicEntry(order({ state: 'cancelled', seq: 3 }), null)).toBeNull();
    expect(toCampaignOrderRow(order({ state: 'cancelled', seq: 3, name: '李小明' }))).toMatchObject({ seq: 3, counts: false, buyerName: '李小明', phone: '13800138000', fulfilment: { kind: 'pickup', pointId: 'town' } });
  });
});
