// Pickup hand-over (核销) through the real orders function and the emulator: a paid pickup order
// gets a six-digit code that only its buyer sees; the code completes only its own order of its own
// shop, once; wrong codes change nothing and lock the shop's tries after ten in a minute; the
// per-point list shows who still has to come; the reminder goes out once per order.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { minuteOf } from '@core/pickup';
import { orderPagePath } from '@core/notify';

const BUYER = 'test-pickup-buyer';
const OTHER_BUYER = 'test-pickup-other';
const contact = { name: '小李', phone: '13900139000' };

describe('orders: pickup codes and hand-over', () => {
  let emu: TestEmulator;
  let seq = 0;
  const orders = (action: string, payload: unknown, openid?: string) => emu.reply('orders', { action, payload, requestId: `pickup-rq-${++seq}` }, openid);
  const orderDoc = (id: string) => emu.db.find('orders', { _id: id })[0] as Record<string, any>;
  const reminders = (id: string) => emu.openApi.outbox().filter((message) => message.templateId === 'tmpl-pickup-reminder' && message.page === orderPagePath(id));

  /** A pickup order at the town point, paid by transfer and confirmed by the owner (or left unpaid). */
  async function pickupOrder(buyer = BUYER, { paid = true } = {}): Promise<string> {
    const productId = insertProduct(emu, 10, { name: '五花腊肉' });
    const placed = await orders('place', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'pickup', pointId: 'town', contact }, payment: 'offline' }, buyer);
    expect(placed.ok).toBe(true);
    const id = placed.data.order.id as string;
    if (!paid) return id;
    expect((await orders('markTransferred', { orderId: id }, buyer)).ok).toBe(true);
    expect((await orders('confirmTransfer', { orderId: id }, PEOPLE.owner)).data.order.state).toBe('paid');
    return id;
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
  });
  afterAll(() => emu.close());

  it('gives a paid pickup order a six-digit code that stays the same, to its buyer only', async () => {
    const unpaid = await pickupOrder(BUYER, { paid: false });
    expect(await orders('pickupCode', { orderId: unpaid }, BUYER)).toEqual({ ok: true, data: { code: null } });

    const id = await pickupOrder();
    const first = await orders('pickupCode', { orderId: id }, BUYER);
    expect(first.data.code).toMatch(/^\d{6}$/);
    expect((await orders('pickupCode', { orderId: id }, BUYER)).data.code).toBe(first.data.code);
    expect(orderDoc(id).pickupCode).toBe(first.data.code);
    for (const someone of [OTHER_BUYER, PEOPLE.stranger, PEOPLE.otherOwner]) {
      expect((await orders('pickupCode', { orderId: id }, someone)).error.code).toBe('ORDER_NOT_FOUND');
    }
  });

  it('gives different codes to the shop’s orders waiting at the same time', async () => {
    const ids = [await pickupOrder(), await pickupOrder(OTHER_BUYER), await pickupOrder()];
    const codes = await Promise.all(ids.map(async (id) => (await orders('pickupCode', { orderId: id }, orderDoc(id).buyerOpenId)).data.code as string));
    expect(new Set(codes).size).toBe(3);
  });

  it('completes the order the typed code belongs to, once, and a second try changes nothing', async () => {
    const id = await pickupOrder();
    const bystander = await pickupOrder(OTHER_BUYER);
    await orders('pickupCode', { orderId: bystander }, OTHER_BUYER);
    const { code } = (await orders('pickupCode', { orderId: id }, BUYER)).data;

    const redeemed = await orders('redeemPickup', { shopId: DEMO_SHOP_ID, code: `${code.slice(0, 3)} ${code.slice(3)}` }, PEOPLE.staff);
    expect(redeemed).toMatchObject({ ok: true, data: { order: { id, state: 'completed', contact, pointName: '镇上老张腊味店' } } });
    expect(orderDoc(id).state).toBe('completed');
    expect(orderDoc(bystander).state).toBe('paid');

    const before = orderDoc(id);
    const again = await orders('redeemPickup', { shopId: DEMO_SHOP_ID, code }, PEOPLE.owner);
    expect(again.error).toMatchObject({ code: 'PICKUP_ALREADY_DONE', message: expect.stringMatching(/已经取过货/) });
    expect(orderDoc(id)).toEqual(before);
    // After hand-over the buyer's page shows no code.
    expect((await orders('pickupCode', { orderId: id }, BUYER)).data.code).toBeNull();
  });

  it('completes an order from its scanned QR text, ready or only paid', async () => {
    const id = await pickupOrder();
    expect((await orders('markReady', { orderId: id }, PEOPLE.owner)).data.order.state).toBe('ready_for_pickup');
    const { code } = (await orders('pickupCode', { orderId: id }, BUYER)).data;
    const redeemed = await orders('redeemPickup', { shopId: DEMO_SHOP_ID, code: `cactus-pickup:${code}` }, PEOPLE.owner);
    expect(redeemed.data.order).toMatchObject({ id, state: 'completed' });
  });

  it('refuses a code of another shop and leaves every order as it was', async () => {
    const id = await pickupOrder();
    const { code } = (await orders('pickupCode', { orderId: id }, BUYER)).data;
    const before = emu.db.find('orders');
    // The other shop's owner types this shop's buyer's code at his own counter.
    const elsewhere = await orders('redeemPickup', { shopId: OTHER_SHOP_ID, code }, PEOPLE.otherOwner);
    expect(elsewhere.error).toMatchObject({ code: 'PICKUP_CODE_WRONG', message: expect.stringMatching(/取货码不对/) });
    // ...and cannot type it for this shop either.
    expect((await orders('redeemPickup', { shopId: DEMO_SHOP_ID, code }, PEOPLE.otherOwner)).error.code).toBe('NOT_A_MEMBER');
    expect((await orders('redeemPickup', { shopId: DEMO_SHOP_ID, code }, BUYER)).error.code).toBe('NOT_A_MEMBER');
    expect((await orders('redeemPickup', { shopId: DEMO_SHOP_ID, code }, PEOPLE.streamer)).error.code).toBe('FORBIDDEN');
    expect(emu.db.find('orders')).toEqual(before);
  });

  it('locks a shop’s tries for the rest of the minute after ten wrong codes, and only that shop’s', async () => {
    const id = await pickupOrder();
    const { code } = (await orders('pickupCode', { orderId: id }, BUYER)).data;
    const wrong = code === '000000' ? '000001' : '000000';
    // Start early in a minute, so the ten tries and the refused one fall in the same minute.
    if (Date.now() % 60_000 > 45_000) await new Promise((resolve) => setTimeout(resolve, 61_000 - (Date.now() % 60_000)));
    const minute = minuteOf(Date.now());
    // Last minute's count does not hold this minute up.
    emu.db.insert('pickupTries', { _id: `${DEMO_SHOP_ID}:${minute - 1}`, shopId: DEMO_SHOP_ID, wrong: 99, at: Date.now() - 60_000 });
    for (let i = 0; i < 10; i += 1) expect((await orders('redeemPickup', { shopId: DEMO_SHOP_ID, code: i % 2 ? wrong : 'abc' }, PEOPLE.staff)).error.code).toBe('PICKUP_CODE_WRONG');
    const locked = await orders('redeemPickup', { shopId: DEMO_SHOP_ID, code }, PEOPLE.owner);
    expect(minuteOf(Date.now())).toBe(minute);
    expect(locked.error).toMatchObject({ code: 'PICKUP_TOO_MANY_TRIES', message: expect.stringMatching(/一分钟/) });
    expect(orderDoc(id).state).toBe('paid');
    // The other shop is not held up by this one's guessing.
    expect((await orders('redeemPickup', { shopId: OTHER_SHOP_ID, code: wrong }, PEOPLE.otherOwner)).error.code).toBe('PICKUP_CODE_WRONG');
    expect(emu.db.find('pickupTries', { _id: `${DEMO_SHOP_ID}:${minute}` })).toEqual([expect.objectContaining({ wrong: 10 })]);
  }, 90_000);

  it('lists who still has to come per pickup point, with their contact, for owner and staff only', async () => {
    const waiting = await pickupOrder();
    const unpaid = await pickupOrder(BUYER, { paid: false });
    const done = await pickupOrder();
    // Handed over by the order page's 已取货 (the tries of this minute may be locked by now).
    await orders('markReady', { orderId: done }, PEOPLE.owner);
    expect((await orders('complete', { orderId: done }, PEOPLE.owner)).data.order.state).toBe('completed');

    for (const vendor of [PEOPLE.owner, PEOPLE.staff]) {
      const listed = await orders('pickupWaiting', { shopId: DEMO_SHOP_ID }, vendor);
      expect(listed.ok).toBe(true);
      const town = listed.data.points.find((row: { point: { id: string } }) => row.point.id === 'town');
      const ids = town.orders.map((row: { orderId: string }) => row.orderId);
      expect(ids).toContain(waiting);
      expect(ids).not.toContain(unpaid);
      expect(ids).not.toContain(done);
      expect(town.orders.find((row: { orderId: string }) => row.orderId === waiting)).toMatchObject({ contact, state: 'paid', remindedAt: null, paidAt: expect.any(Number) });
    }
    for (const [someone, refused] of [[PEOPLE.streamer, 'FORBIDDEN'], [PEOPLE.stranger, 'NOT_A_MEMBER'], [PEOPLE.otherOwner, 'NOT_A_MEMBER']]) {
      expect((await orders('pickupWaiting', { shopId: DEMO_SHOP_ID }, someone)).error.code).toBe(refused);
    }
    // The other shop's list has none of this shop's buyers.
    expect((await orders('pickupWaiting', { shopId: OTHER_SHOP_ID }, PEOPLE.otherOwner)).data.points).toEqual([]);
  });

  it('sends the reminder once per order, with the point and the code', async () => {
    const id = await pickupOrder();
    expect((await orders('remindPickup', { orderId: id }, PEOPLE.stranger)).error.code).toBe('NOT_A_MEMBER');
    expect((await orders('remindPickup', { orderId: id }, PEOPLE.otherOwner)).error.code).toBe('NOT_A_MEMBER');
    expect(reminders(id)).toEqual([]);

    const first = await orders('remindPickup', { orderId: id }, PEOPLE.staff);
    expect(first).toMatchObject({ ok: true, data: { remindedAt: expect.any(Number), sent: true } });
    const code = orderDoc(id).pickupCode;
    expect(reminders(id)).toEqual([
      expect.objectContaining({ touser: BUYER, data: expect.objectContaining({ thing3: { value: '请到镇上老张腊味店取货' }, character_string4: { value: code } }) }),
    ]);
    const again = await orders('remindPickup', { orderId: id }, PEOPLE.owner);
    expect(again.error).toMatchObject({ code: 'PICKUP_ALREADY_REMINDED', message: expect.stringMatching(/只能提醒一次/) });
    expect(reminders(id)).toHaveLength(1);
    // The code the buyer later reads is the one the reminder carried.
    expect((await orders('pickupCode', { orderId: id }, BUYER)).data.code).toBe(code);
  });

  it('does not remind about an order that is not waiting for pickup', async () => {
    const unpaid = await pickupOrder(BUYER, { paid: false });
    expect((await orders('remindPickup', { orderId: unpaid }, PEOPLE.owner)).error.code).toBe('PICKUP_CODE_NOT_READY');
    expect(reminders(unpaid)).toEqual([]);
  });

  it('offers only the pickup points that are switched on, each with its contact', async () => {
    const { data } = await emu.reply('shop', { action: 'getSettings', payload: { shopId: DEMO_SHOP_ID } }, PEOPLE.owner);
    const town = { ...data.settings.fulfilment.pickup.points[0], contactLine: '老张 13800138000' };
    const farm = { id: 'farm', name: '山上果园', address: '龙潭镇三村', hours: '周六', contactLine: '', enabled: false };
    const settings = { ...data.settings, fulfilment: { ...data.settings.fulfilment, pickup: { enabled: true, points: [town, farm] } } };
    expect((await emu.reply('shop', { action: 'updateSettings', payload: { shopId: DEMO_SHOP_ID, settings } }, PEOPLE.owner)).ok).toBe(true);

    const options = await orders('checkoutOptions', { shopId: DEMO_SHOP_ID });
    expect(options.data.options.pickup.points).toEqual([expect.objectContaining({ id: 'town', contactLine: '老张 13800138000' })]);
    const productId = insertProduct(emu, 10, { name: '五花腊肉' });
    const placed = await orders('place', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'pickup', pointId: 'farm', contact }, payment: 'offline' }, BUYER);
    expect(placed.error.code).toBe('PICKUP_POINT_UNKNOWN');
    // The vendor still sees the switched-off point in the settings and in the waiting list.
    const saved = await emu.reply('shop', { action: 'getSettings', payload: { shopId: DEMO_SHOP_ID } }, PEOPLE.owner);
    expect(saved.data.settings.fulfilment.pickup.points[1]).toMatchObject({ id: 'farm', enabled: false });
    expect((await orders('pickupWaiting', { shopId: DEMO_SHOP_ID }, PEOPLE.owner)).data.points.map((row: { point: { id: string } }) => row.point.id)).toEqual(['town', 'farm']);
  });
});
