// Reading and writing live shows. Owners' and staff's edits are one conditional write on the
// version they were decided from (updatedAt); the counters (sold, takenBy) move only under buyers'
// orders, with atomic updates from the orders function, and an edit never writes them back.
// Running a show (开播, 讲解, on/off, 补库存, 下播) is one conditional update each, on the state it needs.
import { randomBytes } from 'node:crypto';
import type { LiveHistoryEntry, LiveShowVendorView } from '@core/contracts';
import { AppError } from '@core/errors';
import { liveShowPublic, liveState, type LiveProduct, type LiveShowDoc } from '@core/live';
import type { MemberDoc } from '@core/model';
import { can } from '@core/shops';
import { requirePermission, type Membership } from '../_shared/auth';
import { changedCount, findById, list, type Db } from '../_shared/db';

export const SHOWS = 'liveShows';

export const newId = (): string => randomBytes(12).toString('hex');

export const findShow = (db: Db, showId: string) => findById<LiveShowDoc>(db, SHOWS, showId);

/** What the caller may do with a show: edit it (owner, staff), run it (they, or one of its streamers). */
export interface ShowAccess extends Membership {
  show: LiveShowDoc;
  canEdit: boolean;
  canRun: boolean;
}

/**
 * The show and the caller's rights in its shop. A member of another shop hears NOT_A_MEMBER; a
 * streamer of this shop not assigned to the show hears LIVE_NOT_ASSIGNED.
 */
export async function showAccess(db: Db, showId: string, openid: string, need: 'view' | 'run' | 'edit'): Promise<ShowAccess> {
  const show = await findShow(db, showId);
  if (!show) throw new AppError('LIVE_SHOW_NOT_FOUND');
  let membership: Membership;
  try {
    membership = await requirePermission(db, show.shopId, openid, 'runLive');
  } catch (err) {
    if (err instanceof AppError && err.code === 'SHOP_NOT_FOUND') throw new AppError('LIVE_SHOW_NOT_FOUND');
    throw err;
  }
  const canEdit = can(membership.member.role, 'manageLive');
  const canRun = canEdit || show.streamerOpenIds.includes(openid);
  if (need === 'edit' && !canEdit) throw new AppError('FORBIDDEN', '只有店主和店员能改直播的商品和价格');
  if (!canRun) throw new AppError('LIVE_NOT_ASSIGNED');
  return { ...membership, show, canEdit, canRun };
}

export async function productsOf(db: Db, show: Pick<LiveShowDoc, 'items'>): Promise<LiveProduct[]> {
  const ids = [...new Set(show.items.map((item) => item.productId))];
  if (ids.length === 0) return [];
  return list<LiveProduct>(db.collection('products').where({ _id: db.command.in(ids) }).field({ shopId: true, name: true, unit: true, images: true, skus: true, status: true }).limit(100));
}

async function streamerNames(db: Db, show: LiveShowDoc): Promise<{ openid: string; name: string }[]> {
  if (show.streamerOpenIds.length === 0) return [];
  const members = await list<MemberDoc>(db.collection('members').where({ shopId: show.shopId, openid: db.command.in(show.streamerOpenIds) }).limit(20));
  return show.streamerOpenIds.map((openid) => ({ openid, name: members.find((member) => member.openid === openid)?.name ?? '' }));
}

export async function vendorViewOf(db: Db, access: Pick<ShowAccess, 'show' | 'canEdit' | 'canRun'>, now: number): Promise<LiveShowVendorView> {
  const { show } = access;
  const [products, streamers] = await Promise.all([productsOf(db, show), streamerNames(db, show)]);
  const view = liveShowPublic(show, products, now);
  return {
    ...view,
    items: view.items.map((item, index) => ({ ...item, stockCap: show.items[index].stockCap })),
    streamers,
    history: show.history,
    canEdit: access.canEdit,
    canRun: access.canRun,
    autoEndAt: liveState(show, now) === 'live' ? show.autoEndAt : null,
    updatedAt: show.updatedAt,
  };
}

export function historyEntry(event: LiveHistoryEntry['event'], byName: string, at: number, itemId: string | null = null, quantity: number | null = null): LiveHistoryEntry {
  return { at, event, byName, itemId, quantity };
}

/**
 * One conditional update of the show: lands only where `where` still holds. False when it did not
 * (someone else moved the show first). Every change appends its history entry and moves updatedAt.
 */
export async function moveShow(db: Db, show: LiveShowDoc, where: Record<string, unknown>, data: Record<string, unknown>, entry: LiveHistoryEntry): Promise<boolean> {
  const _ = db.command;
  const updatedAt = Math.max(entry.at, show.updatedAt + 1);
  const moved = await changedCount(db.collection(SHOWS).where({ _id: show._id, ...where }).update({ data: { ...data, history: _.push(entry), updatedAt } }));
  return moved === 1;
}

/** The show as it is now, after a change. */
export async function reload(db: Db, showId: string): Promise<LiveShowDoc> {
  const show = await findShow(db, showId);
  if (!show) throw new AppError('LIVE_SHOW_NOT_FOUND');
  return show;
}
