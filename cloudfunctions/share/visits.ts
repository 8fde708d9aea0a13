// Visits: who opened which link, from which scene and which group, for the vendor's figures.
import type { z } from 'zod';
import type { shareContract } from '@core/contracts';
import type { GroupDoc, ShareRefDoc, VisitDoc } from '@core/model';
import { changedCount, findById, type Db } from '../_shared/db';
import { groupOf } from './open-data';

type VisitInput = z.output<(typeof shareContract)['actions']['recordVisit']['input']>;

function groupId(shopId: string, openGId: string): string {
  return `${shopId}:${openGId}`;
}

export async function recordVisit(db: Db, input: VisitInput, visitorOpenId: string | undefined, now: number): Promise<void> {
  const ref = input.ref ? await findById<ShareRefDoc>(db, 'shareRefs', input.ref) : null;
  // A code from another shop says nothing about this visit.
  const sharer = ref && ref.shopId === input.shopId ? ref : null;
  // Only a group the platform vouches for counts. Open data WeChat swaps in for a top-level
  // wx.cloud.CloudID(...) arrives as {cloudID, data: {openGId}}, a shape any caller can send
  // itself, in the payload or beside it, signed in or not: by shape the two cannot be told apart.
  // So the client sends the CloudID string, and the platform decodes it (groupOf) for this user.
  const openGId = input.groupCloudId ? await groupOf(input.groupCloudId) : null;
  const visit: VisitDoc = {
    shopId: input.shopId,
    target: input.target,
    ref: sharer ? sharer._id : null,
    sharerOpenId: sharer ? sharer.sharerOpenId : null,
    visitorOpenId: visitorOpenId ?? null,
    scene: input.scene,
    openGId,
    at: now,
  };
  await db.collection('visits').add({ data: visit });
  if (openGId) await rememberGroup(db, input.shopId, openGId, now);
}

async function rememberGroup(db: Db, shopId: string, openGId: string, now: number): Promise<void> {
  const id = groupId(shopId, openGId);
  if (await findById<GroupDoc>(db, 'groups', id)) return;
  const group: GroupDoc = { _id: id, shopId, openGId, name: '', firstSeenAt: now };
  try {
    await db.collection('groups').add({ data: group });
  } catch (err) {
    // Two first visits from one group at once: the other one created it, which is all we need.
    if (!(await findById<GroupDoc>(db, 'groups', id))) throw err;
  }
}

export async function nameGroup(db: Db, shopId: string, openGId: string, name: string, now: number): Promise<void> {
  const id = groupId(shopId, openGId);
  const updated = await changedCount(db.collection('groups').where({ _id: id }).update({ data: { name } }));
  if (updated === 0 && !(await findById<GroupDoc>(db, 'groups', id))) {
    const group: GroupDoc = { _id: id, shopId, openGId, name, firstSeenAt: now };
    await db.collection('groups').add({ data: group });
  }
}
