// The `shop` function: storefront reads for everyone; shops, settings and members for vendors.
import { z } from 'zod';
import { defineContract } from './define';
import { AmountFen, EpochMs, FileRef, Id, Role, required, text } from './common';
import { ProductCard, ProductDetail } from './catalog';

export const Contact = z.object({
  wechatId: text(40),
  phone: z.string().trim().regex(/^(\+?\d[\d-]{4,19})?$/, '请填写正确的电话号码'),
});

export const ShopPublic = z.object({
  id: Id,
  name: z.string(),
  intro: z.string(),
  avatar: z.string(),
  contact: Contact,
});
export type ShopPublic = z.infer<typeof ShopPublic>;

/**
 * A place buyers collect their goods. `contactLine` is who to call there (a name and phone, as
 * typed); a point switched off (`enabled: false`) stays in the settings but is no longer offered
 * at checkout. Both are optional so points saved before they existed read as they were: on, with
 * no contact (pickupPointOpen).
 */
export const PickupPoint = z.object({ id: Id, name: required(30), address: required(100), hours: text(50), contactLine: text(40).optional(), enabled: z.boolean().optional() });

/** A point is offered at checkout unless the vendor switched it off. */
export const pickupPointOpen = (point: { enabled?: boolean }): boolean => point.enabled !== false;

export const PaymentSettings = z.object({
  /** A transfer the vendor confirms: most vendors have no WeChat Pay merchant account. */
  offline: z.object({ enabled: z.boolean(), qrImage: FileRef, instructions: text(200) }),
  wechatPay: z.object({ enabled: z.boolean(), subMchId: z.string().trim().regex(/^(\d{8,12})?$/, '商户号是 8 到 12 位数字') }),
});

export const FulfilmentSettings = z.object({
  express: z.object({
    enabled: z.boolean(),
    feeFen: AmountFen,
    /** Free shipping from this order amount; null means never free. */
    freeAboveFen: AmountFen.nullable(),
    provinceFees: z.array(z.object({ province: required(10), feeFen: AmountFen })).max(34),
  }),
  local: z.object({ enabled: z.boolean(), areaNote: text(100), feeFen: AmountFen }),
  pickup: z.object({ enabled: z.boolean(), points: z.array(PickupPoint).max(20) }),
});

/** How long a buyer has to pay before the order is cancelled, and when a delivered order completes by itself. */
export const OrderRules = z.object({
  payWithinMinutes: z.number().int().min(10, '付款时限至少 10 分钟').max(4320, '付款时限最多 3 天'),
  autoCompleteDays: z.number().int().min(3, '自动确认收货至少 3 天').max(30, '自动确认收货最多 30 天'),
});
export type OrderRules = z.infer<typeof OrderRules>;
export const DEFAULT_ORDER_RULES: OrderRules = { payWithinMinutes: 30, autoCompleteDays: 10 };

export const ShopSettings = z.object({
  name: required(20),
  intro: text(200),
  avatar: FileRef,
  contact: Contact,
  payment: PaymentSettings,
  fulfilment: FulfilmentSettings,
  /** Shops opened before this setting existed have none stored: they get the defaults. */
  orders: OrderRules.default(DEFAULT_ORDER_RULES),
});
export type ShopSettings = z.infer<typeof ShopSettings>;

export const MemberView = z.object({ openid: z.string(), name: z.string(), role: Role, joinedAt: EpochMs });
export const InviteView = z.object({ code: z.string(), role: Role, createdAt: EpochMs, expiresAt: EpochMs });

const shopIdInput = z.object({ shopId: Id });

export const shopContract = defineContract('shop', {
  listProducts: {
    access: 'public',
    input: z.object({ shopId: Id, keyword: text(20).optional() }),
    output: z.object({ shop: ShopPublic, products: z.array(ProductCard) }),
    errors: ['SHOP_NOT_FOUND'],
  },
  getProduct: {
    access: 'public',
    input: z.object({ productId: Id }),
    output: z.object({ shop: ShopPublic, product: ProductDetail }),
    errors: ['PRODUCT_NOT_FOUND'],
  },
  createShop: {
    access: 'user',
    input: z.object({ name: required(20), ownerName: required(20) }),
    output: z.object({ shopId: Id }),
    errors: ['SHOP_LIMIT'],
  },
  myShops: {
    access: 'user',
    input: z.object({}),
    output: z.object({ shops: z.array(z.object({ shop: ShopPublic, role: Role })) }),
    errors: [],
  },
  getSettings: {
    access: 'user',
    input: shopIdInput,
    output: z.object({ settings: ShopSettings, role: Role }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
  updateSettings: {
    access: 'user',
    input: z.object({ shopId: Id, settings: ShopSettings }),
    output: z.object({ settings: ShopSettings }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
  listMembers: {
    access: 'user',
    input: shopIdInput,
    output: z.object({ members: z.array(MemberView), invites: z.array(InviteView) }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
  createInvite: {
    access: 'user',
    input: z.object({ shopId: Id, role: z.enum(['staff', 'streamer']), ttlHours: z.number().int().min(1).max(168).default(48) }),
    output: z.object({ invite: InviteView, path: z.string() }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
  revokeInvite: {
    access: 'user',
    input: z.object({ shopId: Id, code: required(16) }),
    output: z.object({}),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN', 'INVITE_INVALID'],
  },
  acceptInvite: {
    access: 'user',
    input: z.object({ code: required(16), name: required(20) }),
    output: z.object({ shopId: Id, role: Role }),
    errors: ['INVITE_INVALID', 'ALREADY_MEMBER'],
  },
  removeMember: {
    access: 'user',
    input: z.object({ shopId: Id, openid: required(64) }),
    output: z.object({}),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN', 'CANNOT_REMOVE_OWNER', 'NOT_FOUND'],
  },
});
