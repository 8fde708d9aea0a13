// Random payloads and callers for every action of the share function: each reply is ok or an
// error its contract names, never a crash; a refused call records nothing.
import fc from 'fast-check';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { expectContractReply } from '../support/replies';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { shareContract, type ActionName } from '@core/contracts';

type ShareAction = ActionName<typeof shareContract>;
const RUNS_PER_ACTION = 40;

// Mostly values near real ones, so calls reach the handlers; now and then anything at all.
const near = <T>(real: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: real }, { weight: 1, arbitrary: fc.anything() });
const shopId = near(fc.constantFrom(DEMO_SHOP_ID, OTHER_SHOP_ID, 'no-such-shop', ''));
const productId = fc.constantFrom('larou', 'heilaohu', 'other-honey', 'nope');
const target = near(fc.oneof(fc.constant({ kind: 'shop' }), productId.map((id) => ({ kind: 'product', productId: id }))));
const group = near(fc.record({ cloudID: fc.string({ maxLength: 8 }), data: fc.record({ openGId: fc.string({ maxLength: 70 }) }) }));

const PAYLOADS: Record<ShareAction, fc.Arbitrary<unknown>> = {
  createRef: fc.record({ shopId, target }),
  resolve: fc.record({ code: near(fc.string({ maxLength: 40 })) }),
  recordVisit: fc.record(
    { shopId, target, ref: near(fc.string({ maxLength: 40 })), scene: near(fc.integer({ min: 0, max: 12_000 })), group },
    { requiredKeys: ['shopId', 'target', 'scene'] },
  ),
  posterCode: fc.record({ shopId, target }),
  groupText: fc.record({ shopId, productIds: near(fc.array(productId, { maxLength: 4 })) }),
  stats: fc.record({ shopId, since: near(fc.integer({ min: -5, max: Date.now() })) }, { requiredKeys: ['shopId'] }),
  nameGroup: fc.record({ shopId, openGId: near(fc.string({ maxLength: 70 })), name: near(fc.string({ maxLength: 24 })) }),
};

const caller = fc.constantFrom<string | undefined>(...Object.values(PEOPLE), 'test-random-user', undefined);

describe('share function under random input', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
  });
  afterAll(() => emu.close());

  it.each(Object.keys(PAYLOADS) as ShareAction[])('%s answers only ok or an error its contract names, and a refusal records nothing', async (action) => {
    await fc.assert(
      fc.asyncProperty(PAYLOADS[action], caller, async (payload, openid) => {
        const before = { visits: emu.db.find('visits').length, groups: emu.db.find('groups') };
        const reply = await emu.reply('share', { action, payload }, openid);
        expectContractReply(shareContract, action, reply);
        if (!reply.ok) expect({ visits: emu.db.find('visits').length, groups: emu.db.find('groups') }).toEqual(before);
      }),
      { numRuns: RUNS_PER_ACTION },
    );
    expect(emu.logs.filter((line) => line.includes('function share'))).toEqual([]);
  });
});
