import { z } from 'zod';
import { campaignItemViews, toCampaignCard, toCampaignOrderRow, toCampaignPublic, toCampaignRow, toCampaignVendorView, toMyEntry, toPublicEntry } from '@core/campaign-views';
import { finalPrices, freezeSettlement, recordSettlement, settleOrder, settlementOrderOf } from '@core/campaign-settlement';
import { campaignsContract, CampaignCard, CampaignOrderRow, CampaignPublic, CampaignRow, CampaignVendorView, MyEntry, PublicEntry } from '@core/contracts';
import { isErrorCode } from '@core/errors';
import { HOUR, input, larou, NOON, open, order, shop, TONIGHT, xiangchang } from './campaigns-fixtures';

const { actions } = campaignsContract;
const create = actions.create.input;

/** Every key anywhere in a zod object schema (through arrays, nullables and nested objects). */
function keysOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType } }).def;
  if (def.type === 'object' && def.shape) return Object.entries(def.shape).flatMap(([key, value]) => [key, ...keysOf(value)]);
  if (def.type === 'array' && def.element) return keysOf(def.element);
  if ((def.type === 'nullable' || def.type === 'optional' || def.type === 'default') && def.innerType) return keysOf(def.innerType);
  return [];
}

describe('campaigns contract', () => {
  it('accepts a campaign and fills its defaults', () => {
    const { items, fulfilment, ...rest } = input();
    const parsed = create.parse({ shopId: 'demo-shop', campaign: { ...rest, items: items.map(({ productId, skuIds, priceLi }) => ({ productId, skuIds, priceLi })), fulfilment: { express: true } } });
    expect(parsed.campaign.items[0]).toEqual({ productId: 'larou', skuIds: ['wuhua', 'houtui'], priceLi: 30_000, tiers: [], limitPerBuyer: null, stockCap: null });
    expect(parsed.campaign.fulfilment).toEqual({ express: true, local: false, pickupPointIds: [] });
  });

  it('bounds every input: text lengths, photos, items, SKUs, quantities and prices', () => {
    const ok = (change: (campaign: Record<string, unknown>) => void) => {
      const campaign = JSON.parse(JSON.stringify(input())) as Record<string, unknown> & { items: Record<string, unknown>[] };
      change(campaign);
      return create.safeParse({ shopId: 'demo-shop', campaign }).success;
    };
    expect(ok(() => {})).toBe(true);
    expect(ok((c) => (c.title = '腊'.repeat(41)))).toBe(false);
    expect(ok((c) => (c.title = '   '))).toBe(false);
    expect(ok((c) => (c.text = '字'.repeat(1001)))).toBe(false);
    expect(ok((c) => (c.images = Array.from({ length: 10 }, (_, index) => `cloud://img/${index}.jpg`)))).toBe(false);
    expect(ok((c) => (c.items = Array.from({ length: 31 }, () => (c.items as unknown[])[0])))).toBe(false);
    expect(ok((c) => ((c.items as Record<string, unknown>[])[0].skuIds = []))).toBe(false);
    expect(ok((c) => ((c.items as Record<string, unknown>[])[0].priceLi = 0))).toBe(false);
    expect(ok((c) => ((c.items as Record<string, unknown>[])[0].priceLi = 1.5))).toBe(false);
    expect(ok((c) => ((c.items as Record<string, unknown>[])[0].tiers = [{ minQty: 1, priceLi: 100 }]))).toBe(false);
    expect(ok((c) => ((c.items as Record<string, unknown>[])[1].limitPerBuyer = 0))).toBe(false);
    expect(ok((c) => ((c.items as Record<string, unknown>[])[1].stockCap = -1))).toBe(false);
    expect(ok((c) => (c.endAt = -1))).toBe(false);
    expect(actions.listEntries.input.safeParse({ campaignId: 'c1', limit: 51 }).success).toBe(false);
    expect(actions.campaignOrders.input.safeParse({ campaignId: 'c1', cursor: 'x'.repeat(65) }).success).toBe(false);
  });

  it('never takes counters, totals or a 跟团号 from the client', () => {
    const parsed = create.parse({ shopId: 'demo-shop', campaign: { ...input(), lastSeq: 99, counted: { i1: 500 }, status: 'published' } });
    expect(parsed.campaign).not.toHaveProperty('lastSeq');
    expect(parsed.campaign).not.toHaveProperty('counted');
    expect(parsed.campaign).not.toHaveProperty('status');
  });

  it('names only error codes that exist', () => {
    for (const action of Object.values(actions)) for (const code of action.errors) expect(isErrorCode(code)).toBe(true);
  });

  it('lets anyone with the link read a campaign, its list and its text, and a shop’s open campaigns; everything else needs a user', () => {
    const publicActions = Object.entries(actions).filter(([, action]) => action.access === 'public').map(([name]) => name);
    expect(publicActions.sort()).toEqual(['getCampaign', 'listEntries', 'shareText', 'shopCampaigns']);
  });

  it('gives buyers no field for another buyer’s full name, phone or openid', () => {
    // The shop's own contact and its pickup points' addresses are public; buyers' details are not.
    const entryKeys = [...keysOf(PublicEntry), ...keysOf(MyEntry)];
    for (const key of ['phone', 'buyerName', 'buyerOpenId', 'openid', 'contact', 'address', 'displayName']) expect(entryKeys).not.toContain(key);
    const campaignKeys = [...keysOf(CampaignPublic), ...keysOf(CampaignCard), ...keysOf(actions.listEntries.output), ...keysOf(actions.shareText.output)];
    for (const key of ['phone', 'buyerName', 'buyerOpenId', 'openid', 'contact', 'displayName']) expect(campaignKeys).not.toContain(key);
    expect(keysOf(actions.getCampaign.output)).toEqual(expect.arrayContaining(keysOf(PublicEntry)));
    expect(keysOf(CampaignOrderRow)).toEqual(expect.arrayContaining(['buyerName', 'phone']));
  });
});

describe('campaign views fit the contract', () => {
  const campaign = { ...open(), entries: 2, counted: { i1: 12, i2: 0 }, taken: { i1: 14 }, lastSeq: 2 };
  const products = [larou, xiangchang];
  const now = NOON + HOUR;

  it('builds the buyer’s campaign, the list, and their own entry as the contract says', () => {
    expect(() => CampaignPublic.parse(toCampaignPublic(campaign, products, shop().fulfilment.pickup.points, now))).not.toThrow();
    const entry = toPublicEntry(order({ buyer: 'wang' }), 'wang');
    expect(() => PublicEntry.parse(entry)).not.toThrow();
    expect(() => MyEntry.parse(toMyEntry(order()))).not.toThrow();
  });

  it('builds the shop home page’s card: first photo (else the first product’s), 截团 or start time, entries and the lowest price', () => {
    const card = CampaignCard.parse(toCampaignCard(campaign, products, now));
    expect(card).toEqual({ id: 'c1', title: campaign.title, image: '/media/larou.svg', state: 'open', startAt: NOON, endAt: TONIGHT, timeText: '今天 20:00 截团', entries: 2, lowestPriceLi: 22_500, unit: '斤', from: true });
    expect(toCampaignCard({ ...campaign, images: ['cloud://c/cover.jpg'] }, products, now).image).toBe('cloud://c/cover.jpg');
    const coming = toCampaignCard(campaign, products, NOON - 14 * HOUR);
    expect(coming).toMatchObject({ state: 'scheduled', timeText: '明天 12:00 开团' });
    const flat = toCampaignCard({ ...campaign, items: [campaign.items[1]] }, products, now);
    expect(flat).toMatchObject({ lowestPriceLi: 40_000, unit: '斤', from: false, image: '/media/xiangchang.svg' });
  });

  it('builds the vendor’s views as the contract says, settlement included', () => {
    expect(() => CampaignVendorView.parse(toCampaignVendorView(campaign, products, now))).not.toThrow();
    expect(() => CampaignRow.parse(toCampaignRow(campaign, products, { takenFen: 36_000, refundedFen: 0 }, now))).not.toThrow();
    const ended = { ...campaign, endAt: NOON + 2 * HOUR };
    const frozen = freezeSettlement(ended, { i1: 60, i2: 0 }, TONIGHT);
    if (!frozen.ok) throw new Error('not frozen');
    const settlement = frozen.campaign.settlement;
    if (!settlement) throw new Error('no settlement');
    expect(campaignItemViews(frozen.campaign, products)[0]).toMatchObject({ final: { priceLi: 25_000, minQty: 50 }, progressText: '' });
    const stored = order({ quantity: 2 });
    const difference = recordSettlement(null, settleOrder(frozen.campaign, settlement.items, settlementOrderOf(stored)), settlement.closedAt, { at: TONIGHT, refundNo: `${stored._id}R1` });
    const row = toCampaignOrderRow({ ...stored, campaign: { ...stored.campaign, difference } });
    expect(CampaignOrderRow.parse(row).difference).toEqual({ differenceFen: 1000, refundedFen: 0, status: 'processing' });
    expect(finalPrices(frozen.campaign, { i1: 60 })[0].priceLi).toBe(25_000);
  });
});
