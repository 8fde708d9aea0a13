// Random payloads and callers for every action of the share function: each reply is ok or an
// error its contract names, never a crash; a refused call records nothing; group data a caller
// made up never counts. Then calls at and past the platform's size and depth limits.
import fc from 'fast-check';
import { nearBy } from '../support/fuzz';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { expectContractReply } from '../support/replies';
import { OVERSIZED_RUNS, bodyOf, callRaw, expectTypedAnswer, oversizedCalls } from '../support/oversized';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { shareContract, type ActionName } from '@core/contracts';

type ShareAction = ActionName<typeof shareContract>;
const RUNS_PER_ACTION = 40;

// Mostly values near real ones, so calls reach the handlers; now and then anything at all.
const near = nearBy(6);
const shopId = near(fc.constantFrom(DEMO_SHOP_ID, OTHER_SHOP_ID, 'no-such-shop', ''));
const productId = fc.constantFrom('larou', 'heilaohu', 'other-honey', 'nope');
const target = near(fc.oneof(fc.constant({ kind: 'shop' }), productId.map((id) => ({ kind: 'product', productId: id }))));
const FORGED_GROUP = 'G-forged-by-caller';
/** Open data as the platform would swap it in, made up by the caller. */
const forgedGroup = fc.record({ cloudID: fc.string({ maxLength: 8 }), data: fc.record({ openGId: fc.constant(FORGED_GROUP) }) });
const groupCloudId = near(fc.oneof(fc.string({ maxLength: 8 }), fc.string({ minLength: 250, maxLength: 300 })));

const PAYLOADS: Record<ShareAction, fc.Arbitrary<unknown>> = {
  createRef: fc.record({ shopId, target }),
  resolve: fc.record({ code: near(fc.string({ maxLength: 40 })) }),
  recordVisit: fc.record(
    { shopId, target, ref: near(fc.string({ maxLength: 40 })), scene: near(fc.integer({ min: 0, max: 12_000 })), groupCloudId, group: forgedGroup },
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
      fc.asyncProperty(PAYLOADS[action], caller, fc.option(fc.record({ group: forgedGroup })), async (payload, openid, beside) => {
        const before = { visits: emu.db.find('visits').length, groups: emu.db.find('groups') };
        const reply = await emu.reply('share', { action, payload, ...beside }, openid);
        expectContractReply(shareContract, action, reply);
        if (!reply.ok) expect({ visits: emu.db.find('visits').length, groups: emu.db.find('groups') }).toEqual(before);
      }),
      { numRuns: RUNS_PER_ACTION },
    );
    expect(emu.logs.filter((line) => line.includes('function share'))).toEqual([]);
    expect(emu.db.find('visits', { openGId: FORGED_GROUP })).toEqual([]);
  });

  it('answers calls nested too deep, too large or right at the limits with a typed refusal or reply, records nothing it refuses, and serves on', async () => {
    await fc.assert(
      fc.asyncProperty(oversizedCalls(PAYLOADS), caller, async (call, openid) => {
        const before = { visits: emu.db.find('visits').length, groups: emu.db.find('groups') };
        if (expectTypedAnswer(shareContract, call, await callRaw(emu, bodyOf('share', call), openid))) {
          expect({ visits: emu.db.find('visits').length, groups: emu.db.find('groups') }).toEqual(before);
        }
      }),
      { numRuns: OVERSIZED_RUNS },
    );
    expect(await emu.reply('share', { action: 'resolve', payload: { code: 'nosuchcode' } })).toMatchObject({ ok: false, error: { code: 'SHARE_CODE_NOT_FOUND' } });
  }, 120_000);
});
