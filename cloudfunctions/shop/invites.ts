// Invites: the owner makes a single-use link for a role; whoever opens it in time joins the shop.
import type { z } from 'zod';
import type { shopContract, InviteView } from '@core/contracts';
import { AppError } from '@core/errors';
import { memberId, type InviteDoc, type MemberDoc } from '@core/model';
import { isInviteOpen, joinPath } from '@core/shops';
import { randomCode } from '../_shared/codes';
import type { ActionImpls } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { changedCount, database, findById } from '../_shared/db';
import { inTransaction } from '../_shared/transaction';

/** 31^12 ≈ 7·10^17 codes: an invite grants access to a shop, so it must not be guessable. */
const INVITE_CODE_LENGTH = 12;
const HOUR_MS = 60 * 60 * 1000;

export function inviteView(invite: InviteDoc): z.infer<typeof InviteView> {
  return { code: invite._id, role: invite.role, createdAt: invite.createdAt, expiresAt: invite.expiresAt };
}

export const inviteActions: Pick<ActionImpls<typeof shopContract>, 'createInvite' | 'revokeInvite' | 'acceptInvite'> = {
  async createInvite({ shopId, role, ttlHours }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'manageMembers');
    const now = ctx.clock.now();
    const invite: InviteDoc = {
      _id: randomCode(INVITE_CODE_LENGTH),
      shopId,
      role,
      createdBy: ctx.openid,
      createdAt: now,
      expiresAt: now + ttlHours * HOUR_MS,
      revokedAt: null,
      usedBy: null,
      usedAt: null,
    };
    await db.collection('invites').add({ data: invite });
    return { invite: inviteView(invite), path: joinPath(invite._id) };
  },

  async revokeInvite({ shopId, code }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'manageMembers');
    const invite = await findById<InviteDoc>(db, 'invites', code);
    if (!invite || invite.shopId !== shopId || invite.usedBy !== null) throw new AppError('INVITE_INVALID');
    if (invite.revokedAt !== null) return {};
    // Only while still unused: if an accept commits first, nothing changes and the owner is told.
    const updated = await changedCount(db.collection('invites').where({ _id: code, usedBy: null }).update({ data: { revokedAt: ctx.clock.now() } }));
    if (updated === 0) throw new AppError('INVITE_INVALID');
    return {};
  },

  async acceptInvite({ code, name }, ctx) {
    const now = ctx.clock.now();
    return inTransaction(async (tx) => {
      const invites = tx.collection<InviteDoc>('invites');
      const members = tx.collection<MemberDoc>('members');
      const { data: invite } = await invites.doc(code).get();
      if (!invite || !isInviteOpen(invite, now)) throw new AppError('INVITE_INVALID');
      const id = memberId(invite.shopId, ctx.openid);
      if ((await members.doc(id).get()).data) throw new AppError('ALREADY_MEMBER');
      // Two people racing for one code both write this invite: the database commits only the
      // first, and the other's retry finds the code used.
      await invites.doc(code).update({ data: { usedBy: ctx.openid, usedAt: now } });
      await members.add({ data: { _id: id, shopId: invite.shopId, openid: ctx.openid, name, role: invite.role, joinedAt: now } });
      return { shopId: invite.shopId, role: invite.role };
    });
  },
};
