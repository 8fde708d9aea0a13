// What owners and staff do with live shows: the shop's Channels account, scheduling a show with
// its items and live prices, editing it until it ends, calling it off, and listing the shows.
import type { liveContract, LiveShowInput } from '@core/contracts';
import { LiveSettings } from '@core/contracts';
import { AppError } from '@core/errors';
import { assignItemIds, liveInputProblems, liveShowRow, liveState, newLiveShow, START_GRACE_MS, type LiveProduct, type LiveShowDoc } from '@core/live';
import type { MemberDoc } from '@core/model';
import type { ActionImpls } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { changedCount, database, list, type Db } from '../_shared/db';
import { findShow, historyEntry, moveShow, newId, reload, SHOWS, showAccess, vendorViewOf } from './store';

type Impls = ActionImpls<typeof liveContract>;

const settingsOf = (live: unknown) => LiveSettings.parse(live ?? {});

/** The input's goods checked against the shop's products, and its streamers against its members. */
async function checkInput(db: Db, shopId: string, input: LiveShowInput): Promise<void> {
  const _ = db.command;
  const [products, members] = await Promise.all([
    list<LiveProduct>(db.collection('products').where({ _id: _.in([...new Set(input.items.map((item) => item.productId))]) }).limit(100)),
    input.streamerOpenIds.length ? list<MemberDoc>(db.collection('members').where({ shopId, openid: _.in(input.streamerOpenIds) }).limit(20)) : Promise.resolve([]),
  ]);
  const problem = liveInputProblems(input, products, shopId);
  if (problem) throw new AppError(problem.code, undefined, [{ path: `show.${problem.field.path}`, message: problem.field.message }]);
  const missing = input.streamerOpenIds.findIndex((openid) => !members.some((member) => member.openid === openid));
  if (missing >= 0) throw new AppError('LIVE_STREAMER_INVALID', undefined, [{ path: `show.streamerOpenIds.${missing}`, message: '这个人不是小店的成员' }]);
}

export const vendorActions: Pick<Impls, 'liveSettings' | 'saveLiveSettings' | 'createShow' | 'updateShow' | 'cancelShow' | 'listShows' | 'vendorShow'> = {
  async liveSettings({ shopId }, ctx) {
    const { shop } = await requirePermission(database(), shopId, ctx.openid, 'runLive');
    return { settings: settingsOf(shop.live) };
  },

  async saveLiveSettings({ shopId, settings }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'manageShop');
    await db.collection('shops').doc(shopId).update({ data: { live: db.command.set(settings), updatedAt: ctx.clock.now() } });
    return { settings };
  },

  async createShow({ shopId, show: input }, ctx) {
    const db = database();
    const { shop, member } = await requirePermission(db, shopId, ctx.openid, 'manageLive');
    const now = ctx.clock.now();
    const { finderUserName } = settingsOf(shop.live);
    if (!finderUserName) throw new AppError('LIVE_CHANNELS_MISSING');
    if (input.startAt < now - START_GRACE_MS) throw new AppError('LIVE_TIME_INVALID', undefined, [{ path: 'show.startAt', message: '开播时间已经过了' }]);
    await checkInput(db, shopId, input);
    const show = newLiveShow({ id: newId(), shopId, title: input.title, startAt: input.startAt, finderUserName, streamerOpenIds: input.streamerOpenIds, items: input.items, createdBy: ctx.openid, byName: member.name, now });
    await db.collection(SHOWS).add({ data: show });
    return { show: await vendorViewOf(db, { show, canEdit: true, canRun: true }, now) };
  },

  async updateShow({ showId, show: input, expectedUpdatedAt }, ctx) {
    const db = database();
    const access = await showAccess(db, showId, ctx.openid, 'edit');
    const { show, member } = access;
    const now = ctx.clock.now();
    const state = liveState(show, now);
    if (state === 'ended' || state === 'cancelled') throw new AppError('LIVE_STATE_CONFLICT', '直播已经结束了，不能再改');
    if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== show.updatedAt) throw new AppError('LIVE_STATE_CONFLICT');
    if (state === 'scheduled' && input.startAt !== show.startAt && input.startAt < now - START_GRACE_MS) {
      throw new AppError('LIVE_TIME_INVALID', undefined, [{ path: 'show.startAt', message: '开播时间已经过了' }]);
    }
    await checkInput(db, show.shopId, input);
    const { items, nextItemNo } = assignItemIds(show, input.items);
    const _ = db.command;
    const data: Record<string, unknown> = {
      title: input.title,
      startAt: input.startAt,
      streamerOpenIds: _.set(input.streamerOpenIds),
      items: _.set(items),
      nextItemNo,
      // A new item starts with its live price on; a removed one's pin goes with it.
      on: _.set(Object.fromEntries(items.map((item) => [item.id, show.on[item.id] ?? true]))),
      version: _.inc(1),
    };
    if (show.pinnedItemId && !items.some((item) => item.id === show.pinnedItemId)) data.pinnedItemId = null;
    if (!(await moveShow(db, show, { updatedAt: show.updatedAt }, data, historyEntry('updated', member.name, now)))) throw new AppError('LIVE_STATE_CONFLICT');
    return { show: await vendorViewOf(db, { ...access, show: await reload(db, showId) }, now) };
  },

  async cancelShow({ showId }, ctx) {
    const db = database();
    const access = await showAccess(db, showId, ctx.openid, 'edit');
    const now = ctx.clock.now();
    if (access.show.status !== 'cancelled') {
      const moved = await moveShow(db, access.show, { status: 'scheduled' }, { status: 'cancelled', endedAt: now }, historyEntry('cancelled', access.member.name, now));
      if (!moved) throw new AppError('LIVE_STATE_CONFLICT', '直播已经开始或结束了，不能取消');
    }
    return { show: await vendorViewOf(db, { ...access, show: await reload(db, showId) }, now) };
  },

  async listShows({ shopId, state, cursor, limit }, ctx) {
    const db = database();
    const { member } = await requirePermission(db, shopId, ctx.openid, 'runLive');
    const now = ctx.clock.now();
    const where: Record<string, unknown> = { shopId };
    if (member.role === 'streamer') where.streamerOpenIds = ctx.openid;
    // A shop runs a handful of shows a week: its shows are read whole and filtered by the state read now.
    const shows = await list<LiveShowDoc>(db.collection(SHOWS).where(where).field({ history: false, takenBy: false, restocks: false }).orderBy('startAt', 'desc').limit(1000));
    const rows = shows.map((show) => liveShowRow(show, ctx.openid, now)).filter((row) => !state || row.state === state);
    const offset = cursor === undefined ? 0 : Number(cursor);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > rows.length) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'cursor', message: '翻页位置不对，请刷新' }]);
    return { shows: rows.slice(offset, offset + limit), nextCursor: rows.length > offset + limit ? String(offset + limit) : null };
  },

  async vendorShow({ showId }, ctx) {
    const db = database();
    const access = await showAccess(db, showId, ctx.openid, 'view');
    await settleAutoEnd(db, access.show, ctx.clock.now());
    return { show: await vendorViewOf(db, { ...access, show: (await findShow(db, showId)) ?? access.show }, ctx.clock.now()) };
  },
};

/** A show past its automatic end is written as ended the first time someone looks (its state already reads so). */
export async function settleAutoEnd(db: Db, show: LiveShowDoc, now: number): Promise<void> {
  if (show.status !== 'live' || liveState(show, now) !== 'ended' || show.autoEndAt === null) return;
  const _ = db.command;
  await changedCount(
    db.collection(SHOWS).where({ _id: show._id, status: 'live' }).update({
      data: { status: 'ended', endedAt: show.autoEndAt, pinnedItemId: null, version: _.inc(1), history: _.push(historyEntry('auto_ended', '', show.autoEndAt)), updatedAt: Math.max(now, show.updatedAt + 1) },
    }),
  );
}
