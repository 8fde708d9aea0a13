// What buyers read of a show: the live page (the show, its items at their prices now, the pin)
// and the pulse it polls to follow the streamer's 讲解. A cancelled show is not found.
import type { liveContract } from '@core/contracts';
import { AppError } from '@core/errors';
import { toShopPublic } from '@core/catalog';
import { livePulse, liveShowPublic, type LiveShowDoc } from '@core/live';
import type { ShopDoc } from '@core/model';
import type { ActionImpls } from '../_shared/handler';
import { database, findById, list } from '../_shared/db';
import { findShow, productsOf, SHOWS } from './store';

type Impls = ActionImpls<typeof liveContract>;

/** What the pulse reads: no history, no per-buyer counters. */
const PULSE_FIELDS = { status: true, autoEndAt: true, pinnedItemId: true, version: true, items: true, on: true, sold: true, shopId: true } as const;

export const buyerActions: Pick<Impls, 'liveShow' | 'pulse'> = {
  async liveShow({ showId }, ctx) {
    const db = database();
    const show = await findShow(db, showId);
    if (!show || show.status === 'cancelled') throw new AppError('LIVE_SHOW_NOT_FOUND');
    const [shop, products] = await Promise.all([findById<ShopDoc>(db, 'shops', show.shopId), productsOf(db, show)]);
    if (!shop) throw new AppError('LIVE_SHOW_NOT_FOUND');
    return { shop: toShopPublic(shop), show: liveShowPublic(show, products, ctx.clock.now()) };
  },

  async pulse({ showId }, ctx) {
    // One small read of one document: the cost of following the pin by polling.
    const [show] = await list<LiveShowDoc>(database().collection(SHOWS).where({ _id: showId }).field(PULSE_FIELDS).limit(1));
    if (!show || show.status === 'cancelled') throw new AppError('LIVE_SHOW_NOT_FOUND');
    return { pulse: livePulse(show, ctx.clock.now()) };
  },
};
