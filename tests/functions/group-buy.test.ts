// N-person 拼团 through the real functions and the emulator: a group fills exactly (never above N,
// however many buyers race), succeeds on the N-th payment and only then ships; a group that runs out
// of time refunds every paid member once, however often the timer runs; money for a released seat
// goes back once, however often its notice comes; a starter refunded before success frees the seat.
import { startTestEmulator, switchOnWechatPay, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { GroupDoc } from '@core/group-buy';
import { orderPagePath } from '@core/notify';
import { nextActions } from '@core/order-actions';
import type { OrderDoc, ProductDoc } from '@core/model';

const MCH = '1900000109';
const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };

describe('拼团 orders', () => {
  let emu: TestEmulator;
  let seq = 0;
  let clock = Date.now();

  const call = (fn: string, action: string, payload: unknown, openid?: string, requestId = `rq-${++seq}`) => emu.reply(fn, { action, payload, requestId }, openid);
  const orders = (action: string, payload: unknown, openid?: string) => call('orders', action, payload, openid);
  const orderDoc = (id: string) => emu.db.find('orders', { _id: id })[0] as unknown as OrderDoc;
  const groupDoc = (id: string) => emu.db.find('groupBuys', { _id: id })[0] as unknown as GroupDoc;
  const stockOf = (productId: string) => (emu.db.find('products', { _id: productId })[0] as unknown as ProductDoc).skus[0].stock;
  const tickMinute = () => emu.timers.tick((clock = Math.max(clock, Date.now()) + 61_000));
  /** Moves a group's deadline into the past, as if its hours had run out. */
  const expire = (groupId: string) =>
    emu.db.handle({ action: 'database.modifyDocument', collectionName: 'groupBuys', query: JSON.stringify({ _id: groupId }), data: JSON.stringify({ $set: { deadlineAt: Date.now() - 1000 } }), multi: false });

  async function offer(size: number, stock = 100_000): Promise<string> {
    const productId = insertProduct(emu, stock);
    const now = Date.now();
    const set = await call('groupbuy', 'setOffer', { productId, offer: { size, skus: [{ skuId: 'a', priceLi: 8_000, leaderPriceLi: 7_000 }], openHours: 24, limitPerBuyer: 1, startAt: now - 60_000, endAt: now + 86_400_000 } }, PEOPLE.owner);
    expect(set.ok).toBe(true);
    return productId;
  }

  const place = (productId: string, buyer: string, groupId?: string) =>
    orders('place', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'wechat', group: { offerId: productId, ...(groupId ? { groupId } : {}) }, display: { name: `买家${buyer}`, avatar: '' } }, buyer);

  async function pay(orderId: string, buyer: string, opts: { duplicates?: number; delayMs?: number } = {}) {
    const started = await orders('pay', { orderId }, buyer);
    expect(started.ok).toBe(true);
    await emu.pay.pay(started.data.outTradeNo, opts);
  }

  /** A started and paid group: its id (the starter's order id). */
  async function openGroup(productId: string, starter: string): Promise<string> {
    const placed = await place(productId, starter);
    expect(placed.ok).toBe(true);
    await pay(placed.data.order.id, starter);
    expect(groupDoc(placed.data.order.id)).toMatchObject({ state: 'open', paid: 1, held: 1 });
    return placed.data.order.id;
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu, Date.now());
    await switchOnWechatPay(emu, { shopId: DEMO_SHOP_ID, owner: PEOPLE.owner, subMchId: MCH, qrImage: '/media/seed/shop.svg' });
  });
  afterAll(() => emu.close());

  it('starts at the 团长价, joins at the 拼团价, succeeds on the 2nd payment, and ships only then', async () => {
    const productId = await offer(2);
    const offered = await call('groupbuy', 'productOffer', { productId });
    expect(offered.data.offer).toMatchObject({ size: 2, label: '2人拼', lowestPriceLi: 8_000, lowestBasePriceLi: 10_000 });

    const started = await place(productId, 'gb-xiaoli');
    expect(started.data.order.lines[0]).toMatchObject({ unitPriceLi: 7_000, priceSource: { kind: 'group', offerId: productId, leader: true } });
    const groupId = started.data.order.id;
    // Nobody else sees a group before its starter paid.
    expect((await call('groupbuy', 'getGroup', { groupId })).error.code).toBe('GROUP_NOT_FOUND');
    await pay(groupId, 'gb-xiaoli');
    expect((await orders('ship', { orderId: groupId }, PEOPLE.owner)).error.code).toBe('GROUP_NOT_SUCCEEDED');

    const page = await call('groupbuy', 'getGroup', { groupId }, 'gb-wangayi');
    expect(page.data).toMatchObject({ shareTitle: expect.stringMatching(/^还差1人，¥8\.00拼/), canJoin: { ok: true }, mine: null, group: { missing: 1, paidCount: 1 } });
    expect((await call('groupbuy', 'productOffer', { productId })).data.groups).toEqual([expect.objectContaining({ id: groupId, missing: 1 })]);

    const joined = await place(productId, 'gb-wangayi', groupId);
    expect(joined.data.order.lines[0].unitPriceLi).toBe(8_000);
    const mine = await orders('getOrder', { orderId: joined.data.order.id }, 'gb-wangayi');
    expect(mine.data.order.group).toMatchObject({ seat: 'held', status: 'open', missing: 1, size: 2 });
    await pay(joined.data.order.id, 'gb-wangayi');

    expect(groupDoc(groupId)).toMatchObject({ state: 'succeeded', paid: 2, held: 2 });
    for (const id of [groupId, joined.data.order.id]) expect(orderDoc(id)).toMatchObject({ state: 'paid', group: { status: 'succeeded', seat: 'paid' } });
    expect((await orders('ship', { orderId: groupId }, PEOPLE.owner)).ok).toBe(true);
    const groups = await call('groupbuy', 'offerGroups', { productId, state: 'succeeded' }, PEOPLE.owner);
    expect(groups.data.groups).toEqual([expect.objectContaining({ id: groupId, paidCount: 2, paidFen: 3500, members: [expect.objectContaining({ leader: true }), expect.objectContaining({ leader: false })] })]);
  });

  it('keeps a paid 拼团 order off the vendor’s to-ship list and its count until the group succeeds, and flags it in the other lists', async () => {
    const productId = await offer(2);
    const toShip = async () => {
      const listing = await orders('listShopOrders', { shopId: DEMO_SHOP_ID, state: 'paid', limit: 50 }, PEOPLE.owner);
      expect(listing.ok).toBe(true);
      return listing.data;
    };
    const before = await toShip();
    const groupId = await openGroup(productId, 'gb-ship-starter');
    const waiting = await toShip();
    expect(waiting.orders.map((order: { id: string }) => order.id)).not.toContain(groupId);
    expect(waiting.counts.paid ?? 0).toBe(before.counts.paid ?? 0);
    expect(waiting.awaitingGroup).toBe((before.awaitingGroup ?? 0) + 1);
    const all = await orders('listShopOrders', { shopId: DEMO_SHOP_ID, limit: 50 }, PEOPLE.owner);
    expect(all.data.orders.find((order: { id: string }) => order.id === groupId)).toMatchObject({ state: 'paid', awaitingGroup: true });
    const starterView = await orders('getOrder', { orderId: groupId }, PEOPLE.owner);
    expect(nextActions(starterView.data.order, 'vendor', Date.now()).map((action) => action.key)).not.toContain('ship');

    const joined = await place(productId, 'gb-ship-joiner', groupId);
    await pay(joined.data.order.id, 'gb-ship-joiner');
    const succeeded = await toShip();
    expect(succeeded.orders.map((order: { id: string }) => order.id)).toEqual(expect.arrayContaining([groupId, joined.data.order.id]));
    expect(succeeded.orders.find((order: { id: string }) => order.id === groupId)).toMatchObject({ awaitingGroup: false });
    expect(succeeded.counts.paid).toBe((before.counts.paid ?? 0) + 2);
    expect(succeeded.awaitingGroup).toBe(before.awaitingGroup ?? 0);
    const shippable = await orders('getOrder', { orderId: groupId }, PEOPLE.owner);
    expect(nextActions(shippable.data.order, 'vendor', Date.now()).map((action) => action.key)).toContain('ship');
  });

  it('tells each member once that their group succeeded, and each paid member of a failed group once that the money went back', async () => {
    const messages = (kind: string, orderId: string) => emu.openApi.outbox().filter((message) => message.templateId === kind && message.page === orderPagePath(orderId));
    const productId = await offer(3);
    const groupId = await openGroup(productId, 'gb-tell-starter');
    const joiners = ['gb-tell-a', 'gb-tell-b'];
    const placed = await Promise.all(joiners.map((buyer) => place(productId, buyer, groupId)));
    // The last two payments race, each notice delivered twice: the group closes from either.
    await Promise.all(placed.map((reply, i) => pay(reply.data.order.id, joiners[i], { duplicates: 2 })));
    await tickMinute();
    expect(groupDoc(groupId).state).toBe('succeeded');
    const members = [{ id: groupId, buyer: 'gb-tell-starter' }, ...placed.map((reply, i) => ({ id: reply.data.order.id, buyer: joiners[i] }))];
    for (const { id, buyer } of members) {
      expect(messages('tmpl-group-succeeded', id)).toEqual([expect.objectContaining({ touser: buyer, data: expect.objectContaining({ thing3: { value: '3人团已拼成，等店主发货' } }) })]);
    }

    const failing = await offer(3);
    const failedId = await openGroup(failing, 'gb-tell-lonely');
    expire(failedId);
    await tickMinute();
    await tickMinute();
    expect(groupDoc(failedId)).toMatchObject({ state: 'failed', refundsDone: true });
    expect(messages('tmpl-group-failed', failedId)).toEqual([expect.objectContaining({ touser: 'gb-tell-lonely', data: expect.objectContaining({ amount3: { value: '¥17.00' } }) })]);
    expect(messages('tmpl-order-refunded', failedId)).toEqual([]);
    expect(messages('tmpl-group-succeeded', failedId)).toEqual([]);
  });

  it('gives a group its own share target: a member’s card and poster code open the group page, and its visits count for the group, the sharer and the chat', async () => {
    const share = (action: string, payload: unknown, openid?: string) => call('share', action, payload, openid);
    const productId = await offer(2);
    const groupId = await openGroup(productId, 'gb-share-starter');
    const target = { kind: 'group', groupId };
    const card = await share('createRef', { shopId: DEMO_SHOP_ID, target }, 'gb-share-starter');
    expect(card.data.path).toBe(`/packages/group/pintuan/index?groupId=${groupId}&ref=${card.data.code}`);
    const poster = await share('posterCode', { shopId: DEMO_SHOP_ID, target }, 'gb-share-starter');
    expect(poster.data).toMatchObject({ code: card.data.code, png: expect.stringMatching(/^data:image\/png;base64,/) });
    expect((await share('resolve', { code: poster.data.code })).data).toEqual({ shopId: DEMO_SHOP_ID, target, path: card.data.path });
    // The product's own code is another one: the group is a target of its own.
    expect((await share('createRef', { shopId: DEMO_SHOP_ID, target: { kind: 'product', productId } }, 'gb-share-starter')).data.code).not.toBe(card.data.code);

    // Nobody sees a group before its starter paid, nor one named under another shop.
    const forming = await place(productId, 'gb-share-unpaid');
    for (const [shopId, id] of [[DEMO_SHOP_ID, forming.data.order.id], [DEMO_SHOP_ID, 'no-such-group'], ['other-shop', groupId]]) {
      expect(await share('createRef', { shopId, target: { kind: 'group', groupId: id } }, 'gb-share-starter')).toMatchObject({ ok: false, error: { code: 'GROUP_NOT_FOUND' } });
      expect(await share('recordVisit', { shopId, target: { kind: 'group', groupId: id }, scene: 1001 })).toMatchObject({ ok: false, error: { code: 'GROUP_NOT_FOUND' } });
    }

    const ticket = await (await fetch(`${emu.url}/api/share-ticket`, { method: 'POST', body: JSON.stringify({ groupName: '小区拼团群' }) })).json();
    for (const visitor of ['gb-visit-1', 'gb-visit-2']) {
      const info = await (await fetch(`${emu.url}/api/share-info`, { method: 'POST', headers: { 'x-cactus-openid': visitor }, body: JSON.stringify({ shareTicket: ticket.shareTicket }) })).json();
      expect(await share('recordVisit', { shopId: DEMO_SHOP_ID, target, ref: card.data.code, scene: 1044, groupCloudId: info.cloudID }, visitor)).toEqual({ ok: true, data: {} });
    }
    const stats = await share('stats', { shopId: DEMO_SHOP_ID }, PEOPLE.owner);
    expect(stats.data.byGroupBuy).toEqual([{ key: groupId, label: expect.stringMatching(/的2人团$/), visits: 2 }]);
    expect(stats.data.bySharer).toContainEqual(expect.objectContaining({ key: 'gb-share-starter', visits: 2 }));
    expect(stats.data.byGroup).toContainEqual(expect.objectContaining({ key: ticket.openGId, visits: 2 }));
  });

  it('60 buyers join one 3-person group at once: exactly 2 more seats, the rest refused clearly, 3 paid members', async () => {
    const productId = await offer(3);
    const groupId = await openGroup(productId, 'gb-rush-starter');
    const buyers = Array.from({ length: 60 }, (_, i) => `gb-rush-${i}`);
    const replies = await Promise.all(buyers.map((buyer) => place(productId, buyer, groupId)));
    const seated = replies.filter((reply) => reply.ok);
    expect(seated).toHaveLength(2);
    for (const reply of replies.filter((r) => !r.ok)) expect(['GROUP_FULL', 'GROUP_ENDED']).toContain(reply.error.code);
    await Promise.all(seated.map((reply, i) => pay(reply.data.order.id, buyers[replies.indexOf(reply)] ?? String(i))));
    expect(groupDoc(groupId)).toMatchObject({ state: 'succeeded', paid: 3, held: 3 });
    expect(emu.db.find('orders', { 'group.groupId': groupId, state: 'paid' })).toHaveLength(3);
  });

  it('500 buyers on groups of 2: no group above 2, every success exactly 2 paid orders', async () => {
    const productId = await offer(2);
    const starters = await Promise.all(Array.from({ length: 50 }, (_, i) => openGroup(productId, `gb-s2-${i}`)));
    const buyers = Array.from({ length: 450 }, (_, i) => `gb-j2-${i}`);
    const replies = await Promise.all(buyers.map((buyer, i) => place(productId, buyer, starters[i % starters.length])));
    await Promise.all(replies.map((reply, i) => (reply.ok ? pay(reply.data.order.id, buyers[i]) : null)));
    for (const groupId of starters) {
      const group = groupDoc(groupId);
      expect(group.paid).toBeLessThanOrEqual(2);
      expect(group.state).toBe('succeeded');
      expect(emu.db.find('orders', { 'group.groupId': groupId, state: 'paid' })).toHaveLength(2);
    }
    expect(replies.filter((reply) => reply.ok)).toHaveLength(50);
  }, 240_000);

  it('a group that runs out of time refunds each paid member once, however often the timer runs; unpaid seats are called off', async () => {
    const productId = await offer(3, 10);
    const groupId = await openGroup(productId, 'gb-exp-starter');
    const joined = await place(productId, 'gb-exp-joiner', groupId);
    expect(stockOf(productId)).toBe(8);
    expire(groupId);
    await tickMinute();
    await tickMinute();
    expect(groupDoc(groupId)).toMatchObject({ state: 'failed', refundsDone: true });
    expect(orderDoc(groupId)).toMatchObject({ state: 'refunded', payment: { paidFen: 1700, refundedFen: 1700 }, group: { status: 'failed' } });
    expect(orderDoc(joined.data.order.id).state).toBe('cancelled');
    expect(emu.pay.refunds().filter((refund) => refund.outTradeNo === groupId)).toHaveLength(1);
    expect(stockOf(productId)).toBe(10);
    const view = await orders('getOrder', { orderId: groupId }, 'gb-exp-starter');
    expect(view.data.order.group).toMatchObject({ status: 'failed' });
  });

  it('a delayed, duplicated notice for a released seat is refunded once and never counted', async () => {
    const productId = await offer(2);
    const groupId = await openGroup(productId, 'gb-late-starter');
    const late = await place(productId, 'gb-late', groupId);
    const started = await orders('pay', { orderId: late.data.order.id }, 'gb-late');
    expect(started.ok).toBe(true);
    expire(groupId);
    await tickMinute();
    await emu.pay.pay(started.data.outTradeNo, { duplicates: 2, delayMs: 5 });
    expect(groupDoc(groupId)).toMatchObject({ state: 'failed', paid: 1 });
    expect(orderDoc(late.data.order.id)).toMatchObject({ payment: { paidFen: 1800, refundedFen: 1800 } });
    expect(emu.pay.refunds().filter((refund) => refund.outTradeNo === late.data.order.id)).toHaveLength(1);
  });

  it('a starter refunded before success frees the seat and leaves the group open and consistent', async () => {
    const productId = await offer(3);
    const groupId = await openGroup(productId, 'gb-leave-starter');
    const joined = await place(productId, 'gb-leave-joiner', groupId);
    await pay(joined.data.order.id, 'gb-leave-joiner');
    const refunded = await orders('refund', { orderId: groupId, amountFen: 1700, reason: '不要了' }, PEOPLE.owner);
    expect(refunded.ok).toBe(true);
    expect(groupDoc(groupId)).toMatchObject({ state: 'open', paid: 1, held: 1 });
    expect(Object.keys(groupDoc(groupId).seats)).toEqual([joined.data.order.id]);
    expect(orderDoc(groupId).group).toMatchObject({ seat: 'left' });
    // The freed seat takes someone else.
    const next = await place(productId, 'gb-leave-next', groupId);
    expect(next.ok).toBe(true);
  });
});
