// Orders in a group-buy campaign through the real functions and the emulator: buyers join at the
// tier in force, get dense 跟团号 when their money counts, and after 截团 every counted order is
// settled once at the final tier, however often 截团 is tapped and the timer fires; money arriving
// after 截团 for an order that never counted goes back in full.
import { startTestEmulator, switchOnWechatPay, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { CampaignDoc } from '@core/campaigns';
import type { OrderDoc, ProductDoc } from '@core/model';
import { lineTotalFen, sumFen } from '@core/money';

const MCH = '1900000109';
const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
const TIERS = [
  { minQty: 50, priceLi: 25_000 },
  { minQty: 100, priceLi: 22_500 },
];

describe('orders in a campaign', () => {
  let emu: TestEmulator;
  let seq = 0;
  let clock = Date.now();

  const call = (fn: string, action: string, payload: unknown, openid?: string, requestId = `rq-${++seq}`) => emu.reply(fn, { action, payload, requestId }, openid);
  const orders = (action: string, payload: unknown, openid?: string) => call('orders', action, payload, openid);
  const orderDoc = (id: string) => emu.db.find('orders', { _id: id })[0] as unknown as OrderDoc;
  const campaignDoc = (id: string) => emu.db.find('campaigns', { _id: id })[0] as unknown as CampaignDoc;
  const campaignOrders = (id: string) => emu.db.find('orders', { 'campaign.campaignId': id }) as unknown as OrderDoc[];
  const stockOf = (productId: string) => (emu.db.find('products', { _id: productId })[0] as unknown as ProductDoc).skus[0].stock;
  const tickMinute = () => emu.timers.tick((clock = Math.max(clock, Date.now()) + 61_000));

  /** An open campaign selling SKU `a` of a fresh product at ¥30.00, ¥25.00 from 50 and ¥22.50 from 100. */
  function openCampaign(fields: Partial<CampaignDoc> = {}, stock = 100_000): { campaignId: string; productId: string } {
    const productId = insertProduct(emu, stock);
    const now = Date.now();
    const campaignId = `test-campaign-${++seq}`;
    const campaign: CampaignDoc = {
      _id: campaignId,
      shopId: DEMO_SHOP_ID,
      title: '今晚截单：酉阳腊肉',
      text: '',
      images: [],
      startAt: now - 3600_000,
      endAt: now + 3600_000,
      items: [{ id: 'i1', productId, skuIds: ['a'], priceLi: 30_000, tiers: TIERS, limitPerBuyer: null, stockCap: null }],
      fulfilment: { express: true, local: false, pickupPointIds: [] },
      status: 'published',
      publishedAt: now - 3600_000,
      endedEarly: null,
      lastSeq: 0,
      entries: 0,
      counted: {},
      taken: {},
      settlement: null,
      copiedFrom: null,
      createdBy: PEOPLE.owner,
      createdAt: now,
      updatedAt: now,
      ...fields,
    };
    emu.db.insert('campaigns', { ...campaign });
    return { campaignId, productId };
  }

  const placeIn = (campaignId: string, productId: string, buyer: string, quantity = 1, payment: 'wechat' | 'offline' = 'wechat', extra: Record<string, unknown> = {}) =>
    orders('place', { shopId: DEMO_SHOP_ID, campaignId, lines: [{ productId, skuId: 'a', quantity }], fulfilment: { kind: 'express', address }, payment, ...extra }, buyer);

  /** Places and pays through WeChat Pay's sandbox; the order as placed. */
  async function joinAndPay(campaignId: string, productId: string, buyer: string, quantity = 1) {
    const placed = await placeIn(campaignId, productId, buyer, quantity);
    expect(placed.ok).toBe(true);
    const started = await orders('pay', { orderId: placed.data.order.id }, buyer);
    expect(started.ok).toBe(true);
    await emu.pay.pay(started.data.outTradeNo);
    return placed.data.order;
  }

  const endNow = (campaignId: string) => call('campaigns', 'endNow', { campaignId }, PEOPLE.owner);

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu, Date.now());
    await switchOnWechatPay(emu, { shopId: DEMO_SHOP_ID, owner: PEOPLE.owner, subMchId: MCH, qrImage: '/media/seed/shop.svg' });
  });
  afterAll(() => emu.close());

  it('prices a join at the tier in force, keeps the product’s own bulk tiers out, and shows the buyer’s chosen name', async () => {
    const { campaignId, productId } = openCampaign({ counted: { i1: 60 } });
    const quote = await orders('quote', { shopId: DEMO_SHOP_ID, campaignId, lines: [{ productId, skuId: 'a', quantity: 2 }], fulfilment: { kind: 'express', province: null } }, 'cq-buyer');
    expect(quote.ok).toBe(true);
    expect(quote.data.quote.lines[0]).toMatchObject({ unitPriceLi: 25_000, totalFen: 5000, priceSource: { kind: 'campaign', campaignId, itemId: 'i1', minQty: 50 } });
    const placed = await placeIn(campaignId, productId, 'cq-buyer', 2, 'wechat', { display: { name: '王阿姨🌸', avatar: '' } });
    expect(placed.ok).toBe(true);
    expect(placed.data.order.campaign).toEqual({ campaignId, seq: null, difference: null });
    expect(orderDoc(placed.data.order.id).campaign).toMatchObject({ displayName: '王阿姨🌸', seq: null });
    expect(campaignDoc(campaignId).taken).toEqual({ i1: 2 });
  });

  it('refuses an item outside the campaign, above the per-buyer limit, beyond the cap, or after 截团, changing nothing', async () => {
    const { campaignId, productId } = openCampaign({ items: [] });
    const other = insertProduct(emu, 10);
    const before = campaignDoc(campaignId);
    const outside = await orders('place', { shopId: DEMO_SHOP_ID, campaignId, lines: [{ productId: other, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'wechat' }, 'cr-buyer');
    expect(outside.error.code).toBe('CAMPAIGN_ITEM_NOT_FOUND');
    expect(campaignDoc(campaignId)).toEqual(before);
    expect(stockOf(other)).toBe(10);

    const capped = openCampaign({ items: [{ id: 'i1', productId, skuIds: ['a'], priceLi: 30_000, tiers: [], limitPerBuyer: 3, stockCap: 4 }] });
    expect((await placeIn(capped.campaignId, productId, 'cr-buyer', 3)).ok).toBe(true);
    expect((await placeIn(capped.campaignId, productId, 'cr-buyer', 1)).error.code).toBe('CAMPAIGN_LIMIT_EXCEEDED');
    expect((await placeIn(capped.campaignId, productId, 'cr-other', 2)).error.code).toBe('CAMPAIGN_SOLD_OUT');
    expect(campaignDoc(capped.campaignId).taken).toEqual({ i1: 3 });

    const ended = openCampaign({ endAt: Date.now() - 1000 });
    const late = await placeIn(ended.campaignId, ended.productId, 'cr-buyer');
    expect(late.error.code).toBe('CAMPAIGN_ENDED');
    expect(stockOf(ended.productId)).toBe(100_000);
  });

  it('gives the cap back when an unpaid order is cancelled, and takes a number away from nobody', async () => {
    const { campaignId, productId } = openCampaign();
    const placed = await placeIn(campaignId, productId, 'cc-buyer', 5);
    expect(campaignDoc(campaignId).taken).toEqual({ i1: 5 });
    expect((await orders('cancel', { orderId: placed.data.order.id }, 'cc-buyer')).ok).toBe(true);
    expect(campaignDoc(campaignId)).toMatchObject({ taken: { i1: 0 }, lastSeq: 0, entries: 0 });
    expect(stockOf(productId)).toBe(100_000);
  });

  it('numbers 300 concurrent buyers 1..300 with no gap or twin, settles each once at the final tier however often 截团 is tapped and the timer fires', async () => {
    const { campaignId, productId } = openCampaign();
    const buyers = Array.from({ length: 300 }, (_, index) => `rush-buyer-${index}`);
    // One in three buys 2, the rest 1: 400 in all, past both tiers.
    const placed = await Promise.all(buyers.map((buyer, index) => joinAndPay(campaignId, productId, buyer, index % 3 === 0 ? 2 : 1)));
    const totalQty = sumFen(placed.map((order) => order.lines[0].quantity));
    expect(totalQty).toBe(400);

    const rows = campaignOrders(campaignId);
    const seqs = rows.map((order) => order.campaign?.seq).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(seqs).toEqual(Array.from({ length: 300 }, (_, index) => index + 1));
    expect(campaignDoc(campaignId)).toMatchObject({ lastSeq: 300, entries: 300, counted: { i1: 400 }, taken: { i1: 400 } });

    // 截团 tapped twice at once, while the timer fires.
    const [first, second] = await Promise.all([endNow(campaignId), endNow(campaignId), tickMinute()]);
    expect(first.ok && second.ok).toBe(true);
    await tickMinute();
    await tickMinute();

    const campaign = campaignDoc(campaignId);
    expect(campaign.settlement).toMatchObject({ status: 'settled', items: [{ itemId: 'i1', countedQty: 400, priceLi: 22_500, minQty: 100 }] });
    const settled = campaignOrders(campaignId);
    let expected = 0;
    for (const order of settled) {
      const repriced = lineTotalFen(22_500, order.lines[0].quantity);
      expected += order.lines[0].totalFen - repriced;
      expect(order.campaign?.difference).toMatchObject({ repricedGoodsFen: repriced, differenceFen: order.lines[0].totalFen - repriced, status: 'done' });
      // One difference refund per order, never more than paid.
      expect(order.refunds).toHaveLength(1);
      expect(order.payment.refundedFen).toBe(order.lines[0].totalFen - repriced);
      expect(order.state).toBe('paid');
    }
    const refunds = emu.pay.refunds().filter((refund) => settled.some((order) => order._id === refund.outTradeNo));
    expect(new Set(refunds.map((refund) => refund.outRefundNo)).size).toBe(300);
    expect(sumFen([...new Map(refunds.map((refund) => [refund.outRefundNo, refund.refundFee])).values()])).toBe(expected);
    // The price the buyer joined at depended on when: nobody paid below the final tier, and the sum holds to the fen.
    expect(expected).toBe(sumFen(settled.map((order) => order.lines[0].totalFen)) - sumFen(settled.map((order) => lineTotalFen(22_500, order.lines[0].quantity))));
  }, 180_000);

  it('refunds in full, automatically, money that arrives after 截团 for an order that never counted', async () => {
    const { campaignId, productId } = openCampaign();
    const counted = await joinAndPay(campaignId, productId, 'late-early', 1);
    const placed = await placeIn(campaignId, productId, 'late-buyer', 2);
    const started = await orders('pay', { orderId: placed.data.order.id }, 'late-buyer');
    expect(started.ok).toBe(true);
    expect((await endNow(campaignId)).ok).toBe(true);
    await emu.pay.pay(started.data.outTradeNo);

    const order = orderDoc(placed.data.order.id);
    const paid = placed.data.order.totalFen;
    expect(order).toMatchObject({ state: 'refunded', payment: { paidFen: paid, refundedFen: paid }, pendingRefund: null });
    expect(order.campaign?.seq).toBeNull();
    expect(order.refunds).toEqual([expect.objectContaining({ amountFen: paid, status: 'done' })]);
    expect(campaignDoc(campaignId)).toMatchObject({ lastSeq: 1, entries: 1, taken: { i1: 1 } });
    expect(stockOf(productId)).toBe(100_000 - 1);
    expect(orderDoc(counted.id).campaign?.seq).toBe(1);

    // Joining after 截团 is refused.
    expect((await placeIn(campaignId, productId, 'late-other')).error.code).toBe('CAMPAIGN_ENDED');
  });

  it('leaves a transfer order’s difference as 待退差价 until the vendor marks it, once', async () => {
    const productId = insertProduct(emu, 100);
    const { campaignId } = openCampaign({ items: [{ id: 'i1', productId, skuIds: ['a'], priceLi: 30_000, tiers: [{ minQty: 2, priceLi: 25_000 }], limitPerBuyer: null, stockCap: null }] });
    const placed = await placeIn(campaignId, productId, 'tr-buyer', 1, 'offline');
    const orderId = placed.data.order.id;
    expect((await orders('markTransferred', { orderId, note: '已转' }, 'tr-buyer')).ok).toBe(true);
    expect(orderDoc(orderId).campaign?.seq).toBe(1);
    expect((await orders('confirmTransfer', { orderId }, PEOPLE.owner)).ok).toBe(true);
    // Another buyer takes the group to 2: ¥25.00.
    await joinAndPay(campaignId, productId, 'tr-other', 1);
    expect((await endNow(campaignId)).ok).toBe(true);
    expect(orderDoc(orderId).campaign?.difference).toMatchObject({ differenceFen: 500, settledFen: 500, refundedFen: 0, status: 'due' });

    const marks = await Promise.all([1, 2].map(() => call('campaigns', 'markDifferenceRefunded', { orderId, note: '微信转回' }, PEOPLE.owner)));
    expect(marks.every((mark) => mark.ok)).toBe(true);
    expect(orderDoc(orderId).campaign?.difference).toMatchObject({ refundedFen: 500, status: 'done' });
    const view = await orders('getOrder', { orderId }, 'tr-buyer');
    expect(view.data.order.campaign).toEqual({ campaignId, seq: 1, difference: { differenceFen: 500, refundedFen: 500, status: 'done' } });
  });

  it('counts a marked 待退差价 as money back on the order’s timeline, so later refunds return only what is left of the payment', async () => {
    const productId = insertProduct(emu, 100);
    const { campaignId } = openCampaign({ items: [{ id: 'i1', productId, skuIds: ['a'], priceLi: 30_000, tiers: [{ minQty: 2, priceLi: 25_000 }], limitPerBuyer: null, stockCap: null }] });
    const transferred = async (buyer: string) => {
      const placed = await placeIn(campaignId, productId, buyer, 1, 'offline');
      const orderId = placed.data.order.id as string;
      expect((await orders('confirmTransfer', { orderId }, PEOPLE.owner)).ok).toBe(true);
      return { orderId, paid: placed.data.order.totalFen as number };
    };
    const marked = await transferred('md-buyer');
    const refundedFirst = await transferred('md-other');
    expect((await endNow(campaignId)).ok).toBe(true);
    expect(orderDoc(marked.orderId).campaign?.difference).toMatchObject({ settledFen: 500, status: 'due' });

    // Marked (twice at once): ¥5.00 of the payment is back, once, and the buyer's timeline says so.
    await Promise.all([1, 2].map(() => call('campaigns', 'markDifferenceRefunded', { orderId: marked.orderId, note: '微信转回' }, PEOPLE.owner)));
    expect(orderDoc(marked.orderId)).toMatchObject({ state: 'paid', payment: { paidFen: marked.paid, refundedFen: 500 } });
    const view = await orders('getOrder', { orderId: marked.orderId }, 'md-buyer');
    expect(view.data.order.history.filter((entry: { event: string }) => entry.event === 'difference_refunded')).toEqual([expect.objectContaining({ actor: 'vendor', amountFen: 500, reason: '微信转回' })]);
    // A refund of everything paid would now give back more than was paid.
    expect((await orders('refund', { orderId: marked.orderId, amountFen: marked.paid, reason: '不要了' }, PEOPLE.owner)).error.code).toBe('REFUND_TOO_LARGE');
    expect((await orders('refund', { orderId: marked.orderId, amountFen: marked.paid - 500, reason: '不要了' }, PEOPLE.owner)).ok).toBe(true);
    expect(orderDoc(marked.orderId)).toMatchObject({ state: 'refunded', payment: { refundedFen: marked.paid } });

    // Everything went back first: the difference can no longer be marked on top of it.
    expect((await orders('refund', { orderId: refundedFirst.orderId, amountFen: refundedFirst.paid, reason: '不要了' }, PEOPLE.owner)).ok).toBe(true);
    const late = await call('campaigns', 'markDifferenceRefunded', { orderId: refundedFirst.orderId, note: '' }, PEOPLE.owner);
    expect(late.error.code).toBe('CAMPAIGN_DIFFERENCE_NOT_DUE');
    expect(orderDoc(refundedFirst.orderId).payment).toMatchObject({ paidFen: refundedFirst.paid, refundedFen: refundedFirst.paid });
  });

  it('lets one buyer’s simultaneous orders take no more than the per-buyer limit together, and gives the limit back with the cap', async () => {
    const productId = insertProduct(emu, 100);
    const { campaignId } = openCampaign({ items: [{ id: 'i1', productId, skuIds: ['a'], priceLi: 30_000, tiers: [], limitPerBuyer: 3, stockCap: null }] });
    const results = await Promise.all(Array.from({ length: 5 }, () => placeIn(campaignId, productId, 'lr-buyer', 1)));
    expect(results.filter((result) => result.ok)).toHaveLength(3);
    expect(results.filter((result) => !result.ok).map((result) => result.error.code)).toEqual(['CAMPAIGN_LIMIT_EXCEEDED', 'CAMPAIGN_LIMIT_EXCEEDED']);
    expect(campaignDoc(campaignId).taken).toEqual({ i1: 3 });
    expect(stockOf(productId)).toBe(97);

    // Another buyer has a limit of their own; a cancelled order frees its quantity for its buyer.
    expect((await placeIn(campaignId, productId, 'lr-other', 3)).ok).toBe(true);
    const first = results.find((result) => result.ok);
    expect((await orders('cancel', { orderId: first.data.order.id }, 'lr-buyer')).ok).toBe(true);
    expect((await placeIn(campaignId, productId, 'lr-buyer', 2)).error.code).toBe('CAMPAIGN_LIMIT_EXCEEDED');
    expect((await placeIn(campaignId, productId, 'lr-buyer', 1)).ok).toBe(true);
    expect(campaignDoc(campaignId).taken).toEqual({ i1: 6 });
  });

  it('numbers on the next timer run a counted order left without a 跟团号, taking the number its counter bump took or else the next one', async () => {
    const { campaignId, productId } = openCampaign();
    const paid = await joinAndPay(campaignId, productId, 'rp-buyer', 2);
    const stored = orderDoc(paid.id);
    expect(stored.campaign?.seq).toBe(1);
    // A run that died after counting the order but before numbering it: the campaign never heard of it.
    const unbumped = { ...stored, _id: `rp-unbumped-${seq}`, requestId: `rp-${++seq}`, buyerOpenId: 'rp-second', campaign: { ...stored.campaign, seq: null, countedAt: null } };
    emu.db.insert('orders', unbumped);

    // A run that died after the counter bump, before the order got its number: the campaign holds it.
    const bumpedId = `rp-bumped-${++seq}`;
    const other = openCampaign({ lastSeq: 1, entries: 1, counted: { i1: 2 }, taken: { i1: 2 }, seqOrders: [bumpedId] } as Partial<CampaignDoc>);
    const bumped = { ...stored, _id: bumpedId, requestId: `rp-${++seq}`, lines: [{ ...stored.lines[0], productId: other.productId }], campaign: { ...stored.campaign, campaignId: other.campaignId, seq: null, countedAt: null } };
    emu.db.insert('orders', bumped);

    await tickMinute();
    expect(orderDoc(unbumped._id).campaign).toMatchObject({ seq: 2, countedAt: expect.any(Number) });
    expect(campaignDoc(campaignId)).toMatchObject({ lastSeq: 2, entries: 2, counted: { i1: 4 } });
    expect(orderDoc(bumpedId).campaign).toMatchObject({ seq: 1, countedAt: expect.any(Number) });
    expect(campaignDoc(other.campaignId)).toMatchObject({ lastSeq: 1, entries: 1, counted: { i1: 2 } });
    // Numbered once: the next run changes nothing.
    await tickMinute();
    expect(campaignDoc(campaignId)).toMatchObject({ lastSeq: 2, entries: 2 });
  });
});
