// Pickup hand-over (核销). A pickup order's buyer shows a 6-digit code (and its QR); the vendor
// types or scans it and the shop's own order holding it completes.
//
// When the code is made: the first time the buyer's order page asks for it once the order is paid
// (or ready), and then kept on the order (`pickupCode`). Paid, not only ready_for_pickup, because
// buyers of a group-buy often come on the announced pickup day without the vendor pressing
// 可以取货 first; lazily, because that needs no change to the many ways an order becomes paid
// (WeChat Pay notice, confirmed transfer, a 拼团 that fills), and the order's state writes stay as
// they are. The code is written with a condition (only where none is stored), so two page loads
// racing keep one code.
//
// Uniqueness: among the shop's orders awaiting pickup (paid or ready), checked before the write.
// Two orders of one shop drawing the same code in the same instant is a one-in-a-million race per
// pair; should it happen, redeemPickup refuses the code as ambiguous rather than pick one.
//
// Guessing: wrong codes are counted per shop per minute (collection pickupTries); from the 10th
// wrong code in a minute the shop's tries are refused until the minute is over (see
// PICKUP_WRONG_TRIES_PER_MINUTE).
import { randomInt } from 'node:crypto';
import cloud from 'wx-server-sdk';
import type { ordersContract } from '@core/contracts';
import type { PickupPointWaiting, PickupWaitingRow } from '@core/contracts/pickup';
import { AppError } from '@core/errors';
import type { OrderDoc, ShopDoc } from '@core/model';
import { awaitingGroup } from '@core/order-actions';
import { lineLabel } from '@core/order-names';
import { orderRulesOf } from '@core/shops';
import {
  AWAITING_PICKUP,
  DEFAULT_PICKUP_REMINDER_TEMPLATE,
  formatPickupCode,
  minuteOf,
  normalisePickupCode,
  PICKUP_REMINDER_ENV,
  PICKUP_WRONG_TRIES_PER_MINUTE,
  pickupReminderNotice,
  redeemCheck,
} from '@core/pickup';
import type { ActionImpls } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { changedCount, database, findById, list, type Db } from '../_shared/db';
import { applyEvents, loadOrder, ORDER_PERMISSION, ORDERS, requestIdOf, requireVendor, withDefaults } from './store';

/** The pickup fields kept on an order beside its OrderDoc shape. */
type PickupOrder = OrderDoc & { pickupCode?: string | null; pickupRemindedAt?: number | null };

const TRIES = 'pickupTries';
const DAY_MS = 24 * 60 * 60 * 1000;
const reminderTemplate = process.env[PICKUP_REMINDER_ENV]?.trim() || DEFAULT_PICKUP_REMINDER_TEMPLATE;

const awaiting = (order: OrderDoc) => AWAITING_PICKUP.includes(order.state);

/** The order's code, made now if it has none (see the top of this file). */
async function ensureCode(db: Db, order: PickupOrder): Promise<string> {
  if (order.pickupCode) return order.pickupCode;
  const _ = db.command;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const code = formatPickupCode(randomInt(0, 1_000_000));
    const { total } = (await db.collection(ORDERS).where({ shopId: order.shopId, pickupCode: code, state: _.in([...AWAITING_PICKUP]) }).count()) as { total: number };
    if (total > 0) continue;
    const updated = await changedCount(db.collection(ORDERS).where({ _id: order._id, pickupCode: null }).update({ data: { pickupCode: code } }));
    if (updated === 1) return code;
    // Another call stored one first: that one is the code.
    const stored = (await findById<PickupOrder>(db, ORDERS, order._id))?.pickupCode;
    if (stored) return stored;
  }
  throw new AppError('INTERNAL', '取货码没生成出来，请稍后再试');
}

/** The shop's wrong tries this minute; from the limit on every try is refused until the minute is over. */
async function checkNotLocked(db: Db, shopId: string, now: number): Promise<string> {
  const id = `${shopId}:${minuteOf(now)}`;
  const row = await findById<{ wrong: number }>(db, TRIES, id);
  if (row && row.wrong >= PICKUP_WRONG_TRIES_PER_MINUTE) throw new AppError('PICKUP_TOO_MANY_TRIES');
  return id;
}

async function countWrong(db: Db, id: string, shopId: string, now: number): Promise<void> {
  const _ = db.command;
  const bump = () => changedCount(db.collection(TRIES).where({ _id: id }).update({ data: { wrong: _.inc(1) } }));
  if ((await bump()) === 1) return;
  try {
    await db.collection(TRIES).add({ data: { _id: id, shopId, wrong: 1, at: now } });
  } catch {
    // A twin made the row first: count on it.
    await bump();
  }
}

/** When the buyer paid: the history entry that moved the order to paid. */
const paidAtOf = (order: OrderDoc): number | null => order.history.find((entry) => entry.to === 'paid')?.at ?? null;

function waitingRow(order: PickupOrder): PickupWaitingRow {
  const contact = order.fulfilment.kind === 'pickup' ? order.fulfilment.contact : { name: '', phone: '' };
  const [first] = order.lines;
  const title = first ? `${lineLabel(first)}${order.lines.length > 1 ? ` 等 ${order.lines.length} 件` : ''}` : '';
  return { orderId: order._id, orderNo: order.orderNo, state: order.state, title, totalFen: order.totalFen, contact, paidAt: paidAtOf(order), remindedAt: order.pickupRemindedAt ?? null };
}

/** Every pickup order of the shop still to be collected, 100 a read, up to 2,000. */
async function awaitingOrders(db: Db, shopId: string): Promise<PickupOrder[]> {
  const _ = db.command;
  const rows: PickupOrder[] = [];
  for (let offset = 0; offset < 2000; offset += 100) {
    const page = await list<PickupOrder>(db.collection(ORDERS).where({ shopId, 'fulfilment.kind': 'pickup', state: _.in([...AWAITING_PICKUP]) }).orderBy('createdAt', 'asc').orderBy('_id', 'asc').skip(offset).limit(100));
    rows.push(...page.map((order) => withDefaults(order) as PickupOrder));
    if (page.length < 100) break;
  }
  return rows;
}

export const pickupActions: Pick<ActionImpls<typeof ordersContract>, 'pickupCode' | 'redeemPickup' | 'pickupWaiting' | 'remindPickup'> = {
  async pickupCode({ orderId }, ctx) {
    const db = database();
    const order = (await loadOrder(db, orderId)) as PickupOrder;
    if (order.buyerOpenId !== ctx.openid) throw new AppError('ORDER_NOT_FOUND');
    if (order.fulfilment.kind !== 'pickup') throw new AppError('NOT_A_PICKUP_ORDER');
    // A 拼团 order is collected only once its group succeeded.
    if (!awaiting(order) || awaitingGroup(order)) return { code: null };
    return { code: await ensureCode(db, order) };
  },

  async redeemPickup({ shopId, code: typed }, ctx) {
    const db = database();
    const { shop } = await requirePermission(db, shopId, ctx.openid, ORDER_PERMISSION);
    const now = ctx.clock.now();
    const triesId = await checkNotLocked(db, shopId, now);
    const code = normalisePickupCode(typed);
    const found = code ? (await list<PickupOrder>(db.collection(ORDERS).where({ shopId, pickupCode: code }).limit(100))).map((order) => withDefaults(order) as PickupOrder) : [];
    if (found.length === 0) {
      await countWrong(db, triesId, shopId, now);
      throw new AppError('PICKUP_CODE_WRONG');
    }
    // A code is unique among the orders awaiting pickup; an older, finished order may hold it too.
    const open = found.filter(awaiting);
    if (open.length > 1) throw new AppError('PICKUP_CODE_WRONG', '这个取货码对不上唯一的订单，请按订单号找到订单再点“已取货”');
    const order = open[0] ?? found.find((candidate) => candidate.state === 'completed') ?? found[0];
    const check = redeemCheck(order);
    if (!check.ok) throw new AppError(check.code);
    if (awaitingGroup(order)) throw new AppError('PICKUP_CODE_NOT_READY', '这个团还没拼成，拼成后才能取货');
    const autoCompleteAt = now + orderRulesOf(shop as ShopDoc).autoCompleteDays * DAY_MS;
    const events = check.events.map((type) => (type === 'ready' ? { type, autoCompleteAt } : { type }));
    const saved = await applyEvents(db, order, events, { role: 'vendor', id: ctx.openid }, now, '核销取货码', requestIdOf(ctx));
    const fulfilment = saved.fulfilment.kind === 'pickup' ? saved.fulfilment : null;
    const [first] = saved.lines;
    return {
      order: {
        id: saved._id,
        orderNo: saved.orderNo,
        state: saved.state,
        title: first ? lineLabel(first) : '',
        contact: fulfilment?.contact ?? { name: '', phone: '' },
        pointName: fulfilment?.point.name ?? '',
      },
    };
  },

  async pickupWaiting({ shopId }, ctx) {
    const db = database();
    const { shop } = await requirePermission(db, shopId, ctx.openid, ORDER_PERMISSION);
    const orders = (await awaitingOrders(db, shopId)).filter((order) => !awaitingGroup(order));
    // Every point in the settings (in their order), then points that live only on orders (since removed).
    const byId = new Map<string, PickupPointWaiting>();
    for (const point of (shop as ShopDoc).fulfilment.pickup.points) byId.set(point.id, { point, orders: [] });
    for (const order of orders) {
      if (order.fulfilment.kind !== 'pickup') continue;
      const { point } = order.fulfilment;
      if (!byId.has(point.id)) byId.set(point.id, { point, orders: [] });
      byId.get(point.id)?.orders.push(waitingRow(order));
    }
    return { points: [...byId.values()] };
  },

  async remindPickup({ orderId }, ctx) {
    const db = database();
    const order = (await loadOrder(db, orderId)) as PickupOrder;
    await requireVendor(db, order, ctx.openid);
    if (order.fulfilment.kind !== 'pickup') throw new AppError('NOT_A_PICKUP_ORDER');
    if (!awaiting(order) || awaitingGroup(order)) throw new AppError('PICKUP_CODE_NOT_READY');
    const code = await ensureCode(db, order);
    const now = ctx.clock.now();
    // The mark is the once: of two taps only one write finds it unset.
    const marked = await changedCount(db.collection(ORDERS).where({ _id: orderId, pickupRemindedAt: null }).update({ data: { pickupRemindedAt: now } }));
    if (marked !== 1) throw new AppError('PICKUP_ALREADY_REMINDED');
    const notice = pickupReminderNotice(order, code, reminderTemplate);
    let sent = false;
    if (notice) {
      try {
        await cloud.openapi.subscribeMessage.send(notice);
        sent = true;
      } catch (err) {
        // A buyer who did not subscribe makes WeChat refuse; the reminder is still used up.
        const { errCode, errMsg } = (err ?? {}) as { errCode?: unknown; errMsg?: unknown };
        console.warn(`[orders.pickup] reminder for order ${orderId} not sent: ${String(errCode ?? '')} ${String(errMsg ?? err)}`);
      }
    }
    return { remindedAt: now, sent };
  },
};
