// Running a show: 开播, 讲解 (pin), an item's live price on or off, 补库存, 下播. Owner, staff or one
// of the show's streamers. Each is one conditional update on the state it needs, so two phones
// tapping at once move the show once; tapped again, 开播 and 下播 answer the show as it is.
import { createHash } from 'node:crypto';
import type { liveContract } from '@core/contracts';
import { LiveSettings } from '@core/contracts';
import { AppError } from '@core/errors';
import { liveState, type LiveShowDoc } from '@core/live';
import type { ShopDoc } from '@core/model';
import type { ActionImpls, UserContext } from '../_shared/handler';
import { database, findById, type Db } from '../_shared/db';
import { keepSummary } from './dashboard';
import { historyEntry, moveShow, reload, showAccess, vendorViewOf, type ShowAccess } from './store';

type Impls = ActionImpls<typeof liveContract>;

/** The show as the caller now sees it. */
async function answer(db: Db, access: ShowAccess, now: number) {
  return { show: await vendorViewOf(db, { ...access, show: await reload(db, access.show._id) }, now) };
}

/** A show that can still be set up or run: scheduled, or live before its automatic end. */
function assertRunning(show: LiveShowDoc, now: number): void {
  const state = liveState(show, now);
  if (state === 'ended' || state === 'cancelled') throw new AppError('LIVE_STATE_CONFLICT', '直播已经结束了');
}

function itemOf(show: LiveShowDoc, itemId: string) {
  const item = show.items.find((candidate) => candidate.id === itemId);
  if (!item) throw new AppError('LIVE_ITEM_NOT_FOUND');
  return item;
}

const RUNNING = (db: Db) => ({ status: db.command.in(['scheduled', 'live']) });

async function run(ctx: UserContext, showId: string, act: (db: Db, access: ShowAccess, now: number) => Promise<void>) {
  const db = database();
  const access = await showAccess(db, showId, ctx.openid, 'run');
  const now = ctx.clock.now();
  await act(db, access, now);
  return answer(db, access, now);
}

export const runActions: Pick<Impls, 'startShow' | 'endShow' | 'pin' | 'setItemOn' | 'restock'> = {
  startShow: ({ showId }, ctx) =>
    run(ctx, showId, async (db, { show, member }, now) => {
      if (show.status === 'live' && liveState(show, now) === 'live') return;
      if (show.status !== 'scheduled') throw new AppError('LIVE_STATE_CONFLICT', '这场直播已经结束或取消了');
      const shop = await findById<ShopDoc>(db, 'shops', show.shopId);
      const { autoEndMinutes } = LiveSettings.parse(shop?.live ?? {});
      const moved = await moveShow(db, show, { status: 'scheduled' }, { status: 'live', liveAt: now, autoEndAt: now + autoEndMinutes * 60_000, version: db.command.inc(1) }, historyEntry('started', member.name, now));
      if (!moved && (await reload(db, show._id)).status !== 'live') throw new AppError('LIVE_STATE_CONFLICT');
    }),

  endShow: ({ showId }, ctx) =>
    run(ctx, showId, async (db, { show, member }, now) => {
      if (show.status === 'ended') return;
      if (show.status !== 'live') throw new AppError('LIVE_STATE_CONFLICT', '直播还没开始');
      // Past its automatic end, it ended then.
      const endedAt = show.autoEndAt !== null ? Math.min(now, show.autoEndAt) : now;
      const event = endedAt < now ? 'auto_ended' : 'ended';
      if (await moveShow(db, show, { status: 'live' }, { status: 'ended', endedAt, pinnedItemId: null, version: db.command.inc(1) }, historyEntry(event, member.name, endedAt))) {
        await keepSummary(db, await reload(db, show._id), now);
      }
    }),

  pin: ({ showId, itemId }, ctx) =>
    run(ctx, showId, async (db, { show, member }, now) => {
      assertRunning(show, now);
      if (itemId !== null) itemOf(show, itemId);
      if (show.pinnedItemId === itemId) return;
      const entry = historyEntry(itemId === null ? 'unpinned' : 'pinned', member.name, now, itemId ?? show.pinnedItemId);
      if (!(await moveShow(db, show, RUNNING(db), { pinnedItemId: itemId, version: db.command.inc(1) }, entry))) throw new AppError('LIVE_STATE_CONFLICT');
    }),

  setItemOn: ({ showId, itemId, on }, ctx) =>
    run(ctx, showId, async (db, { show, member }, now) => {
      assertRunning(show, now);
      itemOf(show, itemId);
      if ((show.on[itemId] === true) === on) return;
      const entry = historyEntry(on ? 'price_on' : 'price_off', member.name, now, itemId);
      if (!(await moveShow(db, show, RUNNING(db), { [`on.${itemId}`]: on, version: db.command.inc(1) }, entry))) throw new AppError('LIVE_STATE_CONFLICT');
    }),

  restock: ({ showId, itemId, quantity }, ctx) =>
    run(ctx, showId, async (db, access, now) => {
      // A retried 补库存 (same requestId) adds once.
      const key = createHash('sha256').update(`${ctx.openid}\n${ctx.requestId ?? ''}`).digest('hex').slice(0, 24);
      let show = access.show;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        assertRunning(show, now);
        const item = itemOf(show, itemId);
        if (item.stockCap === null) throw new AppError('LIVE_ITEM_UNCAPPED');
        if (ctx.requestId && show.restocks?.[key]) return;
        const items = show.items.map((candidate) => (candidate.id === itemId ? { ...candidate, stockCap: (candidate.stockCap ?? 0) + quantity } : candidate));
        const data: Record<string, unknown> = { items: db.command.set(items), version: db.command.inc(1) };
        if (ctx.requestId) data[`restocks.${key}`] = true;
        // The items are written whole, so only over the version they were read at (orders never move it).
        if (await moveShow(db, show, { updatedAt: show.updatedAt }, data, historyEntry('restocked', access.member.name, now, itemId, quantity))) return;
        show = await reload(db, show._id);
      }
      throw new AppError('LIVE_STATE_CONFLICT');
    }),
};
