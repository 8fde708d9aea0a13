// What a shop's owner and staff do with its book of regulars. Every action checks the caller's role
// in the shop named, and reads or writes only that shop's orders and notes: a customer id of
// another shop's buyer is simply not found here.
import cloud from 'wx-server-sdk';
import type { CustomerRow, customersContract } from '@core/contracts';
import { formatShanghai } from '@core/dates';
import { AppError } from '@core/errors';
import type { ActionImpls } from '../_shared/handler';
import { requirePermission } from '../_shared/auth';
import { database } from '../_shared/db';
import { randomCode } from '../_shared/codes';
import { writeCustomerSheet } from './sheet';
import { CUSTOMER_NOTES, customerPage, detailOf, findNote, noteId, orderRowOf, ordersOf, type CustomerNoteDoc } from './book';

type Impls = ActionImpls<typeof customersContract>;
const ORDERS_SHOWN = 50;
/** Customers read per aggregation while exporting. */
const EXPORT_PAGE = 100;

const offsetOf = (cursor: string | undefined): number => {
  const offset = Number(cursor ?? 0);
  return Number.isSafeInteger(offset) && offset >= 0 ? offset : 0;
};

export const vendorActions: Impls = {
  async listCustomers({ shopId, keyword, cursor, limit }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'viewCustomers');
    const offset = offsetOf(cursor);
    const { rows, more } = await customerPage(db, shopId, keyword || undefined, offset, limit);
    return { customers: rows, nextCursor: more ? String(offset + limit) : null };
  },

  async exportCustomers({ shopId, keyword }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'viewCustomers');
    const rows: CustomerRow[] = [];
    for (let offset = 0; ; offset += EXPORT_PAGE) {
      const page = await customerPage(db, shopId, keyword || undefined, offset, EXPORT_PAGE);
      rows.push(...page.rows);
      if (!page.more) break;
    }
    const bytes = await writeCustomerSheet(rows);
    const cloudPath = `exports/${shopId}/customers-${formatShanghai(ctx.clock.now(), 'YYYYMMDD-HHmm')}-${randomCode(6)}.xlsx`;
    const { fileID } = (await cloud.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string };
    const { fileList } = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })) as { fileList: { tempFileURL: string }[] };
    return { fileID, url: fileList[0]?.tempFileURL ?? '', customerCount: rows.length };
  },

  async customer({ shopId, customerId }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'viewCustomers');
    const [orders, note] = await Promise.all([ordersOf(db, shopId, customerId), findNote(db, shopId, customerId)]);
    const customer = detailOf(orders, note);
    if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
    return { customer, orders: orders.slice(0, ORDERS_SHOWN).map(orderRowOf) };
  },

  async setNote({ shopId, customerId, note, tags }, ctx) {
    const db = database();
    await requirePermission(db, shopId, ctx.openid, 'viewCustomers');
    const orders = await ordersOf(db, shopId, customerId);
    if (!detailOf(orders, undefined)) throw new AppError('CUSTOMER_NOT_FOUND');
    const doc: Omit<CustomerNoteDoc, '_id'> = { shopId, buyerOpenId: customerId, note, tags: [...new Set(tags)], updatedAt: ctx.clock.now(), updatedBy: ctx.openid };
    await db.collection(CUSTOMER_NOTES).doc(noteId(shopId, customerId)).set({ data: doc });
    const { id, name, phone, firstOrderAt, lastOrderAt, orderCount, spentFen, refundedFen } = detailOf(orders, undefined)!;
    return { customer: { id, name, phone, firstOrderAt, lastOrderAt, orderCount, spentFen, refundedFen, note: doc.note, tags: doc.tags } };
  },
};
