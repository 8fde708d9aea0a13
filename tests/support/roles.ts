// The people every vendor-action test checks: each role in the demo shop, a stranger, and the
// owner of another shop (who must see nothing of this one).
import { memberId } from '../../src/core/model';
import { defaultShopSettings } from '../../src/core/shops';
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
