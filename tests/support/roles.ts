// The people every vendor-action test checks: each role in the demo shop, a stranger, and the
// owner of another shop (who must see nothing of this one).
import { memberId } from '@core/model';
import { defaultShopSettings } from '@core/shops';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { TestEmulator } from './emulator';

export const PEOPLE = {
  owner: 'demo-owner-laozhang',
  staff: 'test-staff-xiaozhou',
  streamer: 'demo-streamer-afeng',
  stranger: 'demo-buyer-wangayi',
  otherOwner: 'test-other-owner',
} as const;

export type Person = keyof typeof PEOPLE;
export const OTHER_SHOP_ID = 'other-shop';

/** Adds a staff member to the demo shop and a second shop with its own owner and product. */
export function addRoleFixtures(emu: TestEmulator, now = Date.now()): void {
  emu.db.insert('members', { _id: memberId(DEMO_SHOP_ID, PEOPLE.staff), shopId: DEMO_SHOP_ID, openid: PEOPLE.staff, name: '小周', role: 'staff', joinedAt: now });
  emu.db.insert('shops', { ...defaultShopSettings('隔壁蜂蜜铺'), _id: OTHER_SHOP_ID, ownerOpenId: PEOPLE.otherOwner, createdAt: now, updatedAt: now });
  emu.db.insert('members', { _id: memberId(OTHER_SHOP_ID, PEOPLE.otherOwner), shopId: OTHER_SHOP_ID, openid: PEOPLE.otherOwner, name: '蜂蜜王', role: 'owner', joinedAt: now });
  emu.db.insert('products', {
    _id: 'other-honey',
    shopId: OTHER_SHOP_ID,
    name: '土蜂蜜',
    unit: '斤',
    description: '',
    images: [],
    skus: [{ id: 'a', spec: '500克', priceLi: 60_000, stock: 10, tiers: [], minQty: 1, stepQty: 1 }],
    ship: { kind: 'days', days: 2 },
    perishable: null,
    status: 'on_sale',
    sort: 1,
    createdAt: now,
    updatedAt: now,
  });
}

/** A streamer of the demo shop besides 阿凤: live tests keep them off the show, to be refused as not assigned. */
export const OTHER_STREAMER = 'test-streamer-aming';

/** Makes sure the demo shop has both streamers, 阿凤 (seeded) and 阿明. */
export function addStreamers(emu: TestEmulator, now = Date.now()): void {
  for (const [openid, name] of [
    [PEOPLE.streamer, '阿凤'],
    [OTHER_STREAMER, '阿明'],
  ]) {
    if (!emu.db.find('members', { _id: memberId(DEMO_SHOP_ID, openid) }).length) {
      emu.db.insert('members', { _id: memberId(DEMO_SHOP_ID, openid), shopId: DEMO_SHOP_ID, openid, name, role: 'streamer', joinedAt: now });
    }
  }
}

/** Everyone an access test tries, including a caller with no login. */
export type Caller = Person | 'nobody';
export type Outcome = 'ok' | 'FORBIDDEN' | 'NOT_A_MEMBER' | 'UNAUTHENTICATED';
export const CALLERS: readonly Caller[] = ['owner', 'staff', 'streamer', 'stranger', 'otherOwner', 'nobody'];

/** The expected answers, written out in full so a wrong permission table in the code fails. */
export const OWNER_ONLY: Record<Caller, Outcome> = {
  owner: 'ok',
  staff: 'FORBIDDEN',
  streamer: 'FORBIDDEN',
  stranger: 'NOT_A_MEMBER',
  otherOwner: 'NOT_A_MEMBER',
  nobody: 'UNAUTHENTICATED',
};
export const OWNER_AND_STAFF: Record<Caller, Outcome> = { ...OWNER_ONLY, staff: 'ok' };
export const ANY_MEMBER: Record<Caller, Outcome> = { ...OWNER_AND_STAFF, streamer: 'ok' };

export function openidOf(caller: Caller): string | undefined {
  return caller === 'nobody' ? undefined : PEOPLE[caller];
}

/** 'ok' or the error code of a reply. */
export function codeOf(reply: { ok: boolean; error?: { code: string } }): string | undefined {
  return reply.ok ? 'ok' : reply.error?.code;
}

export interface AccessCase {
  action: string;
  allowed: Record<Caller, Outcome>;
  /** Built fresh for every caller, so a refused call meets the same target an allowed one would. */
  payload: () => unknown;
}

/** One row per action and caller, for it.each. */
export function accessRows(cases: AccessCase[]) {
  return cases.flatMap(({ action, allowed, payload }) => CALLERS.map((caller) => ({ action, caller, outcome: allowed[caller], payload })));
}
