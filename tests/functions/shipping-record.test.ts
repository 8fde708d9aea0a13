// WeChat's shipping record (发货信息管理) through the real orders function and the emulator: a
// WeChat Pay order that ships or is made ready for pickup is uploaded to
// wxa.sec.order.uploadShippingInfo once per change, with WeChat's fields; transfer orders never;
// a failed upload is sent again by the orders timer until accepted; a re-ship with a corrected
// number uploads again, once.
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, PEOPLE } from '../support/roles';
import { insertProduct } from '../support/products';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { OrderDoc } from '@core/model';
import { validateShippingInfo } from '../../emulator/openapi/shipping-info';

const BUYER = 'test-ship-buyer';
const MCH = '1900000109';
const address = { name: '王大妈', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
const contact = { name: '小李', phone: '13900139000' };
const RFC3339_BEIJING = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;

describe('orders: WeChat’s shipping record', () => {
  let emu: TestEmulator;
  let seq = 0;
  let clock = Date.now();

  const orders = (action: string, payload: unknown, openid?: string) => emu.reply('orders', { action, payload, requestId: `ship-rq-${++seq}` }, openid);
  const orderDoc = (id: string) => emu.db.find('orders', { _id: id })[0] as unknown as OrderDoc;
  const uploadsFor = (id: string) => {
    const transactionId = orderDoc(id).payment.transactionId;
    return emu.openApi.shippingUploads().filter((upload) => transactionId !== null && upload.transactionId === transactionId);
  };
  /** The platform's every-minute run of the orders timer, a minute later each time. */
  const tickMinute = () => emu.timers.tick((clock += 61_000));

  /** A paid WeChat Pay order of one fresh product, delivered as `fulfilment` says. */
  async function paidWechatOrder(fulfilment: unknown = { kind: 'express', address }) {
    const productId = insertProduct(emu, 10, { name: '五花腊肉' });
    const placed = await orders('place', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 2 }], fulfilment, payment: 'wechat' }, BUYER);
    expect(placed.ok).toBe(true);
    const started = await orders('pay', { orderId: placed.data.order.id }, BUYER);
    expect(started.ok).toBe(true);
    await emu.pay.pay(started.data.outTradeNo);
    expect(orderDoc(placed.data.order.id).state).toBe('paid');
    return placed.data.order.id as string;
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    // WeChat Pay on, and every way of delivery (the demo shop has pickup at the town shop).
    const { data } = await emu.reply('shop', { action: 'getSettings', payload: { shopId: DEMO_SHOP_ID } }, PEOPLE.owner);
    const settings = {
      ...data.settings,
      payment: { ...data.settings.payment, wechatPay: { enabled: true, subMchId: MCH } },
      fulfilment: { ...data.settings.fulfilment, local: { enabled: true, areaNote: '县城内', feeFen: 0 } },
    };
    const saved = await emu.reply('shop', { action: 'updateSettings', payload: { shopId: DEMO_SHOP_ID, settings } }, PEOPLE.owner);
    expect(saved.ok).toBe(true);
  });
  afterAll(() => emu.close());
  afterEach(() => emu.openApi.failShippingUploads(0));

  it('uploads a shipped express order once, by its transaction id, with WeChat’s carrier code, the goods and the payer', async () => {
    const id = await paidWechatOrder();
    expect(uploadsFor(id)).toEqual([]);
    const shipped = await orders('ship', { orderId: id, tracking: { carrier: '中通', number: 'ZT7788990011' } }, PEOPLE.owner);
    expect(shipped.data.order.state).toBe('shipped');
    const order = orderDoc(id);
    const uploads = uploadsFor(id);
    expect(uploads).toEqual([
      expect.objectContaining({
        orderKey: { order_number_type: 2, transaction_id: order.payment.transactionId },
        logisticsType: 1,
        deliveryMode: 1,
        shippingList: [{ trackingNo: 'ZT7788990011', expressCompany: 'ZTO', itemDesc: '五花腊肉×2' }],
        uploadTime: expect.stringMatching(RFC3339_BEIJING),
        payerOpenId: BUYER,
        reship: false,
      }),
    ]);
    expect(order.shippingRecord).toMatchObject({ seq: 1, status: 'accepted', attempts: 1, expressCompany: 'ZTO' });
    // A double tap, the buyer confirming receipt and a timer run owe WeChat nothing more.
    await orders('ship', { orderId: id, tracking: { carrier: '中通', number: 'ZT7788990011' } }, PEOPLE.owner);
    expect((await orders('complete', { orderId: id }, BUYER)).data.order.state).toBe('completed');
    await tickMinute();
    expect(uploadsFor(id)).toHaveLength(1);
  });

  it('gives 顺丰 the masked receiver phone WeChat asks for', async () => {
    const id = await paidWechatOrder();
    await orders('ship', { orderId: id, tracking: { carrier: '顺丰速运', number: 'SF1400000000001' } }, PEOPLE.owner);
    expect(uploadsFor(id).map((upload) => upload.shippingList)).toEqual([[{ trackingNo: 'SF1400000000001', expressCompany: 'SF', itemDesc: '五花腊肉×2', contact: { receiverContact: '138****8000' } }]]);
  });

  it('reports local delivery as type 2 and a pickup order made ready as type 4, with no tracking number', async () => {
    const local = await paidWechatOrder({ kind: 'local', address });
    await orders('ship', { orderId: local }, PEOPLE.owner);
    const pickup = await paidWechatOrder({ kind: 'pickup', pointId: 'town', contact });
    await orders('markReady', { orderId: pickup }, PEOPLE.owner);
    expect(uploadsFor(local)).toEqual([expect.objectContaining({ logisticsType: 2, shippingList: [{ itemDesc: '五花腊肉×2' }] })]);
    expect(uploadsFor(pickup)).toEqual([expect.objectContaining({ logisticsType: 4, shippingList: [{ itemDesc: '五花腊肉×2' }] })]);
    // Handing the goods over later is the same change: nothing more goes to WeChat.
    await orders('complete', { orderId: pickup }, BUYER);
    expect(uploadsFor(pickup)).toHaveLength(1);
  });

  it('uploads nothing for an order paid by transfer', async () => {
    const before = emu.openApi.shippingUploads().length;
    const productId = insertProduct(emu, 10);
    const placed = await orders('place', { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'offline' }, BUYER);
    const id = placed.data.order.id;
    expect((await orders('markTransferred', { orderId: id, note: '已转' }, BUYER)).ok).toBe(true);
    expect((await orders('confirmTransfer', { orderId: id }, PEOPLE.owner)).ok).toBe(true);
    expect((await orders('ship', { orderId: id, tracking: { carrier: '韵达', number: 'YD3100000001' } }, PEOPLE.owner)).data.order.state).toBe('shipped');
    await tickMinute();
    expect(emu.openApi.shippingUploads()).toHaveLength(before);
    expect(orderDoc(id).shippingRecord ?? null).toBeNull();
  });

  it('keeps a failed upload pending without failing the shipment, and the timer sends it until WeChat accepts it, once', async () => {
    const id = await paidWechatOrder();
    emu.openApi.failShippingUploads(2);
    const shipped = await orders('ship', { orderId: id, tracking: { carrier: '圆通', number: 'YT5500000001' } }, PEOPLE.owner);
    expect(shipped.ok).toBe(true);
    expect(shipped.data.order.state).toBe('shipped');
    expect(uploadsFor(id)).toEqual([]);
    expect(orderDoc(id).shippingRecord).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('-1') });

    await tickMinute(); // fails again (the second of two failures)
    expect(uploadsFor(id)).toEqual([]);
    expect(orderDoc(id).shippingRecord).toMatchObject({ status: 'pending', attempts: 2 });

    await tickMinute(); // accepted
    expect(uploadsFor(id)).toEqual([expect.objectContaining({ logisticsType: 1, shippingList: [expect.objectContaining({ trackingNo: 'YT5500000001', expressCompany: 'YTO' })] })]);
    expect(orderDoc(id).shippingRecord).toMatchObject({ status: 'accepted', attempts: 3, lastError: null });
    const uploadTime = uploadsFor(id)[0].uploadTime;

    await tickMinute();
    await tickMinute();
    expect(uploadsFor(id)).toHaveLength(1);
    // The upload time is the shipment's, not the retry's.
    expect(Date.parse(uploadTime)).toBe(orderDoc(id).shippingRecord!.uploadTime);
  });

  it('uploads a re-ship with a corrected tracking number again, once, as WeChat’s one re-ship', async () => {
    const id = await paidWechatOrder();
    await orders('ship', { orderId: id, tracking: { carrier: '申通', number: 'ST0000000001' } }, PEOPLE.owner);
    const reshipped = await orders('ship', { orderId: id, tracking: { carrier: '极兔', number: 'JT0000000002' } }, PEOPLE.owner);
    expect(reshipped.data.order.state).toBe('shipped');
    expect(orderDoc(id).fulfilment).toMatchObject({ tracking: { carrier: '极兔', number: 'JT0000000002' } });
    await tickMinute();
    const uploads = uploadsFor(id);
    expect(uploads.map((upload) => [upload.reship, upload.shippingList[0].trackingNo, upload.shippingList[0].expressCompany])).toEqual([
      [false, 'ST0000000001', 'STO'],
      [true, 'JT0000000002', 'JTSD'],
    ]);
    expect(Date.parse(uploads[1].uploadTime)).toBeGreaterThan(Date.parse(uploads[0].uploadTime));
    expect(orderDoc(id).shippingRecord).toMatchObject({ seq: 2, status: 'accepted' });
  });

  it('keeps a third tracking number WeChat refuses (its one re-ship is used) blocked instead of retrying it', async () => {
    const id = await paidWechatOrder();
    for (const number of ['YD0000000001', 'YD0000000002', 'YD0000000003']) {
      expect((await orders('ship', { orderId: id, tracking: { carrier: '韵达', number } }, PEOPLE.owner)).data.order.state).toBe('shipped');
    }
    expect(uploadsFor(id).map((upload) => upload.shippingList[0].trackingNo)).toEqual(['YD0000000001', 'YD0000000002']);
    expect(orderDoc(id).shippingRecord).toMatchObject({ seq: 3, status: 'blocked', trackingNo: 'YD0000000003', lastError: expect.stringContaining('10060003') });
    await tickMinute();
    expect(orderDoc(id).shippingRecord).toMatchObject({ status: 'blocked', attempts: 1 });
  });

  it('refuses a payer who is not the payment’s, and a third upload of one payment, as WeChat does', async () => {
    const id = await paidWechatOrder();
    await orders('ship', { orderId: id, tracking: { carrier: '京东', number: 'JD0000000001' } }, PEOPLE.owner);
    await orders('ship', { orderId: id, tracking: { carrier: '京东', number: 'JD0000000002' } }, PEOPLE.owner);
    expect(uploadsFor(id).map((upload) => upload.shippingList[0].expressCompany)).toEqual(['JD', 'JD']);
    const payments = { byTransactionId: (transactionId: string) => emu.pay.payment({ transactionId }), byOutTradeNo: (mchId: string, outTradeNo: string) => emu.pay.payment({ mchId, outTradeNo }) };
    const body = {
      order_key: { order_number_type: 1, mchid: MCH, out_trade_no: id },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'JD0000000003', express_company: 'JD', item_desc: '五花腊肉×2' }],
      upload_time: '2099-01-01T10:00:00.000+08:00',
      payer: { openid: BUYER },
    };
    expect(() => validateShippingInfo({ ...body, payer: { openid: 'someone-else' } }, payments, emu.openApi.shippingUploads())).toThrow(expect.objectContaining({ errcode: 10060001 }));
    expect(() => validateShippingInfo(body, payments, emu.openApi.shippingUploads())).toThrow(expect.objectContaining({ errcode: 10060003 }));
  });
});

describe('the emulated uploadShippingInfo, called through the unmodified SDK', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ functionsDir: join(__dirname, 'fixtures'), seed: false });
  });
  afterAll(() => emu.close());

  const body = {
    order_key: { order_number_type: 2, transaction_id: '4200000000202601010000000001' },
    logistics_type: 1,
    delivery_mode: 1,
    shipping_list: [{ tracking_no: 'ZT1', express_company: 'ZTO', item_desc: '腊肉×1' }],
    upload_time: '2026-01-01T10:00:00.000+08:00',
    payer: { openid: 'o-buyer' },
  };
  const upload = (payload: Record<string, unknown>) => emu.reply('shipper', { body: payload });

  it('answers an unknown payment 10060001 支付单不存在', async () => {
    expect(await upload(body)).toEqual({ errCode: 10060001, errMsg: expect.stringContaining('支付单不存在') });
  });

  it('answers missing or malformed fields with 47001, naming the field, and records nothing', async () => {
    const { payer: _payer, ...noPayer } = body;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...body, order_key: undefined }, 'order_key'],
      [{ ...body, order_key: { order_number_type: 2 } }, 'transaction_id'],
      [{ ...body, order_key: { order_number_type: 1, out_trade_no: 'x' } }, 'mchid'],
      [{ ...body, logistics_type: 5 }, 'logistics_type'],
      [{ ...body, delivery_mode: 3 }, 'delivery_mode'],
      [{ ...body, shipping_list: [] }, 'shipping_list'],
      [{ ...body, shipping_list: [{ express_company: 'ZTO', item_desc: '腊肉' }] }, 'tracking_no'],
      [{ ...body, shipping_list: [{ tracking_no: 'ZT1', item_desc: '腊肉' }] }, 'express_company'],
      [{ ...body, shipping_list: [{ tracking_no: 'SF1', express_company: 'SF', item_desc: '腊肉' }] }, 'contact'],
      [{ ...body, shipping_list: [{ tracking_no: 'ZT1', express_company: 'ZTO', item_desc: '肉'.repeat(121) }] }, 'item_desc'],
      [{ ...body, upload_time: '2026-01-01 10:00:00' }, 'upload_time'],
      [noPayer, 'payer'],
    ];
    for (const [payload, field] of cases) {
      expect(await upload(payload)).toEqual({ errCode: 47001, errMsg: expect.stringContaining(field) });
    }
    expect(emu.openApi.shippingUploads()).toEqual([]);
  });

  it('fails as often as a test asks, as WeChat does when busy, and can be read over HTTP', async () => {
    emu.openApi.failShippingUploads(1);
    expect(await upload(body)).toEqual({ errCode: -1, errMsg: expect.stringContaining('system error') });
    expect(await upload(body)).toEqual({ errCode: 10060001, errMsg: expect.any(String) });
    expect(await (await fetch(`${emu.url}/api/shipping`)).json()).toEqual([]);
  });
});
