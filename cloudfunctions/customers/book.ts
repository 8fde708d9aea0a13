// Reading the book from the orders.
//
// Why figures are aggregated on read rather than kept per customer: an order's money moves in many
// places (payment notices, offline confirmations, vendor and buyer refunds, 拼团 failure refunds,
// 接龙 差价 refunds, late-payment refunds), each a conditional write owned by the orders function.
// A counter kept beside them would need a second write in every one of those steps, and any step
// that missed it (or crashed between the two writes) would leave a total that is silently wrong
// for good. Reading the orders gives the truth to the fen every time. The cost is one database-side
// aggregation per page over the shop's paid orders (index shop_buyer_created), returning one row
// per buyer; a village shop has hundreds to a few thousand buyers, well within one call. Only
// what the vendor writes (note, tags) is stored, in customerNotes, one document per shop and buyer.
import type { Address, CustomerDetail, CustomerOrderRow, CustomerRow } from '@core/contracts';
import { lineLabel } from '@core/order-names';
import type { OrderDoc } from '@core/model';
import { containing, list, type Db } from '../_shared/db';

export const ORDERS = 'orders';
export const CUSTOMER_NOTES = 'customerNotes';
const PAGE = 100;

export interface CustomerNoteDoc {
  /** `${shopId}:${buyerOpenId}`. */
  _id: string;
  shopId: string;
  buyerOpenId: string;
  note: string;
  tags: string[];
  updatedAt: number;
  updatedBy: string;
}

export const noteId = (shopId: string, customerId: string) => `${shopId}:${customerId}`;

/** The aggregated figures of one buyer (the `_id` is their openid, which is also the customer id). */
interface Totals {
  _id: string;
  name: string;
  phone: string;
  names: string[];
  phones: string[];
  orderCount: number;
  paidFen: number;
  refundedFen: number;
  firstOrderAt: number;
  lastOrderAt: number;
}

/** The customers of a shop, latest buyer first, optionally only those whose name, phone or a tag contains `keyword`. */
export async function customerPage(db: Db, shopId: string, keyword: string | undefined, offset: number, limit: number): Promise<{ rows: CustomerRow[]; more: boolean }> {
  const _ = db.command;
  const $ = _.aggregate;
  let pipeline = db
    .collection(ORDERS)
    .aggregate()
    .match({ shopId, 'payment.paidFen': _.gt(0) })
    .sort({ createdAt: -1, _id: -1 })
    .group({
      _id: '$buyerOpenId',
      name: $.first($.ifNull(['$fulfilment.address.name', '$fulfilment.contact.name'])),
      phone: $.first($.ifNull(['$fulfilment.address.phone', '$fulfilment.contact.phone'])),
      names: $.addToSet($.ifNull(['$fulfilment.address.name', '$fulfilment.contact.name'])),
      phones: $.addToSet($.ifNull(['$fulfilment.address.phone', '$fulfilment.contact.phone'])),
      orderCount: $.sum(1),
      paidFen: $.sum('$payment.paidFen'),
      refundedFen: $.sum('$payment.refundedFen'),
      firstOrderAt: $.min('$createdAt'),
      lastOrderAt: $.max('$createdAt'),
    });
  if (keyword) {
    // Part of a name, a phone number or a tag: "王" finds 王阿姨, "8000" her phone, "老" the 老乡 tag.
    const tagged = await taggedIds(db, shopId, keyword);
    const part = containing(db, keyword);
    pipeline = pipeline.match(_.or([{ names: part }, { phones: part }, ...(tagged.length ? [{ _id: _.in(tagged) }] : [])]));
  }
  const { list: totals } = (await pipeline.sort({ lastOrderAt: -1, _id: 1 }).skip(offset).limit(limit + 1).end()) as { list: Totals[] };
  const page = totals.slice(0, limit);
  const notes = await notesOf(db, shopId, page.map((row) => row._id));
  return { rows: page.map((row) => rowOf(row, notes.get(row._id))), more: totals.length > limit };
}

function rowOf(totals: Totals, note: CustomerNoteDoc | undefined): CustomerRow {
  return {
    id: totals._id,
    name: totals.name ?? '',
    phone: totals.phone ?? '',
    firstOrderAt: totals.firstOrderAt,
    lastOrderAt: totals.lastOrderAt,
    orderCount: totals.orderCount,
    spentFen: totals.paidFen - totals.refundedFen,
    refundedFen: totals.refundedFen,
    tags: note?.tags ?? [],
    note: note?.note ?? '',
  };
}

/** Buyers the shop gave a tag containing `part`. */
async function taggedIds(db: Db, shopId: string, part: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await list<CustomerNoteDoc>(db.collection(CUSTOMER_NOTES).where({ shopId, tags: containing(db, part) }).orderBy('_id', 'asc').skip(offset).limit(PAGE));
    ids.push(...page.map((doc) => doc.buyerOpenId));
    if (page.length < PAGE) return ids;
  }
}

async function notesOf(db: Db, shopId: string, customerIds: readonly string[]): Promise<Map<string, CustomerNoteDoc>> {
  if (!customerIds.length) return new Map();
  const docs = await list<CustomerNoteDoc>(db.collection(CUSTOMER_NOTES).where({ _id: db.command.in(customerIds.map((id) => noteId(shopId, id))) }).limit(PAGE));
  return new Map(docs.map((doc) => [doc.buyerOpenId, doc]));
}

export async function findNote(db: Db, shopId: string, customerId: string): Promise<CustomerNoteDoc | undefined> {
  return (await notesOf(db, shopId, [customerId])).get(customerId);
}

/** Every order of one buyer in one shop, newest first. */
export async function ordersOf(db: Db, shopId: string, customerId: string): Promise<OrderDoc[]> {
  const orders: OrderDoc[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await list<OrderDoc>(db.collection(ORDERS).where({ shopId, buyerOpenId: customerId }).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(offset).limit(PAGE));
    orders.push(...page);
    if (page.length < PAGE) return orders;
  }
}

const contactOf = (order: OrderDoc) => (order.fulfilment.kind === 'pickup' ? order.fulfilment.contact : order.fulfilment.address);
const unique = <T>(items: readonly T[], key: (item: T) => string = String): T[] => {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
};
const present = <T>(items: readonly (T | null | undefined)[]): T[] => items.filter((item): item is T => item != null && item !== '');

/** A customer from their orders (newest first), or null when none of them was paid. */
export function detailOf(orders: readonly OrderDoc[], note: CustomerNoteDoc | undefined): CustomerDetail | null {
  const paid = orders.filter((order) => order.payment.paidFen > 0);
  if (!paid.length) return null;
  const paidFen = paid.reduce((sum, order) => sum + order.payment.paidFen, 0);
  const refundedFen = paid.reduce((sum, order) => sum + order.payment.refundedFen, 0);
  const addresses = present(paid.map((order) => (order.fulfilment.kind === 'pickup' ? null : order.fulfilment.address)));
  return {
    id: paid[0].buyerOpenId,
    name: contactOf(paid[0]).name,
    phone: contactOf(paid[0]).phone,
    firstOrderAt: Math.min(...paid.map((order) => order.createdAt)),
    lastOrderAt: Math.max(...paid.map((order) => order.createdAt)),
    orderCount: paid.length,
    spentFen: paidFen - refundedFen,
    refundedFen,
    tags: note?.tags ?? [],
    note: note?.note ?? '',
    names: unique(paid.map((order) => contactOf(order).name)),
    phones: unique(paid.map((order) => contactOf(order).phone)),
    addresses: unique<Address>(addresses.map(({ name, phone, province, city, district, detail }) => ({ name, phone, province, city, district, detail })), (a) => JSON.stringify(a)),
    pickupPoints: unique(present(paid.map((order) => (order.fulfilment.kind === 'pickup' ? order.fulfilment.point.name : null)))),
    sources: {
      campaignIds: unique(present(paid.map((order) => order.campaign?.campaignId))),
      groupIds: unique(present(paid.map((order) => order.group?.groupId))),
      shareRefs: unique(present(paid.map((order) => order.source?.ref))),
    },
  };
}

export function orderRowOf(order: OrderDoc): CustomerOrderRow {
  const more = order.lines.length > 1 ? ` 等 ${order.lines.length} 件` : '';
  return {
    id: order._id,
    orderNo: order.orderNo,
    state: order.state,
    title: order.lines[0] ? `${lineLabel(order.lines[0])}${more}` : '',
    totalFen: order.totalFen,
    paidFen: order.payment.paidFen,
    refundedFen: order.payment.refundedFen,
    createdAt: order.createdAt,
  };
}
