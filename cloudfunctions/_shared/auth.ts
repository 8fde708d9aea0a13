// Every vendor action starts here: the caller's role in the shop it touches.
import { AppError } from '@core/errors';
import { can, type Permission } from '@core/shops';
import { memberId, type MemberDoc, type ShopDoc } from '@core/model';
import { findById, type Db } from './db';

export interface Membership {
  shop: ShopDoc;
  member: MemberDoc;
}

/** Loads the shop and the caller's membership, and checks the role allows `permission`. */
export async function requirePermission(db: Db, shopId: string, openid: string, permission: Permission): Promise<Membership> {
  const [shop, member] = await Promise.all([
    findById<ShopDoc>(db, 'shops', shopId),
    findById<MemberDoc>(db, 'members', memberId(shopId, openid)),
  ]);
  if (!shop) throw new AppError('SHOP_NOT_FOUND');
  if (!member) throw new AppError('NOT_A_MEMBER');
  if (!can(member.role, permission)) throw new AppError('FORBIDDEN');
  return { shop, member };
}
