// Stored document shapes, shared by the cloud functions and the emulator's seed.
// Replies to clients are built from these through the contracts, never sent as they are.
import type { ShipRule, Sku } from './contracts/shop';

export type ProductStatus = 'draft' | 'on_sale' | 'sold_out' | 'off_shelf';

export interface ShopDoc {
  _id: string;
  name: string;
  intro: string;
  avatar: string;
  ownerOpenId: string;
  createdAt: number;
  updatedAt: number;
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
  status: ProductStatus;
  /** Display order within the shop, ascending. */
  sort: number;
  createdAt: number;
  updatedAt: number;
}
