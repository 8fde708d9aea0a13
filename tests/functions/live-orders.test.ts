// Orders placed from a live show's page, through the real functions and the emulator: the live
// price applies only while the show is live and the item is on (by the server's clock), the
// per-buyer cap holds across a buyer's simultaneous orders, the live stock cap never oversells,
// called-off orders give their share back, and every order records the show, items and scene.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, addStreamers, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { LiveShowDoc } from '@core/live';
import type { OrderDoc, ProductDoc } from '@core/model';

const address = { name: '王阿姨', phone: '13800138000', province: '吉林省', city: '白山市', district: '抚松县', detail: '人参市场 1 号' };
const LIVE_PRICE_LI = 8_000;
const SHELF_PRICE_LI = 10_000;

describe('orders from a live show', () => {
  let emu: TestEmulator;
  let seq = 0;

  const call = (fn: string, action: string, payload: unknown, openid?: string, requestId = `rq-${++seq}`) => emu.reply(fn, { action, payload, requestId }, openid);
  const live = (action: string, payload: unknown, openid: string = PEOPLE.owner) => call('live', action, payload, openid);
  const showDoc = (id: string) => emu.db.find('liveShows', { _id: id })[0] as unknown as LiveShowDoc;
  const orderDoc = (id: string) => emu.db.find('orders', { _id: id })[0] as unknown as OrderDoc;
  const stockOf = (productId: string) => (emu.db.find('products', { _id: productId })[0] as unknown as ProductDoc).skus[0].stock;

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    addStreamers(emu);
    const saved = await live('saveLiveSettings', { shopId: DEMO_SHOP_ID, settings: { finderUserName: 'sphTestLaozhang', autoEndMinutes: 240 } });
    expect(saved.ok).toBe(true);
  }, 60_000);
  afterAll(() => emu.close());

  /** A show of a fresh product (¥10.00 on the shelf, ¥8.00 live), run by 阿凤. */
  async function scheduleShow(item: { limitPerBuyer?: number | null; stockCap?: number | null } = {}, stock = 10_000): Promise<{ showId: string; productId: string; itemId: string }> {
    const productId = insertProduct(emu, stock);
    const created = await live('createShow', {
      shopId: DEMO_SHOP_ID,
      show: { title: '长白山林下参专场', startAt: Date.now(), streamerOpenIds: [PEOPLE.streamer], items: [{ productId, skuId: 'a', livePriceLi: LIVE_PRICE_LI, limitPerBuyer: item.limitPerBuyer ?? null, stockCap: item.stockCap ?? null }] },
    });
    expect(created.ok).toBe(true);
    return { showId: created.data.show.id, productId, itemId: created.data.show.items[0].id };
  }

  async function liveShow(item: { limitPerBuyer?: number | null; stockCap?: number | null } = {}, stock?: number) {
    const show = await scheduleShow(item, stock);
    const started = await live('startShow', { showId: show.showId }, PEOPLE.streamer);
    expect(started.ok).toBe(true);
    return show;
  }

  const place = (showId: string, productId: string, buyer: string, quantity = 1, extra: Record<string, unknown> = {}) =>
    call('orders', 'place', { shopId: DEMO_SHOP_ID, liveShowId: showId, lines: [{ productId, skuId: 'a', quantity }], fulfilment: { kind: 'express', address }, payment: 'offline', source: { ref: null, scene: 1176 }, ...extra }, buyer);

  it('prices the show’s items as usual before 开播, and records the show with nothing taken at the live price', async () => {
    const { showId, productId } = await scheduleShow();
    const placed = await place(showId, productId, 'live-buyer-early');
    expect(placed.ok).toBe(true);
    expect(placed.data.order.lines[0]).toMatchObject({ unitPriceLi: SHELF_PRICE_LI, priceSource: { kind: 'base' } });
    expect(orderDoc(placed.data.order.id).live).toEqual({ showId, taken: {}, limited: {}, scene: 1176 });
    expect(showDoc(showId).sold).toEqual({});
  });

  it('sells at the live price while the show is live and the item is on, and at the shelf price once it is off or the show has ended', async () => {
    const { showId, productId, itemId } = await liveShow();
    const quoted = await call('orders', 'quote', { shopId: DEMO_SHOP_ID, liveShowId: showId, lines: [{ productId, skuId: 'a', quantity: 2 }], fulfilment: { kind: 'express', province: '吉林省' } });
    expect(quoted.ok).toBe(true);
    expect(quoted.data.quote.lines[0]).toMatchObject({ unitPriceLi: LIVE_PRICE_LI, priceSource: { kind: 'live', showId, itemId } });

    const during = await place(showId, productId, 'live-buyer-on', 2);
    expect(during.data.order.lines[0]).toMatchObject({ unitPriceLi: LIVE_PRICE_LI, totalFen: 1_600, priceSource: { kind: 'live', showId, itemId } });
    expect(during.data.order.live).toEqual({ showId, itemIds: [itemId] });
    expect(showDoc(showId).sold).toEqual({ [itemId]: 2 });

    expect((await live('setItemOn', { showId, itemId, on: false }, PEOPLE.streamer)).ok).toBe(true);
    const off = await place(showId, productId, 'live-buyer-off');
    expect(off.data.order.lines[0]).toMatchObject({ unitPriceLi: SHELF_PRICE_LI, priceSource: { kind: 'base' } });

    expect((await live('setItemOn', { showId, itemId, on: true }, PEOPLE.streamer)).ok).toBe(true);
    expect((await live('endShow', { showId }, PEOPLE.streamer)).ok).toBe(true);
    // The page still showed ¥8.00: the buyer confirmed 800 分, and the server says the price changed.
    const after = await place(showId, productId, 'live-buyer-late', 1, { expectedTotalFen: 800 + 1000 });
    expect(after).toMatchObject({ ok: false, error: { code: 'PRICE_CHANGED' } });
    const plain = await place(showId, productId, 'live-buyer-late');
    expect(plain.data.order.lines[0]).toMatchObject({ unitPriceLi: SHELF_PRICE_LI, priceSource: { kind: 'base' } });
    expect(showDoc(showId).sold).toEqual({ [itemId]: 2 });
  });

  it('gives no live price to a show past its automatic end, though no one pressed 下播', async () => {
    const { showId, productId } = await liveShow();
    await emu.db.handle({ action: 'database.modifyDocument', collectionName: 'liveShows', query: JSON.stringify({ _id: showId }), data: JSON.stringify({ $set: { autoEndAt: Date.now() - 1000 } }), multi: false });
    const placed = await place(showId, productId, 'live-buyer-forgotten');
    expect(placed.data.order.lines[0]).toMatchObject({ unitPriceLi: SHELF_PRICE_LI, priceSource: { kind: 'base' } });
    expect((await call('live', 'pulse', { showId })).data.pulse.state).toBe('ended');
  });

  it('holds the per-buyer cap across one buyer’s simultaneous orders', async () => {
    const { showId, productId, itemId } = await liveShow({ limitPerBuyer: 2 });
    const replies = await Promise.all(Array.from({ length: 6 }, () => place(showId, productId, 'live-buyer-greedy')));
    const ok = replies.filter((reply) => reply.ok);
    expect(ok).toHaveLength(2);
    expect(ok.every((reply) => reply.data.order.lines[0].unitPriceLi === LIVE_PRICE_LI)).toBe(true);
    expect(replies.filter((reply) => !reply.ok).map((reply) => reply.error.code)).toEqual(Array(4).fill('LIVE_LIMIT_EXCEEDED'));
    expect(showDoc(showId).sold[itemId]).toBe(2);
    // Over the cap in one order: refused before anything moves.
    const big = await place(showId, productId, 'live-buyer-bulk', 3);
    expect(big).toMatchObject({ ok: false, error: { code: 'LIVE_LIMIT_EXCEEDED' } });
    expect(showDoc(showId).sold[itemId]).toBe(2);
  });

  it('answers both taps of a double tap with the one order, though the item allows each buyer one', async () => {
    const { showId, productId, itemId } = await liveShow({ limitPerBuyer: 1 });
    const buyers = Array.from({ length: 20 }, (_, index) => `live-double-${index}`);
    const pairs = await Promise.all(
      buyers.map((buyer) => {
        const payload = { shopId: DEMO_SHOP_ID, liveShowId: showId, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'offline' };
        const requestId = `double-${buyer}`;
        return Promise.all([call('orders', 'place', payload, buyer, requestId), call('orders', 'place', payload, buyer, requestId)]);
      }),
    );
    for (const [first, second] of pairs) {
      expect(first.ok && second.ok).toBe(true);
      expect(second.data.order.id).toBe(first.data.order.id);
      expect(first.data.order.lines[0].unitPriceLi).toBe(LIVE_PRICE_LI);
    }
    expect(showDoc(showId).sold[itemId]).toBe(buyers.length);
    expect(emu.db.find('orders', { 'live.showId': showId })).toHaveLength(buyers.length);
  }, 60_000);

  it('sells exactly the live stock cap to 400 buyers on the pinned item, at the live price, and never more', async () => {
    const { showId, productId, itemId } = await liveShow({ stockCap: 100 }, 10_000);
    expect((await live('pin', { showId, itemId }, PEOPLE.streamer)).ok).toBe(true);
    const stockBefore = stockOf(productId);
    const replies = await Promise.all(Array.from({ length: 400 }, (_, index) => place(showId, productId, `live-rush-${index}`)));
    const ok = replies.filter((reply) => reply.ok);
    expect(ok).toHaveLength(100);
    expect(ok.every((reply) => reply.data.order.lines[0].unitPriceLi === LIVE_PRICE_LI)).toBe(true);
    expect(new Set(replies.filter((reply) => !reply.ok).map((reply) => reply.error.code))).toEqual(new Set(['LIVE_SOLD_OUT']));
    expect(showDoc(showId).sold[itemId]).toBe(100);
    expect(stockOf(productId)).toBe(stockBefore - 100);
    expect(emu.db.find('orders', { 'live.showId': showId })).toHaveLength(100);
  }, 120_000);

  it('gives a cancelled order’s live quantity back to the show and to the buyer’s cap', async () => {
    const { showId, productId, itemId } = await liveShow({ limitPerBuyer: 2, stockCap: 2 });
    const first = await place(showId, productId, 'live-buyer-undecided', 2);
    expect(first.ok).toBe(true);
    expect(await place(showId, productId, 'live-buyer-other')).toMatchObject({ ok: false, error: { code: 'LIVE_SOLD_OUT' } });
    expect((await call('orders', 'cancel', { orderId: first.data.order.id, reason: '买错了' }, 'live-buyer-undecided')).ok).toBe(true);
    expect(showDoc(showId).sold[itemId]).toBe(0);
    const again = await place(showId, productId, 'live-buyer-undecided', 2);
    expect(again.data.order.lines[0].unitPriceLi).toBe(LIVE_PRICE_LI);
  });

  it('refuses a show of another shop, a called-off show, or a live price together with a campaign, changing nothing', async () => {
    const { showId, productId } = await liveShow();
    const before = emu.db.find('orders', {}).length;
    const otherShop = await call('orders', 'place', { shopId: OTHER_SHOP_ID, liveShowId: showId, lines: [{ productId: 'other-honey', skuId: 'a', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'offline' }, 'live-buyer-x');
    expect(otherShop).toMatchObject({ ok: false, error: { code: 'LIVE_SHOW_NOT_FOUND' } });
    expect(await place(showId, productId, 'live-buyer-x', 1, { campaignId: 'any-campaign' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const scheduled = await scheduleShow();
    expect((await live('cancelShow', { showId: scheduled.showId })).ok).toBe(true);
    expect(await place(scheduled.showId, scheduled.productId, 'live-buyer-x')).toMatchObject({ ok: false, error: { code: 'LIVE_SHOW_NOT_FOUND' } });
    expect(emu.db.find('orders', {})).toHaveLength(before);
  });
});
