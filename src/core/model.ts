// Stored document shapes, shared by the cloud functions and the emulator's seed.
// Replies to clients are built from these through the contracts, never sent as they are.
import type { Perishable, ProductStatus, ShipRule, Sku } from './contracts/catalog';
import type { Role } from './contracts/common';
import type { ShopSettings } from './contracts/shop';
import type { ShareTarget } from './contracts/share';
import type { z } from 'zod';

export type { ProductStatus };

export interface ShopDoc extends ShopSettings {
  _id: string;
  ownerOpenId: string;
  createdAt: number;
  updatedAt: number;
}

/** One person's role in one shop. `_id` is `${shopId}:${openid}`: one membership per pair. */
export interface MemberDoc {
  _id: string;
  shopId: string;
  openid: string;
  name: string;
  role: Role;
  joinedAt: number;
}

/** `_id` is the invite code itself. Single use; revoked or expired codes stay for the record. */
export interface InviteDoc {
  _id: string;
  shopId: string;
  role: Exclude<Role, 'owner'>;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  usedBy: string | null;
  usedAt: number | null;
}

export interface ProductDoc {
  _id: string;
  shopId: string;
  name: string;
  unit: string;
  description: string;
  images: string[];
  skus: Sku[];
  ship: ShipRule;
  perishable: z.infer<typeof Perishable> | null;
  status: ProductStatus;
  /** Display order within the shop, ascending. */
  sort: number;
  createdAt: number;
  updatedAt: number;
  /**
   * Stock taken for orders being placed, by `${orderId}_${line}`: written by the same update that
   * takes the stock, so stock taken by a placement that died before writing its order is found and
   * put back (cloudfunctions/orders/stock.ts). Absent on products never ordered.
   */
  holds?: Record<string, StockHold>;
}

export interface StockHold {
  orderId: string;
  skuId: string;
  quantity: number;
  at: number;
}

/** A short share code; `_id` is the code (it travels in a mini-program code's scene). */
export interface ShareRefDoc {
  _id: string;
  shopId: string;
  sharerOpenId: string;
  target: ShareTarget;
  createdAt: number;
}

export interface VisitDoc {
  _id?: string;
  shopId: string;
  target: ShareTarget;
  ref: string | null;
  sharerOpenId: string | null;
  visitorOpenId: string | null;
  scene: number;
  openGId: string | null;
  at: number;
}

/** A WeChat group a shop's links were opened from; `_id` is `${shopId}:${openGId}`. */
export interface GroupDoc {
  _id: string;
  shopId: string;
  openGId: string;
  /** The vendor's own name for it ("呼中同乡群"); empty until named. */
  name: string;
  firstSeenAt: number;
}

export function memberId(shopId: string, openid: string): string {
  return `${shopId}:${openid}`;
}
