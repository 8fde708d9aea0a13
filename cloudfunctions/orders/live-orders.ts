// Orders placed from a live show's page: the show's own figures move with its orders.
// - The live price holds only while the show is live and the item on: the order's update on the
//   show lands only then, by the server's clock (status 'live', autoEndAt ahead, on.<item> true).
// - The live stock cap: `sold.<item>` goes up in that same conditional update, only while the cap
//   allows it, and down again wherever the order's stock goes back.
// - The per-buyer cap moves with it: `takenBy.<buyer key>.<item>`, so one buyer's simultaneous
//   orders cannot pass it.
// What the order took is kept on it (`live.taken`), so what goes back is exactly that.
import { createHash } from 'node:crypto';
import { AppError } from '@core/errors';
import { liveOrderProblem, type LiveShowDoc } from '@core/live';
import type { OrderDoc } from '@core/model';
import { changedCount, list, type Db } from '../_shared/db';

const SHOWS = 'liveShows';

/** A buyer's key in `takenBy`: no openid is stored on the show, and keys differ between shows. */
const buyerKeyOf = (showId: string, buyerOpenId: string): string => createHash('sha256').update(`${showId}\n${buyerOpenId}`).digest('hex').slice(0, 24);

/** The show as ordering reads it: what prices and caps need, and this buyer's own counters only. */
export type OrderingShow = Pick<LiveShowDoc, '_id' | 'shopId' | 'items' | 'status' | 'autoEndAt' | 'on' | 'sold'> & { mine: Record<string, number> };

/** A show of this shop that buyers may order from (not called off); LIVE_SHOW_NOT_FOUND otherwise. */
export async function loadOrderingShow(db: Db, showId: string, shopId: string, buyerOpenId: string | null): Promise<OrderingShow> {
  const field: Record<string, true> = { shopId: true, items: true, status: true, autoEndAt: true, on: true, sold: true };
  if (buyerOpenId) field[`takenBy.${buyerKeyOf(showId, buyerOpenId)}`] = true;
  const [show] = await list<LiveShowDoc>(db.collection(SHOWS).where({ _id: showId }).field(field).limit(1));
  if (!show || show.status === 'cancelled' || show.shopId !== shopId) throw new AppError('LIVE_SHOW_NOT_FOUND');
  const mine = buyerOpenId ? (show.takenBy?.[buyerKeyOf(showId, buyerOpenId)] ?? {}) : {};
  return { ...show, mine };
}

/**
 * Takes an order's live quantities off the show's caps and the buyer's: one update that lands only
 * while the show is live and before its automatic end, every item's live price is on, every capped
 * item has room and the buyer is within every cap. False when it did not land.
 */
export async function takeLiveStock(db: Db, show: OrderingShow, buyerOpenId: string, quantities: Readonly<Record<string, number>>, now: number): Promise<boolean> {
  const _ = db.command;
  const conditions: Parameters<typeof _.and>[0] = [{ _id: show._id }, { status: 'live' }, { autoEndAt: _.gt(now) }];
  const data: Record<string, unknown> = {};
  const within = (field: string, room: number) => conditions.push(_.or([{ [field]: _.lte(room) }, { [field]: _.exists(false) }]));
  const buyer = buyerKeyOf(show._id, buyerOpenId);
  for (const [itemId, quantity] of Object.entries(quantities)) {
    const item = show.items.find((candidate) => candidate.id === itemId);
    if (!item) return false;
    conditions.push({ [`on.${itemId}`]: true });
    data[`sold.${itemId}`] = _.inc(quantity);
    if (item.stockCap !== null) within(`sold.${itemId}`, item.stockCap - quantity);
    if (item.limitPerBuyer !== null) {
      data[`takenBy.${buyer}.${itemId}`] = _.inc(quantity);
      within(`takenBy.${buyer}.${itemId}`, item.limitPerBuyer - quantity);
    }
  }
  if (Object.keys(data).length === 0) return true;
  return (await changedCount(db.collection(SHOWS).where(_.and(conditions)).update({ data }))) === 1;
}

/** The part of an order's live quantities that counts against the buyer's cap (items with one). */
export function limitedOf(show: Pick<LiveShowDoc, 'items'>, quantities: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(quantities).filter(([itemId]) => show.items.find((item) => item.id === itemId)?.limitPerBuyer != null));
}

/** Gives an order's live quantities back to the show's caps and the buyer's (not written, or called off). */
export async function putBackLiveStock(db: Db, showId: string, buyerOpenId: string, taken: Readonly<Record<string, number>>, limited: Readonly<Record<string, number>>): Promise<void> {
  const _ = db.command;
  const buyer = buyerKeyOf(showId, buyerOpenId);
  const data: Record<string, unknown> = {};
  for (const [itemId, quantity] of Object.entries(taken)) if (quantity > 0) data[`sold.${itemId}`] = _.inc(-quantity);
  for (const [itemId, quantity] of Object.entries(limited)) if (quantity > 0) data[`takenBy.${buyer}.${itemId}`] = _.inc(-quantity);
  if (Object.keys(data).length === 0) return;
  await db.collection(SHOWS).where({ _id: showId }).update({ data });
}

/** A called-off order's live quantities go back with its stock. */
export async function putBackLiveStockOf(db: Db, order: OrderDoc): Promise<void> {
  if (order.live) await putBackLiveStock(db, order.live.showId, order.buyerOpenId, order.live.taken, order.live.limited);
}

/**
 * Why the update did not land, read again now: the show ended or the price went off (the buyer saw
 * a live price that is gone: PRICE_CHANGED), the buyer's cap, or the live stock.
 */
export async function liveRefusal(db: Db, show: OrderingShow, buyerOpenId: string, quantities: Readonly<Record<string, number>>, now: number): Promise<AppError> {
  const latest = await loadOrderingShow(db, show._id, show.shopId, buyerOpenId);
  const stillOn = latest.status === 'live' && latest.autoEndAt !== null && latest.autoEndAt > now && Object.keys(quantities).every((itemId) => latest.on[itemId] === true);
  if (!stillOn) return new AppError('PRICE_CHANGED', '直播价已经结束了，请看一下新的金额再下单');
  const problem = liveOrderProblem(latest, quantities, latest.mine);
  return new AppError(problem?.code ?? 'LIVE_SOLD_OUT', problem?.message);
}
