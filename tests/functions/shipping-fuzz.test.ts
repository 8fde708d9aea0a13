// Random payloads and callers for every action of the shipping function: each reply is ok or an
// error its contract names, never a crash, and a refused call changes no order. importShipments
// gets random fileIDs (none such, another shop's path, another person's upload, garbage) and a few
// real uploads in the owner's or staff member's own folder (a filled 发货单, a two-column sheet,
// bytes that are no xlsx, a sheet without its columns), with or without a carrier picked. Then calls at and past the
// platform's size and depth limits. A separate emulator, since whatever the owner and staff are
// randomly allowed to do (export, ship by import) really happens.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { near, orAnything } from '../support/fuzz';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { expectContractReply } from '../support/replies';
import { OVERSIZED_RUNS, bodyOf, callRaw, expectTypedAnswer, oversizedCalls } from '../support/oversized';
import { insertCampaign, insertCampaignOrder } from '../support/campaigns';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { SHEET_COLUMNS } from '@core/shipping-workspace';
import { shippingContract, type ActionName } from '@core/contracts';

type ShippingAction = ActionName<typeof shippingContract>;
const RUNS_PER_ACTION = 40;
const HOUR = 60 * 60 * 1000;

// Made before the runs: a campaign with paid orders (express and pickup), and the uploaded files.
const CAMPAIGN_ID = 'fuzz-ship-campaign';
const ORDER_IDS: string[] = [];
const FILE_IDS: string[] = [];

// Mostly values near real ones, so calls reach the handlers; now and then anything at all.
const shopId = near(fc.constantFrom(DEMO_SHOP_ID, DEMO_SHOP_ID, OTHER_SHOP_ID, 'no-such-shop'));
const orderId = fc.oneof(fc.constantFrom('nope'), fc.nat().map((n) => ORDER_IDS[n % Math.max(1, ORDER_IDS.length)] ?? 'nope'));
const when = fc.integer({ min: -48, max: 72 }).map((hours) => Date.now() + hours * HOUR);
const filter = near(
  fc.record(
    {
      campaignId: fc.constantFrom(CAMPAIGN_ID, CAMPAIGN_ID, 'nope'),
      from: when,
      to: when,
      kind: fc.constantFrom('express', 'local', 'pickup'),
      pointId: fc.constantFrom('town', 'nowhere'),
    },
    { requiredKeys: [] },
  ),
);
const orderIds = near(fc.array(orderId, { maxLength: 6 }));
const selection = orAnything(fc.record({ shopId, filter, orderIds }, { requiredKeys: ['shopId'] }));
// A file that is not there, in another shop's folder, or no file ID at all; often a real upload.
const fileID = near(
  fc.oneof(
    { weight: 3, arbitrary: fc.nat().map((n) => FILE_IDS[n % Math.max(1, FILE_IDS.length)] ?? 'nope') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'cloud://local.env/imports/never-uploaded.xlsx',
        `cloud://local.env/exports/${OTHER_SHOP_ID}/shipping-20261202-0900-abcdef.xlsx`,
        `cloud://local.env/imports/${OTHER_SHOP_ID}/发货单.xlsx`,
        'cloud://',
        'cloud://../../etc/passwd',
        '/media/seed/larou.svg',
        'https://example.com/a.xlsx',
        '   ',
        '',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  ),
);

const PAYLOADS: Record<ShippingAction, fc.Arbitrary<unknown>> = {
  workspace: orAnything(fc.record({ shopId, filter, limit: near(fc.integer({ min: 1, max: 200 })) }, { requiredKeys: ['shopId'] })),
  prepList: selection,
  exportSheet: selection,
  importUploadPath: orAnything(fc.record({ shopId })),
  importShipments: orAnything(fc.record({ shopId, fileID, carrier: fc.constantFrom('顺丰', '中通快递', 'EMS', '火星快递', '') }, { requiredKeys: ['shopId', 'fileID'] })),
};

// The people allowed to ship come up more often.
const caller = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<string | undefined>(PEOPLE.owner, PEOPLE.staff) },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>(...Object.values(PEOPLE), 'fuzz-buyer', 'test-random-user', undefined) },
);

/** A workbook with the 发货单's header and rows of order number, carrier and tracking number. */
async function filledSheet(rows: [string, string, string][], headers: readonly string[] = SHEET_COLUMNS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('发货单');
  sheet.addRow([...headers]);
  for (const [orderNo, carrier, number] of rows) {
    const cells: ExcelJS.CellValue[] = SHEET_COLUMNS.map(() => '');
    cells[1] = orderNo;
    cells[13] = carrier;
    cells[14] = number;
    sheet.addRow(cells);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('shipping function under random input', () => {
  let emu: TestEmulator;
  const snapshot = () => ({ orders: emu.db.find('orders') });
  const orderNoOf = (id: string) => (emu.db.find('orders', { _id: id })[0] as { orderNo: string }).orderNo;

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    insertCampaign(emu, 'ended', { _id: CAMPAIGN_ID });
    for (let i = 0; i < 6; i += 1) ORDER_IDS.push(insertCampaignOrder(emu, CAMPAIGN_ID, { buyer: 'fuzz-buyer', pickup: i % 3 === 0 }));
    ORDER_IDS.push(insertCampaignOrder(emu, CAMPAIGN_ID, { buyer: 'fuzz-buyer', state: 'to_pay', seq: null }));
    const [a, b, c] = ORDER_IDS.filter((_, i) => i % 3 !== 0).map(orderNoOf);
    const files: [string, Buffer][] = [
      // A filled sheet: good rows, an unknown carrier, a pickup order, a number of no order.
      [`uploads/${PEOPLE.owner}/fuzz-good.xlsx`, await filledSheet([[a, '顺丰', 'SF3100000001'], [b, '中通', 'ZT3100000002'], [c, '火星快递', 'XX1'], [orderNoOf(ORDER_IDS[0]), '顺丰', 'SF3100000003'], ['999', '顺丰', 'SF3100000004']])],
      [`uploads/${PEOPLE.owner}/fuzz-columns.xlsx`, await filledSheet([[a, '顺丰', 'SF3100000005']], ['编号', '物品', '数量'])],
      [`uploads/${PEOPLE.owner}/fuzz-empty.xlsx`, await filledSheet([])],
      [`uploads/${PEOPLE.owner}/fuzz-text.xlsx`, Buffer.from(`订单号,快递公司,快递单号\n${a},顺丰,SF3100000006\n`)],
      [`uploads/${PEOPLE.owner}/fuzz-zip-head.xlsx`, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(500, 7)])],
      [`uploads/${PEOPLE.owner}/fuzz-nothing.xlsx`, Buffer.alloc(0)],
      [`exports/${OTHER_SHOP_ID}/fuzz-other.xlsx`, await filledSheet([[a, '顺丰', 'SF3100000007']])],
      // The staff member's own upload, and a two-column sheet of 订单号 and 单号.
      [`uploads/${PEOPLE.staff}/fuzz-staff.xlsx`, await filledSheet([[b, '韵达', 'YD3100000008']])],
      [`uploads/${PEOPLE.owner}/fuzz-two.xlsx`, await filledSheet([[a, '', 'ZT3100000009']], ['跟团号', '订单号', ...Array(12).fill('x'), '单号'])],
    ];
    for (const [path, bytes] of files) FILE_IDS.push(emu.storage.put(path, bytes));
  }, 60_000);
  afterAll(() => emu.close());

  it.each(Object.keys(PAYLOADS) as ShippingAction[])('%s answers only ok or an error its contract names, never INTERNAL, and a refusal changes nothing', async (action) => {
    await fc.assert(
      fc.asyncProperty(PAYLOADS[action], caller, async (payload, openid) => {
        const before = snapshot();
        const reply = await emu.reply('shipping', { action, payload }, openid);
        expectContractReply(shippingContract, action, reply);
        if (!reply.ok) expect(snapshot()).toEqual(before);
      }),
      { numRuns: RUNS_PER_ACTION },
    );
    // Nothing got past the handler as a crash of the function itself.
    expect(emu.logs.filter((line) => line.includes('function shipping'))).toEqual([]);
  }, 60_000);

  it('answers calls nested too deep, too large or right at the limits with a typed refusal or reply, changes nothing it refuses, and serves on', async () => {
    await fc.assert(
      fc.asyncProperty(oversizedCalls(PAYLOADS), caller, async (call, openid) => {
        const before = snapshot();
        if (expectTypedAnswer(shippingContract, call, await callRaw(emu, bodyOf('shipping', call), openid))) expect(snapshot()).toEqual(before);
      }),
      { numRuns: OVERSIZED_RUNS },
    );
    expect((await emu.reply('shipping', { action: 'workspace', payload: { shopId: DEMO_SHOP_ID } }, PEOPLE.owner)).ok).toBe(true);
  }, 120_000);
});
