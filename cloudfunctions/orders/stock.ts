// Stock on the shelf and the stock orders take. Stock moves only by atomic conditional updates.
// Placing an order takes stock before the order is written, so each take also leaves a hold on
// the product, in the same update, keyed by the placement request (buyer and requestId) and naming
// the order-to-be. The hold does two jobs: if the placement dies before its order is written (a
// crash, a kill, a timeout), settleStaleHolds finds the hold without an order and puts the stock
// back, once; and while it stands, a twin call of the same request (a double tap, a retry sent
// while the first is still running) cannot take stock again and waits for the first's order.
import { createHash } from 'node:crypto';
import type { ProductDoc, StockHold } from '@core/model';
import { changedCount, database, findById, list, type Db } from '../_shared/db';

const PRODUCTS = 'products';
/**
 * How old a hold must be before the sweep judges it: well past the function's 10 s timeout, so a
 * placement still running has either written its order or is dead.
 */
export const HOLD_GRACE_MS = 2 * 60 * 1000;

/** What a stock movement needs from an order line. */
export interface StockLine {
  productId: string;
  skuId: string;
  quantity: number;
}

/** One placement request, as a hold key can hold it (requestIds are the client's free text). */
export const requestKeyOf = (buyerOpenId: string, requestId: string): string => createHash('sha256').update(`${buyerOpenId}\n${requestId}`).digest('hex').slice(0, 32);

const holdKey = (requestKey: string, index: number): string => `${requestKey}_${index}`;
/** The hold of a request's first line: every placement that takes stock writes it. */
export const firstHoldKey = (requestKey: string): string => holdKey(requestKey, 0);

/**
 * Takes `quantity` of a SKU off the shelf for line `index` of a placement request if, and only if,
 * that much is there, the product is on sale and the request holds nothing here yet: condition,
 * decrement and hold are one update, so two buyers can never both take the last one, nor one
 * request twice. True when taken.
 */
export async function takeStock(db: Db, line: StockLine, requestKey: string, orderId: string, index: number, at: number): Promise<boolean> {
  const _ = db.command;
  const key = `holds.${holdKey(requestKey, index)}`;
  const hold: StockHold = { orderId, skuId: line.skuId, quantity: line.quantity, at };
  const updated = await changedCount(db
    .collection(PRODUCTS)
    .where({ _id: line.productId, status: 'on_sale', [key]: _.exists(false), skus: _.elemMatch({ id: line.skuId, stock: _.gte(line.quantity) }) })
    .update({ data: { 'skus.$.stock': _.inc(-line.quantity), [key]: _.set(hold) } }));
  return updated === 1;
}

/**
 * Undoes the takes of a placement whose order will not be written: each line's stock goes back
 * only if its hold is still there and is this placement's own (a twin's hold stays), and the hold
 * goes with it, so this and the sweep can never both put it back.
 */
export async function releaseHolds(db: Db, requestKey: string, orderId: string, lines: readonly StockLine[]): Promise<void> {
  const returned = await Promise.all(lines.map((line, index) => returnHeld(db, line.productId, holdKey(requestKey, index), line, orderId)));
  await Promise.all([...new Set(lines.filter((_line, index) => returned[index]).map((line) => line.productId))].map((productId) => dropEmptyHolds(db, productId)));
}

/** Whether another call of the same request holds stock on one of these products (it is running, or its order is written). */
export async function twinHolds(db: Db, requestKey: string, productIds: readonly string[]): Promise<boolean> {
  const _ = db.command;
  const { total } = (await db
    .collection(PRODUCTS)
    .where({ _id: _.in([...new Set(productIds)]), [`holds.${firstHoldKey(requestKey)}`]: _.exists(true) })
    .count()) as { total: number };
  return total > 0;
}

/**
 * Removes a product's holds object once it is empty, unless a new hold arrived meanwhile: the sweep
 * finds products by it, and a refused placement should leave the product as it found it.
 */
async function dropEmptyHolds(db: Db, productId: string): Promise<void> {
  const _ = db.command;
  await db.collection(PRODUCTS).where({ _id: productId, holds: _.eq({}) }).update({ data: { holds: _.remove() } });
}

async function returnHeld(db: Db, productId: string, key: string, line: Pick<StockLine, 'skuId' | 'quantity'>, orderId: string): Promise<boolean> {
  const _ = db.command;
  const updated = await changedCount(db
    .collection(PRODUCTS)
    .where({ _id: productId, 'skus.id': line.skuId, [`holds.${key}.orderId`]: orderId })
    .update({ data: { 'skus.$.stock': _.inc(line.quantity), [`holds.${key}`]: _.remove() } }));
  return updated === 1;
}

/** Drops a hold whose order was written: from then on the order's own state says where the stock is. */
async function dropHold(db: Db, productId: string, key: string): Promise<void> {
  const _ = db.command;
  await db
    .collection(PRODUCTS)
    .where({ _id: productId, [`holds.${key}`]: _.exists(true) })
    .update({ data: { [`holds.${key}`]: _.remove() } });
}

/** Puts a written order's stock back (it was cancelled), last line first. A SKU removed meanwhile takes its stock with it. */
export async function putBackStock(db: Db, lines: readonly StockLine[]): Promise<void> {
  const _ = db.command;
  for (const line of [...lines].reverse()) {
    await db
      .collection(PRODUCTS)
      .where({ _id: line.productId, 'skus.id': line.skuId })
      .update({ data: { 'skus.$.stock': _.inc(line.quantity) } });
  }
}

export interface HoldsReport {
  /** Holds whose placement died: their stock is back on the shelf. */
  returned: number;
  /** Holds of orders that were written, dropped. */
  dropped: number;
}

/** The timer's step: judges every hold older than the grace period. */
export async function settleStaleHolds(now: number): Promise<HoldsReport> {
  const db = database();
  const _ = db.command;
  const report: HoldsReport = { returned: 0, dropped: 0 };
  const products = await list<ProductDoc>(db.collection(PRODUCTS).where({ holds: _.exists(true) }).limit(100));
  for (const product of products) {
    for (const [key, hold] of Object.entries(product.holds ?? {})) {
      if (hold.at > now - HOLD_GRACE_MS) continue;
      if (await findById(db, 'orders', hold.orderId)) {
        await dropHold(db, product._id, key);
        report.dropped++;
      } else if (await returnHeld(db, product._id, key, hold, hold.orderId)) {
        report.returned++;
      }
    }
    await dropEmptyHolds(db, product._id);
  }
  return report;
}
