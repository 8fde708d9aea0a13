// The live function through the real emulator and gateway: scheduling a show and what it refuses,
// edits that keep an item's counters, the states (开播/下播 tapped twice move once, cancel only
// while scheduled), 讲解 and the pulse that follows it, live price on/off, 补库存 once per request,
// the automatic end, who may do what (every refusal changes nothing), and the dashboard figures
// from real orders and visits, kept with the show at 下播.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, addStreamers, OTHER_STREAMER, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { LiveShowDoc } from '@core/live';

const address = { name: '王阿姨', phone: '13800138000', province: '吉林省', city: '白山市', district: '抚松县', detail: '人参市场 1 号' };
const FINDER = 'sphTestLaozhang';
const MINUTE = 60_000;
/** A streamer of the shop who is not assigned to the shows the tests run. */

type Item = { productId: string; skuId?: string; livePriceLi?: number; limitPerBuyer?: number | null; stockCap?: number | null };

describe('live shows', () => {
  let emu: TestEmulator;
  let seq = 0;
  let productA: string;
  let productB: string;
  let productC: string;

  const call = (fn: string, action: string, payload: unknown, openid?: string, requestId = `lv-${++seq}`) => emu.reply(fn, { action, payload, requestId }, openid);
  const live = (action: string, payload: unknown, openid: string | undefined = PEOPLE.owner, requestId?: string) => call('live', action, payload, openid, requestId);
  const showDoc = (id: string) => emu.db.find('liveShows', { _id: id })[0] as unknown as LiveShowDoc;
  const showsOfShop = () => emu.db.find('liveShows', { shopId: DEMO_SHOP_ID }).length;
  const item = ({ productId, skuId = 'a', livePriceLi = 8_000, limitPerBuyer = null, stockCap = null }: Item) => ({ productId, skuId, livePriceLi, limitPerBuyer, stockCap });
  const showInput = (fields: { title?: string; startAt?: number; streamerOpenIds?: readonly string[]; items?: readonly Item[] } = {}) => ({
    title: fields.title ?? '长白山林下参专场',
    startAt: fields.startAt ?? Date.now() + 60 * MINUTE,
    streamerOpenIds: [...(fields.streamerOpenIds ?? [PEOPLE.streamer])],
    items: (fields.items ?? [{ productId: productA }, { productId: productB, livePriceLi: 5_000, stockCap: 5 }]).map(item),
  });

  async function schedule(fields: Parameters<typeof showInput>[0] = {}): Promise<{ showId: string; itemIds: string[] }> {
    const created = await live('createShow', { shopId: DEMO_SHOP_ID, show: showInput(fields) });
    expect(created.ok).toBe(true);
    return { showId: created.data.show.id, itemIds: created.data.show.items.map((entry: { id: string }) => entry.id) };
  }

  async function onAir(fields: Parameters<typeof showInput>[0] = {}) {
    const show = await schedule(fields);
    expect((await live('startShow', { showId: show.showId }, PEOPLE.streamer)).ok).toBe(true);
    return show;
  }

  const place = (buyer: string, showId: string | null, lines: { productId: string; quantity: number }[], scene = 1176) =>
    call(
      'orders',
      'place',
      {
        shopId: DEMO_SHOP_ID,
        ...(showId ? { liveShowId: showId } : {}),
        lines: lines.map((line) => ({ ...line, skuId: 'a' })),
        fulfilment: { kind: 'express', address },
        payment: 'offline',
        source: { ref: null, scene },
      },
      buyer,
    );

  /** Moves a show's automatic end into the past, as if hours had gone by since 开播. */
  const expireShow = (showId: string) =>
    emu.db.handle({ action: 'database.modifyDocument', collectionName: 'liveShows', query: JSON.stringify({ _id: showId }), data: JSON.stringify({ $set: { autoEndAt: Date.now() - 1000 } }), multi: false });

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    addStreamers(emu);
    productA = insertProduct(emu, 10_000);
    productB = insertProduct(emu, 10_000);
    productC = insertProduct(emu, 10_000);
    expect((await live('saveLiveSettings', { shopId: DEMO_SHOP_ID, settings: { finderUserName: FINDER, autoEndMinutes: 240 } })).ok).toBe(true);
  }, 60_000);
  afterAll(() => emu.close());

  describe('scheduling', () => {
    it('refuses to schedule a show until the owner has saved the shop’s Channels account, then schedules it with that account', async () => {
      expect((await live('saveLiveSettings', { shopId: DEMO_SHOP_ID, settings: { finderUserName: '', autoEndMinutes: 240 } })).ok).toBe(true);
      const before = showsOfShop();
      try {
        expect(await live('createShow', { shopId: DEMO_SHOP_ID, show: showInput() })).toMatchObject({ ok: false, error: { code: 'LIVE_CHANNELS_MISSING' } });
        expect(showsOfShop()).toBe(before);
      } finally {
        expect((await live('saveLiveSettings', { shopId: DEMO_SHOP_ID, settings: { finderUserName: FINDER, autoEndMinutes: 240 } })).ok).toBe(true);
      }
      const { showId } = await schedule();
      expect(showDoc(showId)).toMatchObject({ finderUserName: FINDER, status: 'scheduled', pinnedItemId: null, streamerOpenIds: [PEOPLE.streamer] });
      expect((await live('liveSettings', { shopId: DEMO_SHOP_ID }, PEOPLE.staff)).data.settings).toEqual({ finderUserName: FINDER, autoEndMinutes: 240 });
    });

    it.each([
      ['a start time in the past', { startAt: Date.now() - 60 * MINUTE }, 'LIVE_TIME_INVALID', 'show.startAt'],
      ['the same SKU twice', { items: [{ productId: 'PRODUCT_A' }, { productId: 'PRODUCT_A', livePriceLi: 7_000 }] }, 'LIVE_ITEM_DUPLICATE', 'show.items.1'],
      ['a product of another shop', { items: [{ productId: 'PRODUCT_A' }, { productId: 'other-honey' }] }, 'PRODUCT_NOT_FOUND', 'show.items.1.productId'],
      ['a streamer who is not a member of the shop', { streamerOpenIds: [PEOPLE.streamer, PEOPLE.stranger] }, 'LIVE_STREAMER_INVALID', 'show.streamerOpenIds.1'],
    ] as const)('refuses a show with %s, storing nothing', async (_what, fields, code, path) => {
      const withProducts = 'items' in fields ? { ...fields, items: fields.items.map((entry) => ({ ...entry, productId: entry.productId === 'PRODUCT_A' ? productA : entry.productId })) } : fields;
      const before = showsOfShop();
      const reply = await live('createShow', { shopId: DEMO_SHOP_ID, show: showInput(withProducts) });
      expect(reply).toMatchObject({ ok: false, error: { code } });
      expect(reply.error.fields).toEqual([expect.objectContaining({ path })]);
      expect(showsOfShop()).toBe(before);
    });

    it('refuses an edit with the same problems, leaving the show as it was', async () => {
      const { showId } = await schedule();
      const before = showDoc(showId);
      const bad = [
        showInput({ startAt: Date.now() - 60 * MINUTE }),
        showInput({ items: [{ productId: productA }, { productId: productA }] }),
        showInput({ items: [{ productId: 'other-honey' }] }),
        showInput({ streamerOpenIds: ['test-not-a-member'] }),
      ];
      const codes = [];
      for (const show of bad) codes.push((await live('updateShow', { showId, show })).error?.code);
      expect(codes).toEqual(['LIVE_TIME_INVALID', 'LIVE_ITEM_DUPLICATE', 'PRODUCT_NOT_FOUND', 'LIVE_STREAMER_INVALID']);
      expect(showDoc(showId)).toEqual(before);
    });

    it('keeps an item’s id, sold counter and on/off when an edit keeps its product and SKU, and gives a new item the next id', async () => {
      const { showId, itemIds } = await onAir();
      const [itemA, itemB] = itemIds;
      expect(itemIds).toEqual(['i1', 'i2']);
      expect((await place('live-edit-buyer', showId, [{ productId: productA, quantity: 3 }])).ok).toBe(true);
      expect((await live('setItemOn', { showId, itemId: itemA, on: false }, PEOPLE.streamer)).ok).toBe(true);

      const edited = await live('updateShow', { showId, show: showInput({ items: [{ productId: productC, livePriceLi: 3_000 }, { productId: productA, livePriceLi: 7_000 }] }) }, PEOPLE.staff);
      expect(edited.ok).toBe(true);
      expect(edited.data.show.items.map((entry: { id: string; sold: number; livePriceLi: number; livePriceOn: boolean }) => [entry.id, entry.sold, entry.livePriceLi, entry.livePriceOn])).toEqual([
        ['i3', 0, 3_000, true],
        [itemA, 3, 7_000, false],
      ]);
      const doc = showDoc(showId);
      expect(doc.sold).toEqual({ [itemA]: 3 });
      expect(doc.on).toEqual({ i3: true, [itemA]: false });
      expect(doc.items.map((entry) => entry.id)).not.toContain(itemB);
      // Put back, the removed item is new again: its old id is not reused.
      const again = await live('updateShow', { showId, show: showInput({ items: [{ productId: productA }, { productId: productB }] }) });
      expect(again.data.show.items.map((entry: { id: string }) => entry.id)).toEqual([itemA, 'i4']);
    });

    it('refuses an edit made from an older version of the show (expectedUpdatedAt), or once the show has ended', async () => {
      const { showId } = await schedule();
      const stale = showDoc(showId).updatedAt;
      expect((await live('updateShow', { showId, show: showInput({ title: '第一次改' }), expectedUpdatedAt: stale })).ok).toBe(true);
      const before = showDoc(showId);
      expect(await live('updateShow', { showId, show: showInput({ title: '第二个人改' }), expectedUpdatedAt: stale })).toMatchObject({ ok: false, error: { code: 'LIVE_STATE_CONFLICT' } });
      expect(showDoc(showId)).toEqual(before);
      expect((await live('startShow', { showId })).ok).toBe(true);
      expect((await live('endShow', { showId })).ok).toBe(true);
      const ended = showDoc(showId);
      expect(await live('updateShow', { showId, show: showInput({ title: '结束后改' }) })).toMatchObject({ ok: false, error: { code: 'LIVE_STATE_CONFLICT' } });
      expect(showDoc(showId)).toEqual(ended);
    });
  });

  describe('states', () => {
    it('moves scheduled → live → ended, and 开播 or 下播 tapped twice at once moves the show once', async () => {
      const { showId } = await schedule();
      const starts = await Promise.all([live('startShow', { showId }, PEOPLE.streamer), live('startShow', { showId }, PEOPLE.owner)]);
      expect(starts.map((reply) => [reply.ok, reply.data.show.state])).toEqual([
        [true, 'live'],
        [true, 'live'],
      ]);
      const started = showDoc(showId);
      expect(started.status).toBe('live');
      expect(started.autoEndAt).toBe((started.liveAt as number) + 240 * MINUTE);
      expect(started.history.filter((entry) => entry.event === 'started')).toHaveLength(1);

      const ends = await Promise.all([live('endShow', { showId }, PEOPLE.streamer), live('endShow', { showId }, PEOPLE.staff)]);
      expect(ends.map((reply) => [reply.ok, reply.data.show.state])).toEqual([
        [true, 'ended'],
        [true, 'ended'],
      ]);
      const ended = showDoc(showId);
      expect(ended).toMatchObject({ status: 'ended', pinnedItemId: null });
      expect(ended.endedAt).toBeGreaterThanOrEqual(started.liveAt as number);
      expect(ended.history.filter((entry) => entry.event === 'ended')).toHaveLength(1);

      // An ended show does not go live again.
      expect(await live('startShow', { showId }, PEOPLE.streamer)).toMatchObject({ ok: false, error: { code: 'LIVE_STATE_CONFLICT' } });
      expect(showDoc(showId)).toEqual(ended);
    });

    it('refuses 下播 of a show not yet live, changing nothing', async () => {
      const { showId } = await schedule();
      const before = showDoc(showId);
      expect(await live('endShow', { showId }, PEOPLE.streamer)).toMatchObject({ ok: false, error: { code: 'LIVE_STATE_CONFLICT' } });
      expect(showDoc(showId)).toEqual(before);
    });

    it('calls off a show only while it is scheduled; a called-off show is gone for buyers', async () => {
      const scheduled = await schedule();
      const cancelled = await live('cancelShow', { showId: scheduled.showId }, PEOPLE.staff);
      expect(cancelled.data.show.state).toBe('cancelled');
      expect(showDoc(scheduled.showId).history.map((entry) => entry.event)).toEqual(['created', 'cancelled']);
      // Tapped again, it answers the show as it is.
      expect((await live('cancelShow', { showId: scheduled.showId })).data.show.state).toBe('cancelled');
      expect(showDoc(scheduled.showId).history.map((entry) => entry.event)).toEqual(['created', 'cancelled']);
      expect(await call('live', 'liveShow', { showId: scheduled.showId })).toMatchObject({ ok: false, error: { code: 'LIVE_SHOW_NOT_FOUND' } });
      expect(await live('startShow', { showId: scheduled.showId })).toMatchObject({ ok: false, error: { code: 'LIVE_STATE_CONFLICT' } });

      const { showId } = await onAir();
      const liveDoc = showDoc(showId);
      expect(await live('cancelShow', { showId })).toMatchObject({ ok: false, error: { code: 'LIVE_STATE_CONFLICT' } });
      expect(showDoc(showId)).toEqual(liveDoc);
      expect((await live('endShow', { showId })).ok).toBe(true);
      const endedDoc = showDoc(showId);
      expect(await live('cancelShow', { showId })).toMatchObject({ ok: false, error: { code: 'LIVE_STATE_CONFLICT' } });
      expect(showDoc(showId)).toEqual(endedDoc);
    });

    it('reads a show past its automatic end as ended, and vendorShow writes it ended then, with history auto_ended', async () => {
      const { showId, itemIds } = await onAir();
      expect((await live('pin', { showId, itemId: itemIds[0] }, PEOPLE.streamer)).ok).toBe(true);
      await expireShow(showId);
      const { autoEndAt } = showDoc(showId);
      // Nobody pressed 下播: buyers already read it ended, with nothing pinned and no live price.
      const pulse = (await call('live', 'pulse', { showId })).data.pulse;
      expect(pulse).toMatchObject({ state: 'ended', pinnedItemId: null });
      expect(pulse.counters.every((counter: { livePriceOn: boolean }) => !counter.livePriceOn)).toBe(true);
      expect((await live('liveShow', { showId }, 'live-auto-viewer')).data.show).toMatchObject({ state: 'ended', endedAt: autoEndAt, pinnedItemId: null });
      expect(showDoc(showId).status).toBe('live');

      const seen = await live('vendorShow', { showId }, PEOPLE.streamer);
      expect(seen.data.show).toMatchObject({ state: 'ended', endedAt: autoEndAt, autoEndAt: null, pinnedItemId: null });
      const doc = showDoc(showId);
      expect(doc).toMatchObject({ status: 'ended', endedAt: autoEndAt, pinnedItemId: null });
      expect(doc.history.at(-1)).toMatchObject({ event: 'auto_ended', at: autoEndAt });
      // Looked at again, it is not ended twice; 讲解 on it is refused.
      await live('vendorShow', { showId }, PEOPLE.owner);
      expect(showDoc(showId).history.filter((entry) => entry.event === 'auto_ended')).toHaveLength(1);
      const settled = showDoc(showId);
      expect(await live('pin', { showId, itemId: itemIds[1] }, PEOPLE.streamer)).toMatchObject({ ok: false, error: { code: 'LIVE_STATE_CONFLICT' } });
      expect(showDoc(showId)).toEqual(settled);
    });

    it('writes 下播 of a show past its automatic end as ended at that end (auto_ended)', async () => {
      const { showId } = await onAir();
      await expireShow(showId);
      const { autoEndAt } = showDoc(showId);
      expect((await live('endShow', { showId }, PEOPLE.streamer)).data.show.state).toBe('ended');
      expect(showDoc(showId)).toMatchObject({ status: 'ended', endedAt: autoEndAt });
      expect(showDoc(showId).history.at(-1)).toMatchObject({ event: 'auto_ended', at: autoEndAt });
    });

    it('keeps the whole history of a show, in order, with who did what', async () => {
      const { showId, itemIds } = await schedule();
      const [itemA, itemB] = itemIds;
      await live('updateShow', { showId, show: showInput({ title: '改了标题' }) }, PEOPLE.staff);
      await live('startShow', { showId }, PEOPLE.streamer);
      await live('pin', { showId, itemId: itemA }, PEOPLE.streamer);
      await live('setItemOn', { showId, itemId: itemA, on: false }, PEOPLE.streamer);
      await live('restock', { showId, itemId: itemB, quantity: 10 }, PEOPLE.streamer);
      await live('pin', { showId, itemId: null }, PEOPLE.streamer);
      await live('endShow', { showId }, PEOPLE.owner);
      const history = (await live('vendorShow', { showId }, PEOPLE.streamer)).data.show.history;
      expect(history.map((entry: { event: string; byName: string; itemId: string | null; quantity: number | null }) => [entry.event, entry.byName, entry.itemId, entry.quantity])).toEqual([
        ['created', expect.any(String), null, null],
        ['updated', '小周', null, null],
        ['started', '阿凤', null, null],
        ['pinned', '阿凤', itemA, null],
        ['price_off', '阿凤', itemA, null],
        ['restocked', '阿凤', itemB, 10],
        ['unpinned', '阿凤', itemA, null],
        ['ended', expect.any(String), null, null],
      ]);
      const times = history.map((entry: { at: number }) => entry.at);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });
  });

  describe('running the show', () => {
    it('pins one item at a time (pinning one unpins the other), the pulse follows with a new version, and nothing is pinned after 下播', async () => {
      const { showId, itemIds } = await onAir();
      const [itemA, itemB] = itemIds;
      const pulse = async () => (await call('live', 'pulse', { showId })).data.pulse;
      const start = await pulse();
      expect(start).toMatchObject({ state: 'live', pinnedItemId: null });

      expect((await live('pin', { showId, itemId: itemA }, PEOPLE.streamer)).data.show.pinnedItemId).toBe(itemA);
      const first = await pulse();
      expect(first.pinnedItemId).toBe(itemA);
      expect(first.version).toBeGreaterThan(start.version);

      expect((await live('pin', { showId, itemId: itemB }, PEOPLE.streamer)).data.show.pinnedItemId).toBe(itemB);
      const second = await pulse();
      expect(second.pinnedItemId).toBe(itemB);
      expect(second.version).toBeGreaterThan(first.version);
      expect((await call('live', 'liveShow', { showId })).data.show.pinnedItemId).toBe(itemB);

      // Pinning the pinned item again changes nothing; an item not in the show is refused.
      await live('pin', { showId, itemId: itemB }, PEOPLE.streamer);
      expect((await pulse()).version).toBe(second.version);
      const before = showDoc(showId);
      expect(await live('pin', { showId, itemId: 'i99' }, PEOPLE.streamer)).toMatchObject({ ok: false, error: { code: 'LIVE_ITEM_NOT_FOUND' } });
      expect(showDoc(showId)).toEqual(before);

      expect((await live('endShow', { showId }, PEOPLE.streamer)).ok).toBe(true);
      const after = await pulse();
      expect(after).toMatchObject({ state: 'ended', pinnedItemId: null });
      expect(after.version).toBeGreaterThan(second.version);
      expect(showDoc(showId).pinnedItemId).toBeNull();
      expect((await call('live', 'liveShow', { showId })).data.show.pinnedItemId).toBeNull();
    });

    it('switches an item’s live price off and on, the pulse and the live page following', async () => {
      const { showId, itemIds } = await onAir();
      const [itemA, itemB] = itemIds;
      const v0 = (await call('live', 'pulse', { showId })).data.pulse.version;
      expect((await live('setItemOn', { showId, itemId: itemA, on: false }, PEOPLE.streamer)).ok).toBe(true);
      const off = (await call('live', 'pulse', { showId })).data.pulse;
      expect(off.version).toBeGreaterThan(v0);
      expect(off.counters.map((counter: { id: string; livePriceOn: boolean }) => [counter.id, counter.livePriceOn])).toEqual([
        [itemA, false],
        [itemB, true],
      ]);
      // Switched off twice, it moves once.
      await live('setItemOn', { showId, itemId: itemA, on: false }, PEOPLE.streamer);
      expect((await call('live', 'pulse', { showId })).data.pulse.version).toBe(off.version);
      expect((await live('setItemOn', { showId, itemId: itemA, on: true }, PEOPLE.streamer)).ok).toBe(true);
      const page = (await call('live', 'liveShow', { showId })).data.show;
      expect(page.items.map((entry: { livePriceOn: boolean }) => entry.livePriceOn)).toEqual([true, true]);
      expect(await live('setItemOn', { showId, itemId: 'i99', on: true }, PEOPLE.streamer)).toMatchObject({ ok: false, error: { code: 'LIVE_ITEM_NOT_FOUND' } });
    });

    it('raises a capped item’s live cap once per requestId (the same 补库存 sent twice adds once), and refuses an uncapped item', async () => {
      const { showId, itemIds } = await onAir();
      const [uncapped, capped] = itemIds;
      const capOf = () => showDoc(showId).items.find((entry) => entry.id === capped)?.stockCap;
      expect(capOf()).toBe(5);
      const twice = await Promise.all([
        live('restock', { showId, itemId: capped, quantity: 10 }, PEOPLE.streamer, 'restock-once'),
        live('restock', { showId, itemId: capped, quantity: 10 }, PEOPLE.streamer, 'restock-once'),
      ]);
      expect(twice.map((reply) => reply.ok)).toEqual([true, true]);
      expect(capOf()).toBe(15);
      expect((await live('restock', { showId, itemId: capped, quantity: 10 }, PEOPLE.streamer, 'restock-once')).data.show.items[1].stockCap).toBe(15);
      expect((await live('restock', { showId, itemId: capped, quantity: 50 }, PEOPLE.streamer, 'restock-twice')).data.show.items[1]).toMatchObject({ stockCap: 65, left: 65 });
      expect(showDoc(showId).history.filter((entry) => entry.event === 'restocked').map((entry) => entry.quantity)).toEqual([10, 50]);

      const before = showDoc(showId);
      expect(await live('restock', { showId, itemId: uncapped, quantity: 10 }, PEOPLE.streamer)).toMatchObject({ ok: false, error: { code: 'LIVE_ITEM_UNCAPPED' } });
      expect(showDoc(showId)).toEqual(before);
    });

    it('lets a sold-out capped item sell again after 补库存, and only up to the new cap', async () => {
      const { showId, itemIds } = await onAir({ items: [{ productId: productA, stockCap: 1 }] });
      expect((await place('live-restock-1', showId, [{ productId: productA, quantity: 1 }])).data.order.lines[0].unitPriceLi).toBe(8_000);
      expect(await place('live-restock-2', showId, [{ productId: productA, quantity: 1 }])).toMatchObject({ ok: false, error: { code: 'LIVE_SOLD_OUT' } });
      expect((await live('restock', { showId, itemId: itemIds[0], quantity: 1 }, PEOPLE.streamer)).ok).toBe(true);
      expect((await place('live-restock-2', showId, [{ productId: productA, quantity: 1 }])).data.order.lines[0].unitPriceLi).toBe(8_000);
      expect(await place('live-restock-3', showId, [{ productId: productA, quantity: 1 }])).toMatchObject({ ok: false, error: { code: 'LIVE_SOLD_OUT' } });
      expect(showDoc(showId).sold).toEqual({ [itemIds[0]]: 2 });
    });

    it('lists for a streamer only the shows assigned to them, and every show for the owner', async () => {
      const mine = await schedule({ title: '阿凤的场', startAt: Date.now() + 48 * 60 * MINUTE });
      const theirs = await schedule({ title: '阿明的场', startAt: Date.now() + 49 * 60 * MINUTE, streamerOpenIds: [OTHER_STREAMER] });
      const rowsOf = async (openid: string) => {
        const rows: { id: string; mine: boolean }[] = [];
        let cursor: string | undefined;
        do {
          const page = await live('listShows', { shopId: DEMO_SHOP_ID, limit: 50, ...(cursor ? { cursor } : {}) }, openid);
          expect(page.ok).toBe(true);
          rows.push(...page.data.shows);
          cursor = page.data.nextCursor ?? undefined;
        } while (cursor);
        return rows;
      };
      const afeng = await rowsOf(PEOPLE.streamer);
      expect(afeng.map((row) => row.id)).toContain(mine.showId);
      expect(afeng.map((row) => row.id)).not.toContain(theirs.showId);
      expect(afeng.every((row) => row.mine)).toBe(true);
      const expected = emu.db.find('liveShows', { shopId: DEMO_SHOP_ID, streamerOpenIds: PEOPLE.streamer }).map((doc) => doc._id);
      expect(afeng.map((row) => row.id).sort()).toEqual([...expected].sort());
      expect((await rowsOf(OTHER_STREAMER)).map((row) => row.id)).toEqual([theirs.showId]);
      const owner = await rowsOf(PEOPLE.owner);
      expect(owner.map((row) => row.id).sort()).toEqual(emu.db.find('liveShows', { shopId: DEMO_SHOP_ID }).map((doc) => doc._id).sort());
      // Newest start first.
      expect(owner.slice(0, 2).map((row) => row.id)).toEqual([theirs.showId, mine.showId]);
      const scheduledOnly = await live('listShows', { shopId: DEMO_SHOP_ID, state: 'cancelled', limit: 50 }, PEOPLE.owner);
      expect(scheduledOnly.data.shows.every((row: { state: string }) => row.state === 'cancelled')).toBe(true);
    });
  });

  describe('access (section 7)', () => {
    type Caller = 'owner' | 'staff' | 'streamer' | 'otherStreamer' | 'stranger' | 'otherOwner' | 'nobody';
    type Outcome = 'ok' | 'FORBIDDEN' | 'NOT_A_MEMBER' | 'UNAUTHENTICATED' | 'LIVE_NOT_ASSIGNED';
    const OPENIDS: Record<Caller, string | undefined> = {
      owner: PEOPLE.owner,
      staff: PEOPLE.staff,
      streamer: PEOPLE.streamer,
      otherStreamer: OTHER_STREAMER,
      stranger: PEOPLE.stranger,
      otherOwner: PEOPLE.otherOwner,
      nobody: undefined,
    };
    const OUTSIDERS = { stranger: 'NOT_A_MEMBER', otherOwner: 'NOT_A_MEMBER', nobody: 'UNAUTHENTICATED' } as const;
    // Written out in full so a wrong permission in the code fails.
    const ANY_MEMBER: Record<Caller, Outcome> = { owner: 'ok', staff: 'ok', streamer: 'ok', otherStreamer: 'ok', ...OUTSIDERS };
    const OWNER_ONLY: Record<Caller, Outcome> = { owner: 'ok', staff: 'FORBIDDEN', streamer: 'FORBIDDEN', otherStreamer: 'FORBIDDEN', ...OUTSIDERS };
    const EDITORS: Record<Caller, Outcome> = { owner: 'ok', staff: 'ok', streamer: 'FORBIDDEN', otherStreamer: 'FORBIDDEN', ...OUTSIDERS };
    const RUNNERS: Record<Caller, Outcome> = { owner: 'ok', staff: 'ok', streamer: 'ok', otherStreamer: 'LIVE_NOT_ASSIGNED', ...OUTSIDERS };

    interface Case {
      action: string;
      allowed: Record<Caller, Outcome>;
      /** The show it acts on: scheduled or on air (fresh for every caller), or none for shop-level actions. */
      show: 'scheduled' | 'live' | null;
      payload: (target: { showId: string; itemIds: string[] }) => unknown;
      /** An allowed call moves the show. */
      moves: boolean;
    }
    const CASES: Case[] = [
      { action: 'liveSettings', allowed: ANY_MEMBER, show: null, moves: false, payload: () => ({ shopId: DEMO_SHOP_ID }) },
      { action: 'saveLiveSettings', allowed: OWNER_ONLY, show: null, moves: false, payload: () => ({ shopId: DEMO_SHOP_ID, settings: { finderUserName: FINDER, autoEndMinutes: 240 } }) },
      { action: 'createShow', allowed: EDITORS, show: null, moves: false, payload: () => ({ shopId: DEMO_SHOP_ID, show: showInput() }) },
      { action: 'listShows', allowed: ANY_MEMBER, show: null, moves: false, payload: () => ({ shopId: DEMO_SHOP_ID }) },
      { action: 'updateShow', allowed: EDITORS, show: 'scheduled', moves: true, payload: () => ({ showId: '', show: showInput({ title: '改过的标题' }) }) },
      { action: 'cancelShow', allowed: EDITORS, show: 'scheduled', moves: true, payload: ({ showId }) => ({ showId }) },
      { action: 'vendorShow', allowed: RUNNERS, show: 'live', moves: false, payload: ({ showId }) => ({ showId }) },
      { action: 'startShow', allowed: RUNNERS, show: 'scheduled', moves: true, payload: ({ showId }) => ({ showId }) },
      { action: 'endShow', allowed: RUNNERS, show: 'live', moves: true, payload: ({ showId }) => ({ showId }) },
      { action: 'pin', allowed: RUNNERS, show: 'live', moves: true, payload: ({ showId, itemIds }) => ({ showId, itemId: itemIds[0] }) },
      { action: 'setItemOn', allowed: RUNNERS, show: 'live', moves: true, payload: ({ showId, itemIds }) => ({ showId, itemId: itemIds[0], on: false }) },
      { action: 'restock', allowed: RUNNERS, show: 'live', moves: true, payload: ({ showId, itemIds }) => ({ showId, itemId: itemIds[1], quantity: 10 }) },
      { action: 'dashboard', allowed: RUNNERS, show: 'live', moves: false, payload: ({ showId }) => ({ showId }) },
      { action: 'links', allowed: RUNNERS, show: 'live', moves: false, payload: ({ showId, itemIds }) => ({ showId, itemId: itemIds[0] }) },
    ];
    const rows = CASES.flatMap((entry) => (Object.keys(OPENIDS) as Caller[]).map((caller) => ({ ...entry, caller, outcome: entry.allowed[caller] })));

    it.each(rows)('$action by $caller: $outcome', async ({ action, caller, outcome, show, payload, moves }) => {
      const target = show === null ? { showId: '', itemIds: [] } : show === 'live' ? await onAir() : await schedule();
      const body = payload(target) as Record<string, unknown>;
      if (action === 'updateShow') body.showId = target.showId;
      const shopBefore = emu.db.find('shops', { _id: DEMO_SHOP_ID });
      const showsBefore = showsOfShop();
      const before = target.showId ? showDoc(target.showId) : null;

      const reply = await call('live', action, body, OPENIDS[caller]);
      expect(reply.ok ? 'ok' : reply.error.code).toBe(outcome);

      if (outcome !== 'ok') {
        // A refusal changes nothing: not the show, not the shop's settings, no new show.
        if (before) expect(showDoc(target.showId)).toEqual(before);
        expect(emu.db.find('shops', { _id: DEMO_SHOP_ID })).toEqual(shopBefore);
        expect(showsOfShop()).toBe(showsBefore);
      } else if (before && moves) {
        expect(showDoc(target.showId).updatedAt).toBeGreaterThan(before.updatedAt);
      }
      if (outcome === 'ok' && action === 'createShow') expect(showsOfShop()).toBe(showsBefore + 1);
    });
  });

  describe('dashboard', () => {
    it('counts the show’s orders, amount per minute, per item, new and returning buyers, and visits by source with those that ordered; at 下播 the summary is kept', async () => {
      // 老客 bought from the shop before the show: a returning buyer.
      expect((await place('live-dash-regular', null, [{ productId: productC, quantity: 1 }])).ok).toBe(true);
      // Goods of its own, so what is left on the shelf is this test's alone.
      const [dashA, dashB] = [insertProduct(emu, 100), insertProduct(emu, 100)];
      const { showId, itemIds } = await onAir({ items: [{ productId: dashA }, { productId: dashB, livePriceLi: 5_000, stockCap: 5 }] });
      const [itemA, itemB] = itemIds;
      const visit = (scene: number, openid?: string) => call('share', 'recordVisit', { shopId: DEMO_SHOP_ID, target: { kind: 'live', showId }, scene }, openid);
      const visits = await Promise.all([
        visit(1176, 'live-dash-1'),
        visit(1176, 'live-dash-lurker'),
        visit(1008, 'live-dash-2'),
        visit(1154, 'live-dash-regular'),
        visit(1047, 'live-dash-3'),
        visit(1047),
      ]);
      expect(visits.every((reply) => reply.ok)).toBe(true);

      const orders = [
        await place('live-dash-1', showId, [{ productId: dashA, quantity: 2 }], 1176),
        await place('live-dash-2', showId, [{ productId: dashB, quantity: 1 }], 1008),
        await place('live-dash-regular', showId, [{ productId: dashA, quantity: 1 }], 1154),
        await place('live-dash-3', showId, [{ productId: dashA, quantity: 1 }, { productId: dashB, quantity: 1 }], 1047),
      ];
      expect(orders.every((reply) => reply.ok)).toBe(true);
      expect(orders.flatMap((reply) => reply.data.order.lines.map((line: { totalFen: number }) => line.totalFen))).toEqual([1_600, 500, 800, 800, 500]);
      // A called-off order counts for nothing.
      const cancelled = await place('live-dash-4', showId, [{ productId: dashA, quantity: 1 }], 1176);
      expect((await call('orders', 'cancel', { orderId: cancelled.data.order.id, reason: '买错了' }, 'live-dash-4')).ok).toBe(true);
      const amountFen = orders.reduce((sum, reply) => sum + reply.data.order.totalFen, 0);

      const during = (await live('dashboard', { showId }, PEOPLE.streamer)).data.dashboard;
      expect(during).toMatchObject({ state: 'live', orders: 4, amountFen, summaryAt: null, buyers: { total: 4, new: 3, returning: 1 } });
      expect(during.perMinute.reduce((sum: number, point: { orders: number }) => sum + point.orders, 0)).toBe(4);
      expect(during.perMinute.reduce((sum: number, point: { amountFen: number }) => sum + point.amountFen, 0)).toBe(amountFen);
      expect(during.perMinute.every((point: { label: string }) => /^\d\d:\d\d$/.test(point.label))).toBe(true);
      expect(during.items).toEqual([
        expect.objectContaining({ id: itemA, sold: 4, amountFen: 3_200, left: 96 }),
        expect.objectContaining({ id: itemB, sold: 2, amountFen: 1_000, left: 3 }),
      ]);
      expect(during.visits.total).toBe(6);
      expect(during.visits.ordered).toBe(4);
      const bySource = Object.fromEntries(during.visits.bySource.map((row: { source: string; visits: number; ordered: number }) => [row.source, [row.visits, row.ordered]]));
      expect(bySource).toEqual({ live_room: [2, 1], group_card: [1, 1], moments: [1, 1], code: [2, 1] });

      expect((await live('endShow', { showId }, PEOPLE.streamer)).ok).toBe(true);
      const kept = showDoc(showId).summary as { summaryAt: number; orders: number };
      expect(kept).toMatchObject({ state: 'ended', orders: 4, amountFen });
      expect(kept.summaryAt).toEqual(expect.any(Number));

      // After the show: an order at the shelf price and a late visit do not change the kept figures.
      expect((await place('live-dash-late', showId, [{ productId: dashA, quantity: 1 }], 1008)).data.order.lines[0].unitPriceLi).toBe(10_000);
      await visit(1008, 'live-dash-late');
      const after = (await live('dashboard', { showId }, PEOPLE.owner)).data.dashboard;
      expect(after).toEqual(kept);
      expect(after).toMatchObject({ state: 'ended', orders: 4, amountFen, buyers: { total: 4, new: 3, returning: 1 }, visits: { total: 6, ordered: 4 } });
    });

    it('keeps the summary of a show that ended by itself the first time its dashboard is read', async () => {
      const { showId } = await onAir();
      expect((await place('live-dash-auto', showId, [{ productId: productA, quantity: 1 }])).ok).toBe(true);
      await expireShow(showId);
      const first = (await live('dashboard', { showId }, PEOPLE.owner)).data.dashboard;
      expect(first).toMatchObject({ state: 'ended', orders: 1, summaryAt: expect.any(Number) });
      expect(showDoc(showId)).toMatchObject({ status: 'ended', summary: first });
    });

    it('keeps the summary of a show that ended by itself even when the console saw the end before anyone read the dashboard', async () => {
      const { showId } = await onAir();
      expect((await place('live-dash-auto-2', showId, [{ productId: productA, quantity: 1 }])).ok).toBe(true);
      await expireShow(showId);
      expect((await live('vendorShow', { showId }, PEOPLE.streamer)).data.show.state).toBe('ended');
      expect(showDoc(showId).status).toBe('ended');
      const first = (await live('dashboard', { showId }, PEOPLE.owner)).data.dashboard;
      expect(first).toMatchObject({ state: 'ended', orders: 1, summaryAt: expect.any(Number) });
      expect(showDoc(showId).summary).toEqual(first);
    });
  });
});
