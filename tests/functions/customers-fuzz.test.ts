// Random payloads and callers for every action of the customers function: each reply is ok or an
// error its contract names, never a crash, a refused call changes no note and no order, and no reply
// to anyone but the shop's owner and staff ever holds a buyer's phone number. Then calls at and past
// the platform's size and depth limits. A separate emulator, since whatever the owner and staff are
// randomly allowed to do (notes, tags, exports) really happens.
import fc from 'fast-check';
import { near, orAnything } from '../support/fuzz';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { expectContractReply } from '../support/replies';
import { OVERSIZED_RUNS, bodyOf, callRaw, expectTypedAnswer, oversizedCalls } from '../support/oversized';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { insertPastOrder } from '../support/orders';
import { customersContract, type ActionName } from '@core/contracts';

type CustomersAction = ActionName<typeof customersContract>;
// More runs than most fuzz tests: every call is cheap, and fast-check's bias toward odd values
// leaves only about half of them past validation.
const RUNS_PER_ACTION = 100;
const DAY = 24 * 60 * 60 * 1000;

// Two buyers of the demo shop with paid orders (one delivered, one picked up), each with a phone
// only the shop may see, and one who never paid.
const BUYER = 'fuzz-buyer';
const PICKER = 'fuzz-picker';
const UNPAID = 'fuzz-unpaid';
const PHONES = ['13712345678', '13687654321', '13511112222'];
const ADDRESS = { name: '王阿姨', phone: PHONES[0], province: '重庆市', city: '重庆市', district: '酉阳县', detail: '龙潭镇老街 3 号' };
const CONTACT = { name: '小李', phone: PHONES[1] };
const POINT = { id: 'town', name: '镇上老张腊味店', address: '酉阳县龙潭镇老街 18 号', hours: '' };

// Mostly values near real ones, so calls reach the handlers; now and then anything at all.
const shopId = near(fc.constantFrom(DEMO_SHOP_ID, DEMO_SHOP_ID, OTHER_SHOP_ID, ' ', 'no-such-shop', DEMO_SHOP_ID));
const customerId = near(fc.constantFrom(BUYER, PICKER, UNPAID, '', PEOPLE.stranger, 'nope', ' fuzz-buyer ', PICKER, BUYER));
const keyword = near(fc.oneof(fc.constantFrom(...PHONES, '王阿姨', '小李', '老乡', '', ' ', '1371234'), fc.string({ maxLength: 22 })));
// Tags mostly as a vendor types them, now and then empty, spaced, too long or anything.
const tag = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('老乡', '要发票', '熟客', 'VIP', ' 老乡 ') },
  { weight: 1, arbitrary: fc.constantFrom('', '老 乡', '一二三四五六七八九十一') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const note = near(fc.oneof({ weight: 3, arbitrary: fc.constantFrom('只要肥一点的', '', ' ') }, { weight: 1, arbitrary: fc.string({ maxLength: 210 }) }));
const cursor = near(fc.oneof(fc.constantFrom('0', '1', '20', '-1', 'x', '1e3', '9007199254740993', ''), fc.nat({ max: 100 }).map(String)));
const limit = near(fc.integer({ min: 0, max: 60 }));

const PAYLOADS: Record<CustomersAction, fc.Arbitrary<unknown>> = {
  listCustomers: orAnything(fc.record({ shopId, keyword, cursor, limit }, { requiredKeys: ['shopId'] })),
  customer: orAnything(fc.record({ shopId, customerId })),
  exportCustomers: orAnything(fc.record({ shopId, keyword }, { requiredKeys: ['shopId'] })),
  setNote: orAnything(fc.record({ shopId, customerId, note, tags: near(fc.array(tag, { maxLength: 11 })) })),
};

// The people allowed to see the book, and the buyers in it, come up more often.
const caller = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<string | undefined>(PEOPLE.owner, PEOPLE.staff, BUYER, PICKER) },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>(...Object.values(PEOPLE), UNPAID, 'test-random-user', undefined) },
);
/** Who may read the demo shop's buyers' phones. */
const SHOP_STAFF: (string | undefined)[] = [PEOPLE.owner, PEOPLE.staff];

describe('customers function under random input', () => {
  let emu: TestEmulator;
  let seq = 0;
  const snapshot = () => ({ notes: emu.db.find('customerNotes'), orders: emu.db.find('orders') });

  /** An offline order of `buyer` in the demo shop, paid unless asked otherwise. */
  function insertOrder(buyer: string, totalFen: number, options: { paid?: boolean; pickup?: boolean; phone?: string } = {}): void {
    seq += 1;
    insertPastOrder(emu, {
      id: `cust-fuzz-${seq}`,
      orderNo: `2612029${String(seq).padStart(5, '0')}`,
      buyer,
      totalFen,
      at: Date.now() - (10 - seq) * DAY,
      ref: 'share-fuzz',
      paid: options.paid,
      fulfilment: options.pickup
        ? { kind: 'pickup', point: POINT, contact: { ...CONTACT, phone: options.phone ?? CONTACT.phone } }
        : { kind: 'express', address: { ...ADDRESS, phone: options.phone ?? ADDRESS.phone }, tracking: null },
    });
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
    insertOrder(BUYER, 12_345);
    insertOrder(BUYER, 8_801);
    insertOrder(PICKER, 5_000, { pickup: true });
    insertOrder(UNPAID, 9_900, { paid: false, phone: PHONES[2] });
  });
  afterAll(() => emu.close());

  it.each(Object.keys(PAYLOADS) as CustomersAction[])(
    '%s answers only ok or an error its contract names, never INTERNAL, a refusal changes nothing, and only the shop sees a phone',
    async (action) => {
      await fc.assert(
        fc.asyncProperty(PAYLOADS[action], caller, async (payload, openid) => {
          const before = snapshot();
          const reply = await emu.reply('customers', { action, payload }, openid);
          expectContractReply(customersContract, action, reply);
          if (!reply.ok) expect(snapshot()).toEqual(before);
          if (!SHOP_STAFF.includes(openid)) for (const phone of PHONES) expect(JSON.stringify(reply)).not.toContain(phone);
        }),
        { numRuns: RUNS_PER_ACTION },
      );
      // Nothing got past the handler as a crash of the function itself.
      expect(emu.logs.filter((line) => line.includes('function customers'))).toEqual([]);
    },
    60_000,
  );

  it('answers calls nested too deep, too large or right at the limits with a typed refusal or reply, changes nothing it refuses, and serves on', async () => {
    await fc.assert(
      fc.asyncProperty(oversizedCalls(PAYLOADS), caller, async (call, openid) => {
        const before = snapshot();
        const answer = await callRaw(emu, bodyOf('customers', call), openid);
        if (expectTypedAnswer(customersContract, call, answer)) expect(snapshot()).toEqual(before);
        if (!SHOP_STAFF.includes(openid)) for (const phone of PHONES) expect(JSON.stringify(answer.body)).not.toContain(phone);
      }),
      { numRuns: OVERSIZED_RUNS },
    );
    const reply = await emu.reply('customers', { action: 'customer', payload: { shopId: DEMO_SHOP_ID, customerId: BUYER } }, PEOPLE.owner);
    expect(reply.ok).toBe(true);
    expect(reply.data.customer.phone).toBe(PHONES[0]);
  }, 120_000);
});
