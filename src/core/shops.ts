// Pure rules about shops and their members.
import type { Role } from './contracts/common';
import { DEFAULT_ORDER_RULES, type OrderRules, type ShopSettings } from './contracts/shop';
import type { ErrorBody } from './errors';
import type { InviteDoc } from './model';
import { routes } from './routes';

export type FieldProblem = NonNullable<ErrorBody['fields']>[number];

/** A new shop: offline transfer and express with a flat fee, ready to sell once goods are listed. */
export function defaultShopSettings(name: string): ShopSettings {
  return {
    name,
    intro: '',
    avatar: '',
    contact: { wechatId: '', phone: '' },
    payment: {
      offline: { enabled: true, qrImage: '', instructions: '下单后请微信转账给店主，备注订单号' },
      wechatPay: { enabled: false, subMchId: '' },
    },
    fulfilment: {
      express: { enabled: true, feeFen: 1000, freeAboveFen: null, provinceFees: [] },
      local: { enabled: false, areaNote: '', feeFen: 0 },
      pickup: { enabled: false, points: [] },
    },
    orders: { ...DEFAULT_ORDER_RULES },
  };
}

/** A stored shop's order rules; shops saved before the setting existed use the defaults. */
export function orderRulesOf(shop: Partial<Pick<ShopSettings, 'orders'>>): OrderRules {
  return { ...DEFAULT_ORDER_RULES, ...shop.orders };
}

/** Each role by name, as members read it. */
export const ROLE_NAMES = { owner: '店主', staff: '店员', streamer: '主播' } as const satisfies Record<Role, string>;

/** What each role may do. Owners do everything; staff run goods, orders and shows; streamers run their shows. */
export const PERMISSIONS = {
  manageShop: ['owner'],
  manageMembers: ['owner'],
  viewSettings: ['owner', 'staff'],
  manageGoods: ['owner', 'staff'],
  manageOrders: ['owner', 'staff'],
  viewGoods: ['owner', 'staff', 'streamer'],
  viewStats: ['owner', 'staff'],
  viewCustomers: ['owner', 'staff'],
  share: ['owner', 'staff', 'streamer'],
  /** Schedule live shows, set their items and prices. */
  manageLive: ['owner', 'staff'],
  /** Open the live console: streamers only for the shows they are assigned to (cloudfunctions/live). */
  runLive: ['owner', 'staff', 'streamer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** A user may own this many shops (a county centre hosts many vendors, each with their own). */
export const MAX_SHOPS_PER_OWNER = 5;

/**
 * Rules the schema cannot express, with paths relative to the settings: a shop must be able to
 * take money and hand over goods, and whatever is switched on must be usable.
 */
export function settingsProblems({ payment, fulfilment }: ShopSettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!payment.offline.enabled && !payment.wechatPay.enabled) {
    problems.push({ path: 'payment', message: '请至少开启一种收款方式' });
  }
  if (payment.wechatPay.enabled && !payment.wechatPay.subMchId) {
    problems.push({ path: 'payment.wechatPay.subMchId', message: '开启微信支付需要填写商户号' });
  }
  if (!fulfilment.express.enabled && !fulfilment.local.enabled && !fulfilment.pickup.enabled) {
    problems.push({ path: 'fulfilment', message: '请至少开启一种收货方式：快递、同城配送或到店自提' });
  }
  if (fulfilment.pickup.enabled && fulfilment.pickup.points.length === 0) {
    problems.push({ path: 'fulfilment.pickup.points', message: '开启到店自提需要至少添加一个自提点' });
  }
  // Orders will name their pickup point by id, so two points must never share one.
  const seen = new Set<string>();
  fulfilment.pickup.points.forEach((point, index) => {
    if (seen.has(point.id)) problems.push({ path: `fulfilment.pickup.points.${index}.id`, message: '自提点编号重复了' });
    seen.add(point.id);
  });
  return problems;
}

/** An invite can be used while it is neither revoked, used nor expired. */
export function isInviteOpen(invite: InviteDoc, now: number): boolean {
  return invite.revokedAt === null && invite.usedBy === null && now < invite.expiresAt;
}

/** The vendor subpackage page that accepts an invite. */
export function joinPath(code: string): string {
  return routes.join({ code });
}
