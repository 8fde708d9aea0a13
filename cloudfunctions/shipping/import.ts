// Batch shipping by import: the vendor's filled 发货单, or a two-column sheet of 订单号 and 单号 with
// the carrier picked on the page (a cloud fileID), is read with every guard
// (sheet.ts), each row decided by the pure rules (decideImport), and the valid orders shipped
// through the orders store, so each change is the one conditional write the ship action makes and
// a WeChat Pay order's shipping record is saved and sent with it (orders/store.ts commit).
import { createHash, randomBytes } from 'node:crypto';
import cloud from 'wx-server-sdk';
import type { ImportProblem, shippingContract } from '@core/contracts';
import { AppError } from '@core/errors';
import { decideImport, type ImportRow, type Shipment } from '@core/shipping-workspace';
import { orderRulesOf } from '@core/shops';
import { isOwnUpload, uploadFolderOf } from '@core/uploads';
import type { ShopDoc } from '@core/model';
import type { ActionImpls, UserContext } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { database, type Db } from '../_shared/db';
import { applyEvents, ORDER_PERMISSION } from '../orders/store';
import { ordersByNumber, trackingInUse } from './select';
import { MAX_FILE_BYTES, readSheet } from './sheet';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Orders shipped at once: each is a few writes and maybe a WeChat call; the database takes a few in parallel. */
const PARALLEL = 8;

async function download(fileID: string): Promise<Buffer> {
  try {
    const { fileContent } = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer };
    return fileContent;
  } catch (err) {
    console.warn('[shipping.import] file not downloaded', err);
    // SHEET_INVALID's own text, as every reply of a code without a specific message carries.
    throw new AppError('SHEET_INVALID');
  }
}

/**
 * The carrier picked on the page, for every row with a tracking number and no 快递公司 of its own
 * (all rows of a two-column sheet). Rows are then checked as any other: a row that names a carrier
 * keeps it, and a row with a carrier but no number is still incomplete.
 */
function withCarrier(rows: ImportRow[], carrier: string | undefined): ImportRow[] {
  if (!carrier) return rows;
  return rows.map((row) => (!row.carrier && row.number ? { ...row, carrier } : row));
}

/**
 * Ships one order as the vendor's ship action would. The request id names the file and the order:
 * the same caller importing the same file again is answered from the order's history.
 */
async function shipOne(db: Db, shipment: Shipment, shop: ShopDoc, ctx: UserContext, fileHash: string, now: number): Promise<ImportProblem | null> {
  const { order, carrier, number } = shipment;
  try {
    const event = { type: 'ship' as const, tracking: { carrier, number }, autoCompleteAt: now + orderRulesOf(shop).autoCompleteDays * DAY_MS };
    await applyEvents(db, order, [event], { role: 'vendor', id: ctx.openid }, now, '', `import-${fileHash}-${order._id}`.slice(0, 64));
    return null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // The order changed since it was read (a refund, a ship by hand): reported, not shipped.
    return { row: shipment.rows[0], orderNo: order.orderNo, kind: 'not_shippable', message: '这个订单刚刚有了变化，没有发货，请刷新后再看' };
  }
}

export const importActions: Pick<ActionImpls<typeof shippingContract>, 'importUploadPath' | 'importShipments'> = {
  async importUploadPath({ shopId }, ctx) {
    await requirePermission(database(), shopId, ctx.openid, ORDER_PERMISSION);
    return { cloudPath: `${uploadFolderOf(ctx.openid)}${Date.now()}-${randomBytes(4).toString('hex')}.xlsx` };
  },

  async importShipments({ shopId, fileID, carrier }, ctx) {
    const db = database();
    const { shop } = await requirePermission(db, shopId, ctx.openid, ORDER_PERMISSION);
    // Another person's file (a fileID seen in a log, a link, another shop's export) is not read:
    // its rows would come back in the problems list.
    if (!isOwnUpload(fileID, ctx.openid)) throw new AppError('SHEET_NOT_YOURS');
    const bytes = await download(fileID);
    if (bytes.length > MAX_FILE_BYTES) throw new AppError('SHEET_TOO_LARGE');
    const sheet = await readSheet(bytes);
    if (!sheet.hasCarrier && !carrier) throw new AppError('SHEET_CARRIER_MISSING');
    const rows = withCarrier(sheet.rows, carrier);
    const numbered = rows.filter((row) => row.orderNo);
    const [orders, used] = await Promise.all([
      ordersByNumber(db, numbered.map((row) => row.orderNo)),
      trackingInUse(db, shopId, numbered.map((row) => row.number).filter(Boolean)),
    ]);
    const decision = decideImport(rows, orders, shopId, used);
    const fileHash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const now = ctx.clock.now();
    const failed: ImportProblem[] = [];
    for (let i = 0; i < decision.ship.length; i += PARALLEL) {
      const results = await Promise.all(decision.ship.slice(i, i + PARALLEL).map((shipment) => shipOne(db, shipment, shop, ctx, fileHash, now)));
      failed.push(...results.filter((problem): problem is ImportProblem => problem !== null));
    }
    return {
      shipped: decision.ship.length - failed.length,
      alreadyShipped: decision.alreadyShipped,
      problems: [...decision.problems, ...failed].sort((a, b) => a.row - b.row),
      rows: rows.length,
    };
  },
};
