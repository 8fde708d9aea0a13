// Reading offers, groups and products for the groupbuy function. Writes to groups and orders
// belong to the orders function; here only the offer itself is written.
import { GROUP_OFFERS, GROUPS, type GroupDoc, type GroupOfferDoc } from '@core/group-buy';
import type { ProductDoc, ShopDoc } from '@core/model';
import { findById, type Db } from '../_shared/db';

export const findOffer = (db: Db, productId: string) => findById<GroupOfferDoc>(db, GROUP_OFFERS, productId);
export const findGroup = (db: Db, groupId: string) => findById<GroupDoc>(db, GROUPS, groupId);
export const findProduct = (db: Db, productId: string) => findById<ProductDoc>(db, 'products', productId);
export const findShop = (db: Db, shopId: string) => findById<ShopDoc>(db, 'shops', shopId);

/** Why a shop cannot offer 拼团, or null: failed groups refund themselves, which needs WeChat Pay. */
export function blockedReason(shop: ShopDoc): string | null {
  const pay = shop.payment.wechatPay;
  return pay.enabled && pay.subMchId ? null : '拼团要先在店铺设置里开通微信支付：没拼成的团要自动原路退款';
}
