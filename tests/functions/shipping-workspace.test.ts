// The shipping workspace through the real shipping function and the emulator: the to-ship list
// with counts, the 备货单, the 发货单 export read back with exceljs, and batch shipping by importing
// the filled sheet (every bad row reported by its number, the good ones shipped once, WeChat's
// shipping record uploaded for WeChat Pay orders, hostile files refused with nothing applied).
import ExcelJS from 'exceljs';
import type { OrderFulfilment, OrderState, PricedOrderLine } from '@core/contracts';
import type { OrderDoc } from '@core/model';
import { createOrder } from '@core/orders';
import { SHEET_COLUMNS } from '@core/shipping-workspace';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { startTestEmulator, switchOnWechatPay, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { insertCampaign, POINT } from '../support/campaigns';
import { insertProduct } from '../support/products';

const address = { name: '王阿姨', phone: '13800138000', province: '重庆市', city: '重庆市', district: '酉阳县', detail: '桃花源街道 1 号' };
const contact = { name: '小李', phone: '13900139000' };
const MCH = '1900000109';

let seq = 0;

function line(name: string, spec: string, quantity: number, unitPriceLi: number, productId = `p-${name}`, skuId = spec || 'a'): PricedOrderLine {
  // Half-up to the fen once per line, as src/core/money does.
  return { productId, skuId, name, spec, unit: '斤', image: '', quantity, unitPriceLi, priceSource: { kind: 'base' }, totalFen: Math.floor((unitPriceLi * quantity + 5) / 10) };
}

interface Fixture {
  shopId?: string;
  kind?: 'express' | 'local' | 'pickup';
  state?: OrderState;
  lines?: PricedOrderLine[];
  campaignId?: string;
  liveShowId?: string;
  tracking?: { carrier: string; number: string } | null;
  buyerNote?: string;
  at?: number;
}

/** An order put straight into the database as the orders function would have left it (paid by transfer unless `state` says otherwise). */
function insertOrder(emu: TestEmulator, fixture: Fixture = {}): OrderDoc {
  seq += 1;
  const at = fixture.at ?? Date.now() - 3600_000 + seq;
  const lines = fixture.lines ?? [line('腊肉', '五花', 2, 50_000)];
  const goodsFen = lines.reduce((sum, l) => sum + l.totalFen, 0);
  const kind = fixture.kind ?? 'express';
  const fulfilment: OrderFulfilment =
    kind === 'pickup' ? { kind, point: { ...POINT, contactLine: '', enabled: true }, contact } : kind === 'local' ? { kind, address } : { kind, address, tracking: fixture.tracking ?? null };
  const order = createOrder({
    id: `ship-o-${process.pid}-${seq}`,
    orderNo: `2612029${String(seq).padStart(5, '0')}`,
    shopId: fixture.shopId ?? DEMO_SHOP_ID,
    buyerOpenId: `buyer-${seq}`,
    requestId: `ship-${seq}`,
    quote: { lines, goodsFen, feeFen: 0, totalFen: goodsFen },
    fulfilment,
    mode: 'offline',
    buyerNote: fixture.buyerNote ?? '',
    source: { ref: null, scene: null },
    at,
    payWithinMs: 30 * 60_000,
  });
  const state = fixture.state ?? 'paid';
  const paid = state !== 'to_pay' && state !== 'cancelled';
  const doc: OrderDoc = {
    ...order,
    state,
    expiresAt: paid ? null : order.expiresAt,
    payment: { ...order.payment, paidFen: paid ? goodsFen : 0, paidAt: paid ? at : null },
    campaign: fixture.campaignId ? { campaignId: fixture.campaignId, seq, countedAt: at, displayName: `团员${seq}`, avatar: '', difference: null } : null,
    live: fixture.liveShowId ? { showId: fixture.liveShowId, taken: {}, limited: {}, scene: 1176 } : null,
  };
  emu.db.insert('orders', { ...doc });
  return doc;
}

/** A workbook with the 发货单's header and these rows (order number, carrier, tracking number; a cell may be a formula). */
async function filledSheet(rows: { orderNo: string | ExcelJS.CellValue; carrier: string; number: string | ExcelJS.CellValue }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('发货单');
  sheet.addRow([...SHEET_COLUMNS]);
  for (const row of rows) {
    const cells: ExcelJS.CellValue[] = SHEET_COLUMNS.map(() => '');
    cells[1] = row.orderNo as ExcelJS.CellValue;
    cells[13] = row.carrier;
    cells[14] = row.number as ExcelJS.CellValue;
    sheet.addRow(cells);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('shipping: the vendor’s workspace', () => {
  let emu: TestEmulator;
  let files = 0;
  const shipping = (action: string, payload: unknown, openid: string = PEOPLE.owner) => emu.reply('shipping', { action, payload }, openid);
  const orderDoc = (id: string) => emu.db.find('orders', { _id: id })[0] as unknown as OrderDoc;
  /** A file as `openid` uploads it: into their own upload folder, the only one the import reads. */
  const upload = (bytes: Buffer, openid: string = PEOPLE.owner) => emu.storage.put(`uploads/${openid}/test-${process.pid}-${++files}.xlsx`, bytes);

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
  });
  afterAll(() => emu.close());

  it('lists only paid orders still to hand over, filtered by campaign, kind, pickup point and date, with counts; others see nothing', async () => {
    const campaignId = insertCampaign(emu, 'ended');
    const express = insertOrder(emu, { campaignId });
    const pickup = insertOrder(emu, { campaignId, kind: 'pickup' });
    insertOrder(emu, { campaignId, kind: 'local' });
    insertOrder(emu, { campaignId, state: 'to_confirm' });
    insertOrder(emu, { campaignId, state: 'shipped', tracking: { carrier: '中通', number: 'ZT000001' } });
    insertOrder(emu, { campaignId, shopId: OTHER_SHOP_ID });

    const all = await shipping('workspace', { shopId: DEMO_SHOP_ID, filter: { campaignId } });
    expect(all.ok).toBe(true);
    expect(all.data.counts).toEqual({ total: 3, byKind: { express: 1, local: 1, pickup: 1 }, byPoint: [{ pointId: POINT.id, name: POINT.name, count: 1 }] });
    expect(all.data.orders.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([express._id, pickup._id]));

    const byPoint = await shipping('workspace', { shopId: DEMO_SHOP_ID, filter: { campaignId, pointId: POINT.id } });
    expect(byPoint.data.orders.map((o: { id: string }) => o.id)).toEqual([pickup._id]);
    const byKind = await shipping('workspace', { shopId: DEMO_SHOP_ID, filter: { campaignId, kind: 'express' } });
    expect(byKind.data.orders.map((o: { id: string }) => o.id)).toEqual([express._id]);
    const before = await shipping('workspace', { shopId: DEMO_SHOP_ID, filter: { campaignId, to: express.createdAt } });
    expect(before.data.counts.total).toBe(0);

    expect((await shipping('workspace', { shopId: DEMO_SHOP_ID, filter: { campaignId } }, PEOPLE.staff)).data.counts.total).toBe(3);
    expect((await shipping('workspace', { shopId: DEMO_SHOP_ID }, PEOPLE.streamer)).error.code).toBe('FORBIDDEN');
    expect((await shipping('workspace', { shopId: DEMO_SHOP_ID }, PEOPLE.otherOwner)).error.code).toBe('NOT_A_MEMBER');
    expect((await shipping('exportSheet', { shopId: DEMO_SHOP_ID }, PEOPLE.stranger)).error.code).toBe('NOT_A_MEMBER');
  });

  it('narrows to the orders placed from one live show', async () => {
    const fromShow = insertOrder(emu, { liveShowId: 'ship-live-show' });
    insertOrder(emu, { liveShowId: 'ship-other-show' });
    insertOrder(emu, { liveShowId: 'ship-live-show', state: 'shipped', tracking: { carrier: '顺丰', number: 'SF000000000001' } });
    insertOrder(emu, { liveShowId: 'ship-live-show', shopId: OTHER_SHOP_ID });
    const listed = await shipping('workspace', { shopId: DEMO_SHOP_ID, filter: { liveShowId: 'ship-live-show' } });
    expect(listed.data.orders.map((o: { id: string }) => o.id)).toEqual([fromShow._id]);
    const prep = await shipping('prepList', { shopId: DEMO_SHOP_ID, filter: { liveShowId: 'ship-live-show' } });
    expect(prep.data.orderCount).toBe(1);
  });

  it('adds up the 备货单 per product and SKU, and per pickup point, for a selection', async () => {
    const campaignId = insertCampaign(emu, 'ended');
    const a = insertOrder(emu, { campaignId, lines: [line('腊肉', '五花', 2, 50_000), line('香肠', '麻辣', 1, 40_000)] });
    const b = insertOrder(emu, { campaignId, kind: 'pickup', lines: [line('腊肉', '五花', 3, 50_000)] });
    insertOrder(emu, { campaignId, lines: [line('腊肉', '五花', 100, 50_000)] });

    const prep = await shipping('prepList', { shopId: DEMO_SHOP_ID, filter: { campaignId }, orderIds: [a._id, b._id] });
    expect(prep.ok).toBe(true);
    expect(prep.data.orderCount).toBe(2);
    expect(prep.data.lines.map((l: { name: string; spec: string; quantity: number }) => [l.name, l.spec, l.quantity])).toEqual(
      expect.arrayContaining([
        ['腊肉', '五花', 5],
        ['香肠', '麻辣', 1],
      ]),
    );
    expect(prep.data.byPoint).toEqual([{ pointId: POINT.id, name: POINT.name, orderCount: 1, lines: [expect.objectContaining({ name: '腊肉', spec: '五花', quantity: 3 })] }]);
  });

  it('exports a 发货单 that exceljs reads back with one row per order line, the columns vendors know and amounts to the fen', async () => {
    const campaignId = insertCampaign(emu, 'ended');
    // Prices in 厘 that round: 3 × ¥33.333 = ¥99.999 → ¥100.00; 7 × ¥0.013 = ¥0.091 → ¥0.09.
    const two = insertOrder(emu, { campaignId, buyerNote: '不要太咸', lines: [line('腊肉', '五花', 3, 33_333), line('花椒', '', 7, 13)] });
    const pickup = insertOrder(emu, { campaignId, kind: 'pickup', lines: [line('香肠', '麻辣', 1, 19_990)] });

    const reply = await shipping('exportSheet', { shopId: DEMO_SHOP_ID, filter: { campaignId } });
    expect(reply.ok).toBe(true);
    expect(reply.data).toMatchObject({ orderCount: 2, rows: 3, fileID: expect.stringMatching(/^cloud:\/\//) });
    const res = await fetch(reply.data.url);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const values = (n: number) => (sheet.getRow(n).values as ExcelJS.CellValue[]).slice(1);
    expect(values(1)).toEqual([...SHEET_COLUMNS]);
    expect(sheet.actualRowCount).toBe(4);
    const rows = [2, 3, 4].map((n) => Object.fromEntries(SHEET_COLUMNS.map((header, i) => [header, sheet.getRow(n).getCell(i + 1).value])));
    const fen = (value: unknown) => Math.round(Number(value) * 100);
    expect(rows.map((row) => [row.订单号, row.商品, row.规格, row.数量, fen(row.金额)])).toEqual([
      [two.orderNo, '腊肉', '五花', 3, 10_000],
      [two.orderNo, '花椒', null, 7, 9],
      [pickup.orderNo, '香肠', '麻辣', 1, 1_999],
    ]);
    expect(rows[0]).toMatchObject({ 跟团号: two.campaign?.seq, 下单人: two.campaign?.displayName, 买家备注: '不要太咸', 收货人: '王阿姨', 电话: '13800138000', 地址: '重庆市 酉阳县 桃花源街道 1 号' });
    expect(rows[0].下单时间).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows[2]).toMatchObject({ 收货人: '小李', 自提点: POINT.name });
    expect([rows[0].快递公司, rows[0].快递单号]).toEqual([null, null]);
  });

  describe('importing the filled sheet', () => {
    const good: OrderDoc[] = [];
    const wechat: string[] = [];
    const badRows: number[] = [];
    let sheet: Buffer;
    const carriers = ['顺丰', '中通', '圆通速递', '韵达', '申通', '极兔', 'EMS', '邮政', '京东物流'];

    beforeAll(async () => {
      // Two WeChat Pay orders, paid through the pay sandbox, so their shipping record can be uploaded.
      await switchOnWechatPay(emu, { shopId: DEMO_SHOP_ID, owner: PEOPLE.owner, subMchId: MCH });
      for (let i = 0; i < 2; i += 1) {
        const productId = insertProduct(emu, 10, { name: '五花腊肉' });
        const buyer = `ship-ws-wx-${i}`;
        const placed = await emu.reply('orders', { action: 'place', payload: { shopId: DEMO_SHOP_ID, lines: [{ productId, skuId: 'a', quantity: 1 }], fulfilment: { kind: 'express', address }, payment: 'wechat' }, requestId: `ws-place-${i}` }, buyer);
        const started = await emu.reply('orders', { action: 'pay', payload: { orderId: placed.data.order.id }, requestId: `ws-pay-${i}` }, buyer);
        await emu.pay.pay(started.data.outTradeNo);
        wechat.push(placed.data.order.id);
        good.push(orderDoc(placed.data.order.id));
      }
      for (let i = 0; i < 178; i += 1) good.push(insertOrder(emu));

      const rows: { orderNo: string | ExcelJS.CellValue; carrier: string; number: string | ExcelJS.CellValue }[] = good.map((order, i) => ({ orderNo: order.orderNo, carrier: carriers[i % carriers.length], number: `YT${String(880000 + i)}` }));
      const shippedBefore = insertOrder(emu, { state: 'shipped', tracking: { carrier: '顺丰', number: 'SF1000000001' } });
      const pair = [insertOrder(emu), insertOrder(emu)];
      const bad: typeof rows = [
        // unknown orders
        { orderNo: '999999999999', carrier: '顺丰', number: 'SF2000000001' },
        { orderNo: '000000000001', carrier: '顺丰', number: 'SF2000000002' },
        { orderNo: 'abc', carrier: '顺丰', number: 'SF2000000003' },
        // another shop's orders
        ...[0, 1, 2].map((i) => ({ orderNo: insertOrder(emu, { shopId: OTHER_SHOP_ID }).orderNo, carrier: '中通', number: `ZT300000000${i}` })),
        // not shippable: a pickup order, a cancelled one, one shipped under another number
        { orderNo: insertOrder(emu, { kind: 'pickup' }).orderNo, carrier: '中通', number: 'ZT4000000001' },
        { orderNo: insertOrder(emu, { state: 'cancelled' }).orderNo, carrier: '中通', number: 'ZT4000000002' },
        { orderNo: insertOrder(emu, { state: 'shipped', tracking: { carrier: '中通', number: 'ZT4999999999' } }).orderNo, carrier: '中通', number: 'ZT4000000003' },
        // unknown carriers
        ...['火星快递', '隔壁老王', 'DHL'].map((carrier, i) => ({ orderNo: insertOrder(emu).orderNo, carrier, number: `XX500000000${i}` })),
        // duplicate tracking numbers: one already on a shipped order (twice), and one pair sharing a new number
        { orderNo: insertOrder(emu).orderNo, carrier: '顺丰', number: 'SF1000000001' },
        { orderNo: insertOrder(emu).orderNo, carrier: '顺丰', number: 'SF1000000001' },
        { orderNo: pair[0].orderNo, carrier: '韵达', number: 'YD6000000001' },
        { orderNo: pair[1].orderNo, carrier: '韵达', number: 'YD6000000001' },
        // formulas
        { orderNo: insertOrder(emu).orderNo, carrier: '顺丰', number: { formula: 'CONCAT("SF","7000000001")', result: 'SF7000000001' } as ExcelJS.CellValue },
        { orderNo: { formula: 'B2', result: good[0].orderNo } as ExcelJS.CellValue, carrier: '顺丰', number: 'SF7000000002' },
        // incomplete: a carrier without a number, a number without a carrier
        { orderNo: insertOrder(emu).orderNo, carrier: '顺丰', number: '' },
        { orderNo: insertOrder(emu).orderNo, carrier: '', number: 'SF8000000002' },
      ];
      expect(shippedBefore.state).toBe('shipped');
      expect(bad).toHaveLength(20);
      // Bad rows spread through the sheet: every tenth row from the 5th.
      const all = [...rows];
      bad.forEach((row, i) => {
        all.splice(4 + i * 10, 0, row);
      });
      all.forEach((row, i) => {
        if (bad.includes(row)) badRows.push(i + 2);
      });
      expect(all).toHaveLength(200);
      sheet = await filledSheet(all);
    }, 60_000);

    it('ships exactly the 180 good orders in one go, reports the 20 bad rows by number, and uploads WeChat Pay orders’ shipping record', async () => {
      const reply = await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID: upload(sheet) });
      expect(reply.ok).toBe(true);
      expect(reply.data.rows).toBe(200);
      expect(reply.data.shipped).toBe(180);
      expect(reply.data.alreadyShipped).toBe(0);
      expect(reply.data.problems.map((p: { row: number }) => p.row)).toEqual(badRows);
      expect(reply.data.problems.map((p: { kind: string }) => p.kind)).toEqual([
        ...Array(3).fill('unknown_order'),
        ...Array(3).fill('other_shop'),
        ...Array(3).fill('not_shippable'),
        ...Array(3).fill('unknown_carrier'),
        ...Array(4).fill('duplicate_tracking'),
        ...Array(2).fill('formula'),
        ...Array(2).fill('incomplete'),
      ]);
      for (const problem of reply.data.problems) expect(problem.message).toMatch(/[\u4e00-\u9fa5]/);

      good.forEach((order, i) => {
        const saved = orderDoc(order._id);
        expect(saved.state).toBe('shipped');
        expect(saved.fulfilment).toMatchObject({ tracking: { number: `YT${String(880000 + i)}` } });
      });
      const shippedNow = emu.db.find('orders', { shopId: DEMO_SHOP_ID, state: 'shipped', 'fulfilment.tracking.number': { $regex: '^YT88' } });
      expect(shippedNow).toHaveLength(180);
      expect(emu.db.find('orders', { shopId: OTHER_SHOP_ID, state: 'shipped' })).toHaveLength(0);

      const uploads = emu.openApi.shippingUploads();
      for (const id of wechat) {
        const transactionId = orderDoc(id).payment.transactionId;
        expect(uploads.filter((u) => u.transactionId === transactionId)).toEqual([expect.objectContaining({ logisticsType: 1 })]);
        expect(orderDoc(id).shippingRecord).toMatchObject({ status: 'accepted' });
      }
    }, 60_000);

    it('ships nothing twice when the same file is imported again', async () => {
      const before = good.map((order) => orderDoc(order._id).updatedAt);
      const uploadsBefore = emu.openApi.shippingUploads().length;
      const reply = await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID: upload(sheet, PEOPLE.staff) }, PEOPLE.staff);
      expect(reply.ok).toBe(true);
      expect(reply.data.shipped).toBe(0);
      expect(reply.data.alreadyShipped).toBe(180);
      expect(reply.data.problems.map((p: { row: number }) => p.row)).toEqual(badRows);
      expect(good.map((order) => orderDoc(order._id).updatedAt)).toEqual(before);
      expect(emu.openApi.shippingUploads()).toHaveLength(uploadsBefore);
    }, 60_000);
  });

  it('imports a sheet the H5 app uploads through the emulator, as the 发货 page does', async () => {
    const order = insertOrder(emu);
    const form = new FormData();
    const bytes = await filledSheet([{ orderNo: order.orderNo, carrier: '顺丰速运', number: 'SF5550000001' }]);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), '发货单.xlsx');
    const res = await fetch(`${emu.url}/api/upload`, { method: 'POST', body: form, headers: { 'x-cactus-openid': PEOPLE.owner } });
    expect(res.status).toBe(200);
    const { fileID } = (await res.json()) as { fileID: string };
    expect(fileID).toMatch(/\.xlsx$/);
    const reply = await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID });
    expect(reply.data).toMatchObject({ shipped: 1, problems: [] });
    expect(orderDoc(order._id).fulfilment).toMatchObject({ kind: 'express', tracking: { carrier: '顺丰', number: 'SF5550000001' } });
  });

  describe('a two-column sheet of 订单号 and 单号, with the carrier picked on the page', () => {
    const twoColumns = async (rows: [string, string][], headers = ['订单号', '单号']) => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Sheet1').addRows([headers, ...rows]);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };

    it('ships every row under the picked carrier and still reports bad rows by number', async () => {
      const [a, b] = [insertOrder(emu), insertOrder(emu)];
      const otherShop = insertOrder(emu, { shopId: OTHER_SHOP_ID });
      const pickup = insertOrder(emu, { kind: 'pickup' });
      const sheet = await twoColumns([
        [a.orderNo, 'ZT7100000001'],
        ['999999999998', 'ZT7100000002'],
        [otherShop.orderNo, 'ZT7100000003'],
        [pickup.orderNo, 'ZT7100000004'],
        [b.orderNo, 'ZT7100000001'],
        [insertOrder(emu).orderNo, '12'],
      ]);
      const reply = await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID: upload(sheet), carrier: '中通' });
      expect(reply.ok).toBe(true);
      expect(reply.data.rows).toBe(6);
      expect(reply.data.shipped).toBe(0);
      expect(reply.data.problems.map((p: { row: number; kind: string }) => [p.row, p.kind])).toEqual([
        [2, 'duplicate_tracking'],
        [3, 'unknown_order'],
        [4, 'other_shop'],
        [5, 'not_shippable'],
        [6, 'duplicate_tracking'],
        [7, 'incomplete'],
      ]);

      const c = insertOrder(emu);
      const fine = await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID: upload(await twoColumns([[a.orderNo, 'ZT7100000011'], [c.orderNo, 'ZT7100000012']], ['订单号', '快递单号'])), carrier: '中通快递' });
      expect(fine.data).toMatchObject({ rows: 2, shipped: 2, problems: [] });
      expect(orderDoc(a._id)).toMatchObject({ state: 'shipped', fulfilment: { tracking: { carrier: '中通', number: 'ZT7100000011' } } });
      expect(orderDoc(c._id)).toMatchObject({ state: 'shipped', fulfilment: { tracking: { carrier: '中通', number: 'ZT7100000012' } } });
      expect(orderDoc(b._id).state).toBe('paid');
      expect(orderDoc(otherShop._id).state).toBe('paid');
    });

    it('keeps the carrier a row names, and gives the picked one to rows of the full sheet that name none', async () => {
      const [named, unnamed, carrierOnly] = [insertOrder(emu), insertOrder(emu), insertOrder(emu)];
      const sheet = await filledSheet([
        { orderNo: named.orderNo, carrier: '顺丰', number: 'SF7200000001' },
        { orderNo: unnamed.orderNo, carrier: '', number: 'YD7200000002' },
        { orderNo: carrierOnly.orderNo, carrier: '韵达', number: '' },
      ]);
      const reply = await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID: upload(sheet), carrier: '韵达' });
      expect(reply.data).toMatchObject({ shipped: 2, problems: [{ row: 4, kind: 'incomplete' }] });
      expect(orderDoc(named._id).fulfilment).toMatchObject({ tracking: { carrier: '顺丰', number: 'SF7200000001' } });
      expect(orderDoc(unnamed._id).fulfilment).toMatchObject({ tracking: { carrier: '韵达', number: 'YD7200000002' } });
      expect(orderDoc(carrierOnly._id).state).toBe('paid');
    });

    it('asks for a carrier when the sheet has no 快递公司 column and none was picked, refuses a carrier not on the list, and ships nothing', async () => {
      const order = insertOrder(emu);
      const sheet = await twoColumns([[order.orderNo, 'JT7300000001']]);
      const none = await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID: upload(sheet) });
      expect(none.error).toMatchObject({ code: 'SHEET_CARRIER_MISSING', message: expect.stringMatching(/快递公司/) });
      const unknown = await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID: upload(sheet), carrier: '火星快递' });
      expect(unknown.error.code).toBe('VALIDATION_FAILED');
      expect((await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID: upload(await twoColumns([[order.orderNo, 'JT7300000001']], ['订单号', '备注'])), carrier: '极兔' })).error.code).toBe('SHEET_COLUMNS_MISSING');
      expect(orderDoc(order._id).state).toBe('paid');
    });
  });

  it('reads only a file the caller uploaded: another person’s upload, an export or a file outside their folder is refused (SHEET_NOT_YOURS) and ships nothing', async () => {
    const order = insertOrder(emu);
    const bytes = await filledSheet([{ orderNo: order.orderNo, carrier: '顺丰', number: 'SF7400000001' }]);
    const shippedBefore = emu.db.find('orders', { state: 'shipped' }).length;
    const staffUpload = upload(bytes, PEOPLE.staff);
    const others = [
      staffUpload,
      emu.storage.put(`uploads/${PEOPLE.otherOwner}/sheet.xlsx`, bytes),
      emu.storage.put(`imports/test-${process.pid}-loose.xlsx`, bytes),
      emu.storage.put(`exports/${DEMO_SHOP_ID}/shipping-${process.pid}.xlsx`, bytes),
      emu.storage.put(`uploads/${PEOPLE.owner}/nested/sheet.xlsx`, bytes),
      emu.storage.put(`uploads/${PEOPLE.owner}-not/sheet.xlsx`, bytes),
      `cloud://local.env/uploads/${PEOPLE.owner}/../${PEOPLE.staff}/sheet.xlsx`,
      `uploads/${PEOPLE.owner}/sheet.xlsx`,
    ];
    for (const fileID of others) {
      const reply = await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID });
      expect(reply.error).toEqual({ code: 'SHEET_NOT_YOURS', message: expect.stringMatching(/自己/) });
    }
    // Through the gateway, 老张's own upload lands in his folder; the staff member cannot import it.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), '发货单.xlsx');
    const res = await fetch(`${emu.url}/api/upload`, { method: 'POST', body: form, headers: { 'x-cactus-openid': PEOPLE.owner } });
    const { fileID } = (await res.json()) as { fileID: string };
    expect((await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID }, PEOPLE.staff)).error.code).toBe('SHEET_NOT_YOURS');
    expect(orderDoc(order._id).state).toBe('paid');
    expect(emu.db.find('orders', { state: 'shipped' })).toHaveLength(shippedBefore);

    // The staff member's own file ships.
    expect((await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID: staffUpload }, PEOPLE.staff)).data).toMatchObject({ shipped: 1 });
  });

  it('hands the mini-program a path in the caller’s own folder to upload the sheet to, and only to the shop’s owner and staff', async () => {
    const order = insertOrder(emu);
    const reply = await shipping('importUploadPath', { shopId: DEMO_SHOP_ID }, PEOPLE.staff);
    expect(reply.data.cloudPath).toMatch(new RegExp(`^uploads/${PEOPLE.staff}/[^/]+\\.xlsx$`));
    const fileID = emu.storage.put(reply.data.cloudPath, await filledSheet([{ orderNo: order.orderNo, carrier: '京东', number: 'JD7500000001' }]));
    expect((await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID }, PEOPLE.staff)).data).toMatchObject({ shipped: 1, problems: [] });
    expect((await shipping('importUploadPath', { shopId: DEMO_SHOP_ID }, PEOPLE.streamer)).error.code).toBe('FORBIDDEN');
    expect((await shipping('importUploadPath', { shopId: DEMO_SHOP_ID }, PEOPLE.stranger)).error.code).toBe('NOT_A_MEMBER');
  });

  it('refuses hostile files (not xlsx, over 10 MB, 50,000 rows, wrong columns, a missing file) and ships nothing', async () => {
    const order = insertOrder(emu);
    const shippedBefore = emu.db.find('orders', { state: 'shipped' }).length;
    // Let the event loop run the keep-alive timers that expired while the imports above held it:
    // else fetch reuses a socket the server closes a tick later (ECONNRESET).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const importing = (bytes: Buffer) => shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID: upload(bytes) });

    expect((await importing(Buffer.from(`订单号,快递公司,快递单号\n${order.orderNo},顺丰,SF9000000001\n`))).error.code).toBe('SHEET_INVALID');
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    big.writeUInt32LE(0x04034b50, 0);
    expect((await importing(big)).error.code).toBe('SHEET_TOO_LARGE');
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]);
    expect((await importing(broken)).error.code).toBe('SHEET_INVALID');

    const many = new ExcelJS.Workbook();
    const manySheet = many.addWorksheet('发货单');
    manySheet.addRow(['订单号', '快递公司', '快递单号']);
    manySheet.addRow([order.orderNo, '顺丰', 'SF9000000002']);
    for (let i = 0; i < 50_000; i += 1) manySheet.addRow([`9${i}`, '顺丰', `SF${i}`]);
    const tooMany = await importing(Buffer.from(await many.xlsx.writeBuffer()));
    expect(tooMany.error.code).toBe('SHEET_TOO_LARGE');
    expect(tooMany.error.message).toMatch(/5000/);

    const wrong = new ExcelJS.Workbook();
    wrong.addWorksheet('Sheet1').addRows([
      ['编号', '物品', '数量'],
      [order.orderNo, '腊肉', 2],
    ]);
    expect((await importing(Buffer.from(await wrong.xlsx.writeBuffer()))).error.code).toBe('SHEET_COLUMNS_MISSING');

    const missing = await shipping('importShipments', { shopId: DEMO_SHOP_ID, fileID: emu.storage.put(`uploads/${PEOPLE.owner}/x.xlsx`, Buffer.alloc(0)).replace('/x.xlsx', '/never-uploaded.xlsx') });
    expect(missing.error.code).toBe('SHEET_INVALID');

    expect(orderDoc(order._id).state).toBe('paid');
    expect(emu.db.find('orders', { state: 'shipped' })).toHaveLength(shippedBefore);
  }, 120_000);
});
