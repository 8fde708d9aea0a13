// The shop's book of regulars (熟客本) through the real emulator and functions: totals to the fen
// after refunds, search by name, phone and tag, the vendor's note and tags, the 老客 mark on the
// vendor's order list, and who may see any of it.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { accessRows, addRoleFixtures, codeOf, openidOf, OTHER_SHOP_ID, OWNER_AND_STAFF, PEOPLE, type AccessCase } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { insertPastOrder } from '../support/orders';
import { CUSTOMER_SHEET_COLUMNS } from '@core/contracts';
import ExcelJS from 'exceljs';

const CHINESE = /[\u4e00-\u9fa5]/;
const WANG = 'test-customer-wang';
const LI = 'test-customer-li';
const UNPAID = 'test-customer-unpaid';
const WANG_ADDRESS = { name: '王阿姨', phone: '13800138000', province: '重庆市', city: '重庆市', district: '酉阳县', detail: '龙潭镇老街 3 号' };
const LI_CONTACT = { name: '小李', phone: '13900139000' };
const POINT = { id: 'town', name: '镇上老张腊味店', address: '酉阳县龙潭镇老街 18 号', hours: '' };

describe('customers function: the book of regulars', () => {
  let emu: TestEmulator;
  let seq = 0;
  const base = Date.now() - 10 * 24 * 60 * 60 * 1000;
  const customers = (action: string, payload: unknown, openid: string | undefined = PEOPLE.owner) => emu.reply('customers', { action, payload }, openid);
  const orders = (action: string, payload: unknown, openid: string | undefined = PEOPLE.owner) => emu.reply('orders', { action, payload }, openid);
  const snapshot = () => ({ orders: emu.db.find('orders'), notes: emu.db.find('customerNotes') });

  /** An offline order of `buyer` for `totalFen`, paid unless asked otherwise, placed `day` days after the base. */
  function insertOrder(buyer: string, totalFen: number, day: number, options: { paid?: boolean; pickup?: boolean; shopId?: string; ref?: string } = {}): string {
    seq += 1;
    return insertPastOrder(emu, {
      id: `cust-o-${seq}`,
      orderNo: `2612020${String(seq).padStart(5, '0')}`,
      buyer,
      totalFen,
      at: base + day * 24 * 60 * 60 * 1000,
      shopId: options.shopId,
      ref: options.ref,
      paid: options.paid,
      fulfilment: options.pickup ? { kind: 'pickup', point: POINT, contact: LI_CONTACT } : { kind: 'express', address: WANG_ADDRESS, tracking: null },
    });
  }

  let wangFirst = '';
  let wangSecond = '';
  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    wangFirst = insertOrder(WANG, 12_345, 1, { ref: 'share-abc' });
    wangSecond = insertOrder(WANG, 8_801, 5);
    insertOrder(LI, 5_000, 3, { pickup: true });
    insertOrder(UNPAID, 9_900, 4, { paid: false });
    // The same buyer in another shop: never part of this shop's book.
    insertOrder(WANG, 77_700, 2, { shopId: OTHER_SHOP_ID });
  });
  afterAll(() => emu.close());

  it('adds up what each buyer paid, less what went back, to the fen', async () => {
    // Two refunds on one order through the vendor's real refund: 0.01 and 12.34 yuan.
    expect((await orders('refund', { orderId: wangFirst, amountFen: 1, reason: '少了一点' })).ok).toBe(true);
    expect((await orders('refund', { orderId: wangFirst, amountFen: 1_234, reason: '坏了一块' })).ok).toBe(true);
    const { data } = await customers('listCustomers', { shopId: DEMO_SHOP_ID });
    const wang = data.customers.find((row: { id: string }) => row.id === WANG);
    expect(wang).toMatchObject({ name: '王阿姨', phone: '13800138000', orderCount: 2, refundedFen: 1_235, spentFen: 12_345 + 8_801 - 1_235 });
    expect(wang.firstOrderAt).toBeLessThan(wang.lastOrderAt);
    // Latest buyer first; a buyer who never paid is not a customer.
    expect(data.customers.map((row: { id: string }) => row.id)).toEqual([WANG, LI]);
    expect(data.nextCursor).toBeNull();
  });

  it('shows one customer with names, addresses, pickup points, sources and orders, newest first', async () => {
    const { data } = await customers('customer', { shopId: DEMO_SHOP_ID, customerId: WANG });
    expect(data.customer).toMatchObject({ orderCount: 2, spentFen: 12_345 + 8_801 - 1_235, phones: ['13800138000'], addresses: [WANG_ADDRESS], pickupPoints: [] });
    expect(data.customer.sources.shareRefs).toEqual(['share-abc']);
    expect(data.orders.map((order: { id: string }) => order.id)).toEqual([wangSecond, wangFirst]);
    const li = (await customers('customer', { shopId: DEMO_SHOP_ID, customerId: LI })).data.customer;
    expect(li).toMatchObject({ name: '小李', phone: '13900139000', addresses: [], pickupPoints: ['镇上老张腊味店'] });
    expect(codeOf(await customers('customer', { shopId: DEMO_SHOP_ID, customerId: UNPAID }))).toBe('CUSTOMER_NOT_FOUND');
  });

  it('keeps the vendor’s note and tags, and finds customers by name, phone or tag', async () => {
    const reply = await customers('setNote', { shopId: DEMO_SHOP_ID, customerId: WANG, note: '只要肥一点的', tags: ['老乡', '要发票', '老乡'] });
    expect(reply.data.customer).toMatchObject({ id: WANG, note: '只要肥一点的', tags: ['老乡', '要发票'] });
    const find = async (keyword: string) => (await customers('listCustomers', { shopId: DEMO_SHOP_ID, keyword })).data.customers.map((row: { id: string }) => row.id);
    expect(await find('老乡')).toEqual([WANG]);
    expect(await find('小李')).toEqual([LI]);
    expect(await find('13900139000')).toEqual([LI]);
    expect(await find('13800138000')).toEqual([WANG]);
    expect(await find('张三')).toEqual([]);
    const again = (await customers('listCustomers', { shopId: DEMO_SHOP_ID })).data.customers[0];
    expect(again).toMatchObject({ id: WANG, tags: ['老乡', '要发票'], note: '只要肥一点的' });
    // Staff edit too; a later save replaces the earlier one.
    expect((await customers('setNote', { shopId: DEMO_SHOP_ID, customerId: WANG, note: '', tags: ['熟客'] }, PEOPLE.staff)).data.customer.tags).toEqual(['熟客']);
    expect(await find('老乡')).toEqual([]);
  });

  it('finds customers by part of a name, a phone number or a tag, taking what is typed literally', async () => {
    const find = async (keyword: string) => (await customers('listCustomers', { shopId: DEMO_SHOP_ID, keyword })).data.customers.map((row: { id: string }) => row.id);
    await customers('setNote', { shopId: DEMO_SHOP_ID, customerId: LI, note: '', tags: ['镇上老乡'] });
    expect(await find('王')).toEqual([WANG]);
    expect(await find('阿姨')).toEqual([WANG]);
    expect(await find('李')).toEqual([LI]);
    expect(await find('138')).toEqual([WANG]);
    expect(await find('0139')).toEqual([LI]);
    expect(await find('老乡')).toEqual([LI]);
    expect(await find('熟')).toEqual([WANG]);
    expect(await find('139000')).toEqual([LI]);
    expect(await find('1380013')).toEqual([WANG]);
    // Pattern characters are text: none of these match anyone.
    for (const typed of ['.*', '.', '^', '[0-9]', '(', '\\d']) expect(await find(typed)).toEqual([]);
    expect((await customers('exportCustomers', { shopId: DEMO_SHOP_ID, keyword: '阿姨' })).data.customerCount).toBe(1);
    // Back as the export test below expects it: 小李 without tags.
    await customers('setNote', { shopId: DEMO_SHOP_ID, customerId: LI, note: '', tags: [] });
  });

  it('exports the book as an .xlsx that exceljs reads back with amounts to the fen', async () => {
    const reply = await customers('exportCustomers', { shopId: DEMO_SHOP_ID });
    expect(reply.data).toMatchObject({ customerCount: 2, fileID: expect.stringMatching(/^cloud:\/\//) });
    const res = await fetch(reply.data.url);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([...CUSTOMER_SHEET_COLUMNS]);
    expect(sheet.actualRowCount).toBe(3);
    const rows = [2, 3].map((n) => Object.fromEntries(CUSTOMER_SHEET_COLUMNS.map((header, i) => [header, sheet.getRow(n).getCell(i + 1).value])));
    const fen = (value: unknown) => Math.round(Number(value) * 100);
    expect(rows.map((row) => [row.名字, row.电话, row.下单次数, fen(row.消费金额), fen(row.已退款), row.标签])).toEqual([
      ['王阿姨', '13800138000', 2, 12_345 + 8_801 - 1_235, 1_235, '熟客'],
      ['小李', '13900139000', 1, 5_000, 0, null],
    ]);
    expect(rows[0].最近下单).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // What a search finds is what is exported.
    expect((await customers('exportCustomers', { shopId: DEMO_SHOP_ID, keyword: '小李' })).data.customerCount).toBe(1);
  });

  it('pages the book by cursor', async () => {
    const first = (await customers('listCustomers', { shopId: DEMO_SHOP_ID, limit: 1 })).data;
    expect(first.customers.map((row: { id: string }) => row.id)).toEqual([WANG]);
    const second = (await customers('listCustomers', { shopId: DEMO_SHOP_ID, limit: 1, cursor: first.nextCursor })).data;
    expect(second.customers.map((row: { id: string }) => row.id)).toEqual([LI]);
    expect(second.nextCursor).toBeNull();
  });

  it('marks a new order from a buyer who paid before as 老客 in the vendor’s order list', async () => {
    const { data } = await orders('listShopOrders', { shopId: DEMO_SHOP_ID, limit: 50 });
    const returning = Object.fromEntries(data.orders.map((order: { id: string; returning: boolean }) => [order.id, order.returning]));
    expect(returning[wangSecond]).toBe(true);
    expect(returning[wangFirst]).toBe(false);
    expect(Object.values(returning).filter(Boolean)).toHaveLength(1);
  });

  const cases: AccessCase[] = [
    { action: 'listCustomers', allowed: OWNER_AND_STAFF, payload: () => ({ shopId: DEMO_SHOP_ID }) },
    { action: 'customer', allowed: OWNER_AND_STAFF, payload: () => ({ shopId: DEMO_SHOP_ID, customerId: LI }) },
    { action: 'exportCustomers', allowed: OWNER_AND_STAFF, payload: () => ({ shopId: DEMO_SHOP_ID }) },
    { action: 'setNote', allowed: OWNER_AND_STAFF, payload: () => ({ shopId: DEMO_SHOP_ID, customerId: LI, note: `记一笔 ${seq++}`, tags: [] }) },
  ];
  it.each(accessRows(cases))('$action by $caller answers $outcome, and a refusal changes nothing', async ({ action, caller, outcome, payload }) => {
    const before = snapshot();
    const reply = await emu.reply('customers', { action, payload: payload() }, openidOf(caller));
    expect(codeOf(reply)).toBe(outcome);
    if (outcome !== 'ok') {
      expect(reply.error.message).toMatch(CHINESE);
      expect(JSON.stringify(reply)).not.toContain('13900139000');
      expect(snapshot()).toEqual(before);
    }
  });

  it('never shows another shop’s buyers, nor this shop’s buyers to another shop', async () => {
    const theirs = (await customers('listCustomers', { shopId: OTHER_SHOP_ID }, PEOPLE.otherOwner)).data.customers;
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ id: WANG, orderCount: 1, spentFen: 77_700, tags: [], note: '' });
    expect(codeOf(await customers('customer', { shopId: OTHER_SHOP_ID, customerId: LI }, PEOPLE.otherOwner))).toBe('CUSTOMER_NOT_FOUND');
    expect(codeOf(await customers('setNote', { shopId: OTHER_SHOP_ID, customerId: LI, note: 'x', tags: [] }, PEOPLE.otherOwner))).toBe('CUSTOMER_NOT_FOUND');
    // A buyer asking about the shop they bought from is refused like any stranger.
    expect(codeOf(await customers('listCustomers', { shopId: DEMO_SHOP_ID }, LI))).toBe('NOT_A_MEMBER');
  });

  it.each([
    ['an empty tag', { tags: [''] }],
    ['a tag with a space', { tags: ['老 乡'] }],
    ['a tag too long', { tags: ['一二三四五六七八九十一'] }],
    ['eleven tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
    ['a note too long', { note: '字'.repeat(201) }],
    ['no customer id', { customerId: '' }],
    ['a note that is not text', { note: 42 }],
  ])('refuses %s and changes nothing', async (_name, change) => {
    const before = snapshot();
    const reply = await customers('setNote', { shopId: DEMO_SHOP_ID, customerId: LI, note: 'ok', tags: [], ...change });
    expect(codeOf(reply)).toBe('VALIDATION_FAILED');
    expect(reply.error.message).toMatch(CHINESE);
    expect(snapshot()).toEqual(before);
  });
});
