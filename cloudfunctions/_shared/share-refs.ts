// Share codes: short, unguessable, one per (sharer, shop, target), so a vendor sharing the same
// product twice gets the same code and its visits add up. Here, not in the share function, because
// other functions hand out links too (the live function's show links) and must mint the same code.
import type { ShareTarget } from '@core/contracts';
import type { ShareRefDoc } from '@core/model';
import { SHARE_CODE_LENGTH, sameTarget } from '@core/share';
import { randomCode } from './codes';
import { list, type Db } from './db';

/** The caller's code for this target in this shop: the one they already have, else a new one. */
export async function refFor(db: Db, shopId: string, sharerOpenId: string, target: ShareTarget, now: number): Promise<ShareRefDoc> {
  const mine = await list<ShareRefDoc>(db.collection('shareRefs').where({ shopId, sharerOpenId }).limit(100));
  const existing = mine.find((ref) => sameTarget(ref.target, target));
  if (existing) return existing;
  const ref: ShareRefDoc = { _id: randomCode(SHARE_CODE_LENGTH), shopId, sharerOpenId, target, createdAt: now };
  // 31^10 codes: a collision is practically impossible, and the unique _id would refuse one.
  await db.collection('shareRefs').add({ data: ref });
  return ref;
}
