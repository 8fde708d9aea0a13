// The campaigns function through the real emulator and gateway: vendors draft, open, edit, end
// and copy campaigns and read their orders; buyers read the campaign page, the public 接龙 list
// (masked names, never a phone), their own entries and the 接龙文案, and rename their entry.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, PEOPLE } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { CampaignInput } from '@core/contracts';
import type { CampaignDoc } from '@core/campaigns';
import type { OrderDoc } from '@core/model';
import { insertCampaignOrder, larouCampaign, POINT } from '../support/campaigns';

const HOUR = 60 * 60 * 1000;
const NOBODY = 'nobody';
const BLOCKED = '刷单'; // listed in emulator/security/blocked-words.txt

describe('campaigns function', () => {
  let emu: TestEmulator;
  /** As the shop's owner unless someone else is named; `nobody` calls without a login. */
  const call = (action: string, payload: unknown, who: string = PEOPLE.owner) => emu.reply('campaigns', { action, payload }, who === NOBODY ? undefined : who);
  const stored = (id: string) => emu.db.find('campaigns', { _id: id })[0] as unknown as CampaignDoc;
  /** Changes a campaign as the orders function does (its counters move by atomic updates). */
  async function moveCounters(campaignId: string, data: Record<string, unknown>): Promise<void> {
    const reply = await emu.db.handle({ action: 'database.modifyDocument', collectionName: 'campaigns', query: JSON.stringify({ _id: campaignId }), data: JSON.stringify(data) });
    expect(reply).toMatchObject({ data: { updated: 1 } });
  }

  async function created(input: CampaignInput = larouCampaign()): Promise<string> {
    const reply = await call('create', { shopId: DEMO_SHOP_ID, campaign: input });
    expect(reply).toMatchObject({ ok: true, data: { campaign: { state: 'draft' } } });
    return reply.data.campaign.id;
  }
  async function opened(input: CampaignInput = larouCampaign()): Promise<string> {
    const id = await created(input);
    expect(await call('publish', { campaignId: id, startNow: true })).toMatchObject({ ok: true, data: { campaign: { state: 'open' } } });
    return id;
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
  });
  afterAll(() => emu.close());

  describe('vendors', () => {
    it('drafts a campaign, stores it with item ids and empty counters, and buyers cannot see a draft', async () => {
      const reply = await call('create', { shopId: DEMO_SHOP_ID, campaign: larouCampaign() }, PEOPLE.staff);
      expect(reply.ok).toBe(true);
      const view = reply.data.campaign;
      expect(view).toMatchObject({ shopId: DEMO_SHOP_ID, state: 'draft', title: '腊肉接龙', entries: 0, settlement: 'none', copiedFrom: null, endedEarly: null });
      expect(view.items).toEqual([
        expect.objectContaining({ id: 'i1', productId: 'larou', name: '酉阳柴火烟熏腊肉', unit: '斤', skuIds: ['wuhua'], priceLi: 50_000, stockCap: 100, takenQty: 0, capLeft: 100, countedQty: 0, progressText: '再卖 50 斤降到 ¥45.00/斤' }),
      ]);
      const doc = stored(view.id);
      expect(doc).toMatchObject({ status: 'draft', lastSeq: 0, entries: 0, counted: {}, taken: {}, settlement: null, createdBy: PEOPLE.staff });
      expect(await call('getCampaign', { campaignId: view.id }, NOBODY)).toMatchObject({ ok: false, error: { code: 'CAMPAIGN_NOT_FOUND' } });
    });

    it('refuses goods of another shop, a SKU that does not exist, tiers that do not fall and a cap above stock, each with its own code, storing nothing', async () => {
      const before = emu.db.find('campaigns').length;
      const item = larouCampaign().items[0];
      const bad = async (items: CampaignInput['items']) => (await call('create', { shopId: DEMO_SHOP_ID, campaign: larouCampaign({ items }) })).error?.code;
      expect(await bad([{ ...item, productId: 'other-honey', skuIds: ['a'], stockCap: null }])).toBe('PRODUCT_NOT_FOUND');
      expect(await bad([{ ...item, skuIds: ['nope'] }])).toBe('SKU_NOT_FOUND');
      expect(await bad([{ ...item, tiers: [{ minQty: 50, priceLi: 60_000 }] }])).toBe('CAMPAIGN_TIERS_INVALID');
      expect(await bad([{ ...item, stockCap: 1_000 }])).toBe('CAMPAIGN_CAP_ABOVE_STOCK');
      expect(await bad([item, item])).toBe('CAMPAIGN_ITEM_DUPLICATE');
      expect((await call('create', { shopId: DEMO_SHOP_ID, campaign: larouCampaign({ endAt: Date.now() - HOUR }) })).error.code).toBe('CAMPAIGN_TIME_INVALID');
      expect(emu.db.find('campaigns').length).toBe(before);
    });

    it('opens a campaign at once, then buyers see it with its goods, tiers, progress and the campaign’s pickup points only', async () => {
      const id = await opened();
      const reply = await call('getCampaign', { campaignId: id }, NOBODY);
      expect(reply.ok).toBe(true);
      expect(reply.data.shop).toMatchObject({ id: DEMO_SHOP_ID });
      expect(reply.data.campaign).toMatchObject({ id, state: 'open', entries: 0, lowestPriceLi: 45_000, totals: [{ unit: '斤', quantity: 0 }] });
      expect(reply.data.campaign.fulfilment).toEqual({ express: true, local: false, pickupPoints: [POINT] });
      expect(reply.data.entries).toEqual([]);
      expect(reply.data.nextBefore).toBeNull();
      // Opening twice opens once.
      const doc = stored(id);
      expect(await call('publish', { campaignId: id, startNow: true })).toMatchObject({ ok: true, data: { campaign: { state: 'open' } } });
      expect(stored(id)).toEqual(doc);
    });

    it('schedules a campaign for later, takes it back to draft before it opens, and lists campaigns by state with counts', async () => {
      const later = Date.now() + 2 * HOUR;
      const id = await created(larouCampaign({ startAt: later, endAt: later + HOUR }));
      expect(await call('publish', { campaignId: id })).toMatchObject({ ok: true, data: { campaign: { state: 'scheduled', startAt: later } } });
      const scheduled = await call('listCampaigns', { shopId: DEMO_SHOP_ID, state: 'scheduled' });
      expect(scheduled.data.campaigns.map((row: { id: string }) => row.id)).toContain(id);
      expect(scheduled.data.counts.scheduled).toBeGreaterThanOrEqual(1);
      expect(await call('unpublish', { campaignId: id })).toMatchObject({ ok: true, data: { campaign: { state: 'draft' } } });
      const drafts = await call('listCampaigns', { shopId: DEMO_SHOP_ID, state: 'draft' });
      expect(drafts.data.campaigns.map((row: { id: string }) => row.id)).toContain(id);
      expect(drafts.data.campaigns.every((row: { state: string }) => row.state === 'draft')).toBe(true);
    });

    it('does not open a campaign whose words WeChat’s check rejects, and it stays a draft', async () => {
      const id = await created(larouCampaign({ text: `招${BLOCKED}兼职` }));
      const reply = await call('publish', { campaignId: id, startNow: true });
      expect(reply).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
      expect(reply.error.message).toContain('团的介绍');
      expect(stored(id).status).toBe('draft');
    });

    it('keeps an open campaign’s goods and prices but lets caps go up and the words change; a stale form gets CAMPAIGN_STATE_CONFLICT', async () => {
      const id = await opened();
      const input = larouCampaign({ startAt: stored(id).startAt, endAt: stored(id).endAt });
      const repriced = await call('update', { campaignId: id, campaign: { ...input, items: [{ ...input.items[0], priceLi: 48_000 }] } });
      expect(repriced).toMatchObject({ ok: false, error: { code: 'CAMPAIGN_ITEM_LOCKED' } });
      const { updatedAt } = stored(id);
      const raised = await call('update', { campaignId: id, campaign: { ...input, title: '腊肉接龙（加量）', items: [{ ...input.items[0], stockCap: 150 }] }, expectedUpdatedAt: updatedAt });
      expect(raised).toMatchObject({ ok: true, data: { campaign: { title: '腊肉接龙（加量）', state: 'open' } } });
      expect(raised.data.campaign.items[0].stockCap).toBe(150);
      expect(await call('update', { campaignId: id, campaign: input, expectedUpdatedAt: updatedAt })).toMatchObject({ ok: false, error: { code: 'CAMPAIGN_STATE_CONFLICT' } });
    });

    it('never writes back the counters orders move while the vendor edits', async () => {
      const id = await opened();
      const input = larouCampaign({ startAt: stored(id).startAt, endAt: stored(id).endAt });
      // An order counted meanwhile (as the orders function does, with atomic increments).
      await moveCounters(id, { $inc: { lastSeq: 1, entries: 1, 'counted.i1': 3, 'taken.i1': 3 } });
      expect((await call('update', { campaignId: id, campaign: { ...input, text: '改了介绍' } })).ok).toBe(true);
      expect(stored(id)).toMatchObject({ text: '改了介绍', lastSeq: 1, entries: 1, counted: { i1: 3 }, taken: { i1: 3 } });
    });

    it('ends a campaign now once however often it is tapped, keeping the planned 截团, and copies it into a new draft', async () => {
      const id = await opened();
      const planned = stored(id).endAt;
      const replies = await Promise.all([call('endNow', { campaignId: id }), call('endNow', { campaignId: id }), call('endNow', { campaignId: id }, PEOPLE.staff)]);
      for (const reply of replies) expect(reply).toMatchObject({ ok: true, data: { campaign: { state: 'ended' } } });
      const doc = stored(id);
      expect(doc.endedEarly).toMatchObject({ plannedEndAt: planned, by: expect.any(String) });
      expect(doc.endAt).toBe(doc.endedEarly?.at);
      expect(new Set(replies.map((reply) => reply.data.campaign.endedEarly.at))).toEqual(new Set([doc.endAt]));
      expect(await call('endNow', { campaignId: id })).toMatchObject({ ok: true, data: { campaign: { endAt: doc.endAt } } });
      // An ended campaign changes no more.
      expect(await call('update', { campaignId: id, campaign: larouCampaign() })).toMatchObject({ ok: false, error: { code: 'CAMPAIGN_STATE_CONFLICT' } });

      const copy = await call('copy', { campaignId: id });
      expect(copy).toMatchObject({ ok: true, data: { campaign: { state: 'draft', copiedFrom: id, title: '腊肉接龙', entries: 0 } } });
      expect(copy.data.campaign.endAt).toBeGreaterThan(Date.now());
      expect(stored(copy.data.campaign.id)).toMatchObject({ lastSeq: 0, counted: {}, taken: {}, settlement: null });
    });
  });

  describe('the list and the orders', () => {
    let id: string;
    const buyers = { wang: 'camp-buyer-wang', li: 'camp-buyer-li', zhao: 'camp-buyer-zhao' };

    beforeAll(async () => {
      id = await opened();
      insertCampaignOrder(emu, id, { buyer: buyers.wang, seq: 1, name: '王阿姨', receiver: '王秀英', phone: '13800000001' });
      insertCampaignOrder(emu, id, { buyer: buyers.li, seq: 2, name: '小李', receiver: '李明', phone: '13800000002', pickup: true });
      insertCampaignOrder(emu, id, { buyer: buyers.zhao, seq: 3, name: '欧阳娜娜', receiver: '赵娜', phone: '13800000003', state: 'cancelled' });
      insertCampaignOrder(emu, id, { buyer: buyers.wang, seq: 4, name: '王阿姨', receiver: '王秀英', phone: '13800000001', quantity: 5 });
      insertCampaignOrder(emu, id, { buyer: buyers.li, seq: null, name: '小李', receiver: '李明', phone: '13800000002', state: 'to_pay' });
      await moveCounters(id, { $set: { lastSeq: 4, entries: 3, counted: { i1: 9 }, taken: { i1: 11 } } });
    });

    it('shows buyers the counting entries newest first with masked names, no phone, and their own marked', async () => {
      const reply = await call('listEntries', { campaignId: id }, buyers.wang);
      expect(reply.ok).toBe(true);
      expect(reply.data.entries.map((entry: { seq: number; name: string; mine: boolean; summary: string }) => [entry.seq, entry.name, entry.mine, entry.summary])).toEqual([
        [4, '王*姨', true, '酉阳柴火烟熏腊肉（五花）×5斤'],
        [2, '小*', false, '酉阳柴火烟熏腊肉（五花）×2斤'],
        [1, '王*姨', true, '酉阳柴火烟熏腊肉（五花）×2斤'],
      ]);
      expect(JSON.stringify(reply.data)).not.toMatch(/1380000000|王秀英|李明/);
      const page = await call('listEntries', { campaignId: id, limit: 2 }, NOBODY);
      expect(page.data.entries.map((entry: { seq: number }) => entry.seq)).toEqual([4, 2]);
      expect(page.data.nextBefore).toBe(2);
      const rest = await call('listEntries', { campaignId: id, limit: 2, before: 2 }, NOBODY);
      expect(rest.data.entries.map((entry: { seq: number; mine: boolean }) => [entry.seq, entry.mine])).toEqual([[1, false]]);
      expect(rest.data.nextBefore).toBeNull();
      const page1 = await call('getCampaign', { campaignId: id }, buyers.li);
      expect(page1.data.campaign).toMatchObject({ entries: 3, totals: [{ unit: '斤', quantity: 9 }] });
      expect(page1.data.entries.find((entry: { seq: number }) => entry.seq === 2).mine).toBe(true);
    });

    it('gives a buyer their own orders in the campaign only', async () => {
      const reply = await call('myEntry', { campaignId: id }, buyers.li);
      expect(reply.data.entries.map((entry: { seq: number | null; counts: boolean; state: string }) => [entry.seq, entry.counts, entry.state])).toEqual([
        [2, true, 'paid'],
        [null, false, 'to_pay'],
      ]);
      expect(await call('myEntry', { campaignId: id }, NOBODY)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect((await call('myEntry', { campaignId: id }, 'camp-nobody-else')).data.entries).toEqual([]);
    });

    it('writes the 接龙文案 with masked names by 跟团号 and no phone numbers', async () => {
      const reply = await call('shareText', { campaignId: id }, NOBODY);
      const text: string = reply.data.text;
      expect(text).toContain('腊肉接龙');
      expect(text).toContain('接龙（3 人）');
      expect(text.indexOf('1. 王*姨')).toBeLessThan(text.indexOf('2. 小*'));
      expect(text).not.toMatch(/1380000000|王秀英|欧阳|王阿姨/);
    });

    it('renames the caller’s own entries and no one else’s', async () => {
      const reply = await call('renameEntry', { campaignId: id, name: ' 王姐姐 ' }, buyers.wang);
      expect(reply.ok).toBe(true);
      const names = (emu.db.find('orders', { 'campaign.campaignId': id }) as unknown as OrderDoc[]).map((order) => [order.buyerOpenId, order.campaign?.displayName]);
      expect(names.filter(([buyer]) => buyer === buyers.wang).every(([, name]) => name === '王姐姐')).toBe(true);
      expect(names.filter(([buyer]) => buyer === buyers.li).every(([, name]) => name === '小李')).toBe(true);
      const list = await call('listEntries', { campaignId: id }, NOBODY);
      expect(list.data.entries[0].name).toBe('王*姐');
      expect(await call('renameEntry', { campaignId: id, name: '一二三四五六七八九十一二三四五六七八九十一' }, buyers.wang)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    });

    it('shows the vendor every order by 跟团号 with full names and phones, unnumbered ones last, filtered by pickup point and counting', async () => {
      const reply = await call('campaignOrders', { campaignId: id }, PEOPLE.staff);
      expect(reply.ok).toBe(true);
      expect(reply.data.orders.map((row: { seq: number | null; buyerName: string; phone: string; counts: boolean }) => [row.seq, row.buyerName, row.phone, row.counts])).toEqual([
        [1, '王秀英', '13800000001', true],
        [2, '李明', '13800000002', true],
        [3, '赵娜', '13800000003', false],
        [4, '王秀英', '13800000001', true],
        [null, '李明', '13800000002', false],
      ]);
      expect(reply.data.counts).toEqual({ counted: 3, notCounted: 2 });
      const atPoint = await call('campaignOrders', { campaignId: id, pointId: 'town' });
      expect(atPoint.data.orders.map((row: { seq: number | null }) => row.seq)).toEqual([2]);
      const notCounting = await call('campaignOrders', { campaignId: id, counts: false, limit: 1 });
      expect(notCounting.data.orders.map((row: { seq: number | null }) => row.seq)).toEqual([3]);
      expect(notCounting.data.nextCursor).toBe('1');
      const row = (await call('listCampaigns', { shopId: DEMO_SHOP_ID, state: 'open', limit: 50 })).data.campaigns.find((each: { id: string }) => each.id === id);
      expect(row).toMatchObject({ entries: 3, takenFen: 45_000, refundedFen: 0, settlement: 'none', items: [{ id: 'i1', countedQty: 9 }] });
    });

    it('shows the settlement as not started before 截团, with the tier in force', async () => {
      const reply = await call('settlement', { campaignId: id });
      expect(reply).toMatchObject({ ok: true, data: { status: 'none', closedAt: null, orders: [], items: [{ id: 'i1', countedQty: 9, final: { priceLi: 50_000, minQty: 1 } }] } });
    });
  });

  describe('截团 and settlement', () => {
    it('fixes the final tier from the group total at 截团, owes each transfer order its difference, and marks one paid back once however often it is tapped', async () => {
      const id = await opened();
      const buyers = ['camp-settle-a', 'camp-settle-b', 'camp-settle-c'];
      const orderIds = buyers.map((buyer, index) => insertCampaignOrder(emu, id, { buyer, seq: index + 1, quantity: 20 }));
      // A fourth never paid: it does not count, so it owes nothing and is not settled.
      const unpaid = insertCampaignOrder(emu, id, { buyer: 'camp-settle-d', seq: null, state: 'to_pay', quantity: 20 });
      await moveCounters(id, { $set: { lastSeq: 3, entries: 3, counted: { i1: 60 }, taken: { i1: 80 } } });

      const ended = await call('endNow', { campaignId: id }, PEOPLE.staff);
      expect(ended).toMatchObject({ ok: true, data: { campaign: { state: 'ended', settlement: 'settled' } } });
      expect(ended.data.campaign.items[0].final).toEqual({ priceLi: 45_000, minQty: 50 });

      const settlement = await call('settlement', { campaignId: id });
      expect(settlement.data).toMatchObject({
        status: 'settled',
        closedAt: stored(id).endAt,
        items: [{ id: 'i1', countedQty: 60, final: { priceLi: 45_000, minQty: 50 } }],
        totals: { orders: 3, paidGoodsFen: 300_000, repricedGoodsFen: 270_000, differenceFen: 30_000, refundedFen: 0, dueFen: 30_000, waitingFen: 0, processingFen: 0 },
      });
      expect(settlement.data.orders.map((row: { seq: number; difference: unknown }) => [row.seq, row.difference])).toEqual([
        [1, { differenceFen: 10_000, refundedFen: 0, status: 'due' }],
        [2, { differenceFen: 10_000, refundedFen: 0, status: 'due' }],
        [3, { differenceFen: 10_000, refundedFen: 0, status: 'due' }],
      ]);
      expect((emu.db.find('orders', { _id: unpaid })[0] as unknown as OrderDoc).campaign?.difference).toBeNull();

      // Someone else's shop and a streamer may not mark it; the order stays owed.
      expect(await call('markDifferenceRefunded', { orderId: orderIds[0] }, PEOPLE.otherOwner)).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
      expect(await call('markDifferenceRefunded', { orderId: orderIds[0] }, PEOPLE.streamer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const marks = await Promise.all([call('markDifferenceRefunded', { orderId: orderIds[0], note: '微信转回' }), call('markDifferenceRefunded', { orderId: orderIds[0] }, PEOPLE.staff)]);
      for (const mark of marks) expect(mark).toMatchObject({ ok: true, data: { order: { seq: 1, difference: { differenceFen: 10_000, refundedFen: 10_000, status: 'done' } } } });
      const after = await call('settlement', { campaignId: id, status: 'due' });
      expect(after.data.totals).toMatchObject({ refundedFen: 10_000, dueFen: 20_000 });
      expect(after.data.orders.map((row: { seq: number }) => row.seq)).toEqual([2, 3]);
      const mine = await call('myEntry', { campaignId: id }, buyers[0]);
      expect(mine.data.entries[0].difference).toEqual({ differenceFen: 10_000, refundedFen: 10_000, status: 'done' });
      const row = (await call('listCampaigns', { shopId: DEMO_SHOP_ID, state: 'ended', limit: 50 })).data.campaigns.find((each: { id: string }) => each.id === id);
      expect(row).toMatchObject({ refundedFen: 10_000, takenFen: 300_000, settlement: 'settled' });
      // An order without a difference owed by hand has nothing to mark.
      expect(await call('markDifferenceRefunded', { orderId: unpaid })).toMatchObject({ ok: false, error: { code: 'CAMPAIGN_DIFFERENCE_NOT_DUE' } });
    });
  });

  describe('with orders placed through the orders function', () => {
    it('lists buyers who joined and paid by transfer under the names they chose, masked, and settles them at 截团', async () => {
      const id = await opened();
      const address = { name: '王秀英', phone: '13900000001', province: '重庆市', city: '重庆市', district: '酉阳县', detail: '桃花源街道 1 号' };
      const join = async (buyer: string, quantity: number, display?: { name: string }) => {
        const placed = await emu.reply('orders', { action: 'place', requestId: `join-${buyer}`, payload: { shopId: DEMO_SHOP_ID, campaignId: id, lines: [{ productId: 'larou', skuId: 'wuhua', quantity }], fulfilment: { kind: 'express', address }, payment: 'offline', display } }, buyer);
        expect(placed.ok).toBe(true);
        expect((await emu.reply('orders', { action: 'markTransferred', payload: { orderId: placed.data.order.id, note: '' } }, buyer)).ok).toBe(true);
        return placed.data.order.id as string;
      };
      const orderIds = [await join('camp-real-a', 30, { name: '酉阳王姐' }), await join('camp-real-b', 25)];

      const list = await call('listEntries', { campaignId: id }, 'camp-real-a');
      expect(list.data.entries.map((entry: { seq: number; name: string; mine: boolean }) => [entry.seq, entry.name, entry.mine])).toEqual([
        [2, '王*英', false],
        [1, '酉*姐', true],
      ]);
      const page = await call('getCampaign', { campaignId: id }, NOBODY);
      expect(page.data.campaign).toMatchObject({ entries: 2, totals: [{ unit: '斤', quantity: 55 }] });
      expect(page.data.campaign.items[0]).toMatchObject({ countedQty: 55, current: { priceLi: 45_000, minQty: 50 }, progressText: '已到最低价 ¥45.00/斤' });

      const ended = await call('endNow', { campaignId: id });
      expect(ended.data.campaign).toMatchObject({ state: 'ended', settlement: 'settled' });
      // Both joined at ¥50.00 (the group reached 50 斤 with the second order) and settle at ¥45.00:
      // ¥150.00 and ¥125.00 back, once the vendor has confirmed the transfers.
      const waiting = await call('settlement', { campaignId: id });
      expect(waiting.data.totals).toMatchObject({ orders: 2, paidGoodsFen: 275_000, repricedGoodsFen: 247_500, differenceFen: 27_500, waitingFen: 27_500, dueFen: 0 });
      for (const orderId of orderIds) expect((await emu.reply('orders', { action: 'confirmTransfer', payload: { orderId } }, PEOPLE.staff)).ok).toBe(true);
      await emu.timers.tick(Date.now() + 61_000);
      const due = await call('settlement', { campaignId: id, status: 'due' });
      expect(due.data.totals).toMatchObject({ differenceFen: 27_500, waitingFen: 0, dueFen: 27_500 });
      expect(due.data.orders.map((row: { seq: number; difference: { differenceFen: number } }) => [row.seq, row.difference.differenceFen])).toEqual([
        [1, 15_000],
        [2, 12_500],
      ]);
    });
  });
});
