// A shop's people: the owner sees who helps run it and which invites are still open, and can
// remove anyone but themselves.
import type { z } from 'zod';
import type { shopContract, MemberView } from '@core/contracts';
import { AppError } from '@core/errors';
import { memberId, type InviteDoc, type MemberDoc } from '@core/model';
import type { ActionImpls } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { database, findById, list } from '../_shared/db';
import { inviteView } from './invites';

/** One get() returns at most 100 documents on the server; a village shop has far fewer people. */
const LIST_LIMIT = 100;

function memberView({ openid, name, role, joinedAt }: MemberDoc): z.infer<typeof MemberView> {
  return { openid, name, role, joinedAt };
}

export const memberActions: Pick<ActionImpls<typeof shopContract>, 'listMembers' | 'removeMember'> = {
  async listMembers({ shopId }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'manageMembers');
    const _ = db.command;
    const [members, invites] = await Promise.all([
      list<MemberDoc>(db.collection('members').where({ shopId }).orderBy('joinedAt', 'asc').limit(LIST_LIMIT)),
      // isInviteOpen as a query, so expired invites piling up over the years are never loaded.
      list<InviteDoc>(
        db
          .collection('invites')
          .where({ shopId, revokedAt: null, usedBy: null, expiresAt: _.gt(ctx.clock.now()) })
          .orderBy('createdAt', 'desc')
          .limit(LIST_LIMIT),
      ),
    ]);
    return { members: members.map(memberView), invites: invites.map(inviteView) };
  },

  async removeMember({ shopId, openid }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'manageMembers');
    const id = memberId(shopId, openid);
    const member = await findById<MemberDoc>(db, 'members', id);
    if (!member) throw new AppError('NOT_FOUND');
    if (member.role === 'owner') throw new AppError('CANNOT_REMOVE_OWNER');
    // Every action loads the caller's membership afresh, so the removal holds from the next call.
    await db.collection('members').doc(id).remove();
    return {};
  },
};
