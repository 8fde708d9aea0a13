// The shipping workspace's rules, pure: which orders are still to hand over, the 备货单 of a
// selection, the rows of the 发货单 export, and what an imported sheet's rows may ship. The
// shipping function only loads, writes the file and applies the decision (cloudfunctions/shipping).
import type { ImportProblem, ImportProblemKind, PrepLine, PrepList, WorkspaceCounts, WorkspaceFilter, WorkspaceOrder } from './contracts/shipping';
import type { OrderDoc } from './model';
import { awaitingGroup } from './order-actions';
import { CARRIERS, expressCompanyCode } from './shipping-record';
import { formatShanghai } from './dates';
import { lineLabel } from './order-names';

/** The 发货单's columns, in order; vendors know them from other tools. The last two are the vendor's to fill. */
export const SHEET_COLUMNS = ['跟团号', '订单号', '下单人', '商品', '规格', '数量', '金额', '买家备注', '收货人', '电话', '地址', '自提点', '下单时间', '快递公司', '快递单号'] as const;

/** The columns an import reads, by header text (other headers a vendor's tool accepts too). */
export const IMPORT_HEADERS = {
  orderNo: ['订单号', '订单编号'],
  carrier: ['快递公司', '物流公司'],
  number: ['快递单号', '运单号', '物流单号', '单号'],
} as const;

/** Paid and waiting for the vendor's hand: not yet shipped, made ready or picked up, and no 拼团 still forming. */
export const isToHandOver = (order: OrderDoc): boolean => order.state === 'paid' && !awaitingGroup(order);

/** Whether the order passes the filter (the to-hand-over test aside). */
export function matchesFilter(order: OrderDoc, filter: WorkspaceFilter): boolean {
  if (filter.campaignId !== undefined && order.campaign?.campaignId !== filter.campaignId) return false;
  if (filter.liveShowId !== undefined && order.live?.showId !== filter.liveShowId) return false;
  if (filter.from !== undefined && order.createdAt < filter.from) return false;
  if (filter.to !== undefined && order.createdAt >= filter.to) return false;
  if (filter.kind !== undefined && order.fulfilment.kind !== filter.kind) return false;
  if (filter.pointId !== undefined && (order.fulfilment.kind !== 'pickup' || order.fulfilment.point.id !== filter.pointId)) return false;
  return true;
}

function receiverOf(order: OrderDoc): { name: string; phone: string } {
  return order.fulfilment.kind === 'pickup' ? order.fulfilment.contact : order.fulfilment.address;
}

function addressLine(order: OrderDoc): string {
  if (order.fulfilment.kind === 'pickup') return '';
  const { province, city, district, detail } = order.fulfilment.address;
  return [province, city === province ? '' : city, district, detail].filter(Boolean).join(' ');
}

const pointOf = (order: OrderDoc) => (order.fulfilment.kind === 'pickup' ? order.fulfilment.point : null);

/** Who placed it, as the vendor knows them: the name on the campaign list, else the receiver. */
const placedBy = (order: OrderDoc) => order.campaign?.displayName || receiverOf(order).name;

export function workspaceOrderOf(order: OrderDoc): WorkspaceOrder {
  const receiver = receiverOf(order);
  const point = pointOf(order);
  return {
    id: order._id,
    orderNo: order.orderNo,
    seq: order.campaign?.seq ?? null,
    campaignId: order.campaign?.campaignId ?? null,
    kind: order.fulfilment.kind,
    name: receiver.name,
    phone: receiver.phone,
    place: point ? point.name : addressLine(order),
    pointId: point?.id ?? null,
    summary: order.lines.map((line) => `${lineLabel(line)}×${line.quantity}`).join('、'),
    totalFen: order.totalFen,
    buyerNote: order.buyerNote,
    createdAt: order.createdAt,
  };
}

export function countsOf(orders: readonly OrderDoc[]): WorkspaceCounts {
  const byKind = { express: 0, local: 0, pickup: 0 };
  const points = new Map<string, { pointId: string; name: string; count: number }>();
  for (const order of orders) {
    byKind[order.fulfilment.kind] += 1;
    const point = pointOf(order);
    if (!point) continue;
    const entry = points.get(point.id) ?? { pointId: point.id, name: point.name, count: 0 };
    entry.count += 1;
    points.set(point.id, entry);
  }
  return { total: orders.length, byKind, byPoint: [...points.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh')) };
}

function sumLines(orders: readonly OrderDoc[]): PrepLine[] {
  const lines = new Map<string, PrepLine>();
  for (const order of orders) {
    for (const line of order.lines) {
      const key = `${line.productId}\u0000${line.skuId}`;
      const entry = lines.get(key) ?? { productId: line.productId, skuId: line.skuId, name: line.name, spec: line.spec, unit: line.unit, quantity: 0 };
      entry.quantity += line.quantity;
      lines.set(key, entry);
    }
  }
  return [...lines.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh') || a.spec.localeCompare(b.spec, 'zh'));
}

/** 备货单: how much of each product and SKU the selection needs, in all and per pickup point. */
export function prepListOf(orders: readonly OrderDoc[]): PrepList {
  const byPoint = new Map<string, { name: string; orders: OrderDoc[] }>();
  for (const order of orders) {
    const point = pointOf(order);
    if (!point) continue;
    const entry = byPoint.get(point.id) ?? { name: point.name, orders: [] };
    entry.orders.push(order);
    byPoint.set(point.id, entry);
  }
  return {
    orderCount: orders.length,
    lines: sumLines(orders),
    byPoint: [...byPoint.entries()]
      .map(([pointId, { name, orders: ofPoint }]) => ({ pointId, name, orderCount: ofPoint.length, lines: sumLines(ofPoint) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh')),
  };
}

export type SheetCell = string | number;

/**
 * The 发货单's data rows, one per order line, in SHEET_COLUMNS order. 金额 is the line's total in
 * yuan as a number (fen / 100: exact to the fen once rounded to two places); the order number is text.
 */
export function sheetRowsOf(orders: readonly OrderDoc[]): SheetCell[][] {
  return orders.flatMap((order) => {
    const receiver = receiverOf(order);
    const point = pointOf(order);
    const placed = formatShanghai(order.createdAt, 'YYYY-MM-DD HH:mm');
    const tracking = order.fulfilment.kind === 'express' ? order.fulfilment.tracking : null;
    return order.lines.map((line) => [
      order.campaign?.seq ?? '',
      order.orderNo,
      placedBy(order),
      line.name,
      line.spec,
      line.quantity,
      line.totalFen / 100,
      order.buyerNote,
      receiver.name,
      receiver.phone,
      addressLine(order),
      point?.name ?? '',
      placed,
      tracking?.carrier ?? '',
      tracking?.number ?? '',
    ]);
  });
}

/** One data row of an imported sheet, as read: text trimmed, `formula` when any of its cells held one. */
export interface ImportRow {
  row: number;
  orderNo: string;
  carrier: string;
  number: string;
  formula: boolean;
}

/** What a tracking number may look like: carriers use letters, digits and sometimes a dash. */
const TRACKING_NUMBER = /^[A-Za-z0-9-]{4,40}$/;

/** The carrier's name as shown everywhere (the first of its names). */
const carrierName = (code: string) => CARRIERS.find((carrier) => carrier.code === code)?.names[0] ?? code;

export interface Shipment {
  order: OrderDoc;
  carrier: string;
  number: string;
  rows: number[];
}

export interface ImportDecision {
  ship: Shipment[];
  /** Orders named with the number they already ship under: nothing to do. */
  alreadyShipped: number;
  problems: ImportProblem[];
}

const MESSAGES: Record<ImportProblemKind, string> = {
  incomplete: '订单号、快递公司、快递单号要一起填',
  formula: '这一行有公式，请直接填写文字',
  unknown_order: '没有这个订单号',
  other_shop: '这个订单不是本店的',
  not_shippable: '这个订单现在不能发快递',
  unknown_carrier: '快递公司不认识，请写顺丰、中通、圆通、韵达、申通、极兔、EMS、邮政或京东',
  duplicate_tracking: '这个快递单号已经用在别的订单上了',
};

/**
 * What an imported sheet ships. Rows are checked one by one; a row without 快递公司 and 快递单号 is
 * left alone (that order is not shipped by this sheet). An order may take several rows (one per
 * line): they must agree. A tracking number that another order uses (in this sheet or already
 * shipped, `usedBy`: number → order id) is refused for every order it names, since which one is
 * right cannot be told. An order already shipped under the same carrier and number is counted, not
 * shipped again, so importing the same file twice ships nothing twice.
 *
 * @param orders the orders the sheet names, by order number, of any shop.
 */
export function decideImport(rows: readonly ImportRow[], orders: ReadonlyMap<string, OrderDoc>, shopId: string, usedBy: ReadonlyMap<string, string>): ImportDecision {
  const problems: ImportProblem[] = [];
  const report = (row: ImportRow, kind: ImportProblemKind, message = MESSAGES[kind]) => problems.push({ row: row.row, orderNo: row.orderNo, kind, message });
  const candidates: { row: ImportRow; order: OrderDoc; code: string }[] = [];

  for (const row of rows) {
    if (!row.orderNo && !row.carrier && !row.number && !row.formula) continue;
    if (row.formula) { report(row, 'formula'); continue; }
    if (!row.carrier && !row.number) continue;
    if (!row.orderNo || !row.carrier || !row.number) { report(row, 'incomplete'); continue; }
    const order = orders.get(row.orderNo);
    if (!order) { report(row, 'unknown_order'); continue; }
    if (order.shopId !== shopId) { report(row, 'other_shop'); continue; }
    const code = expressCompanyCode(row.carrier);
    if (!code) { report(row, 'unknown_carrier', `快递公司“${row.carrier}”不认识，请写顺丰、中通、圆通、韵达、申通、极兔、EMS、邮政或京东`); continue; }
    if (!TRACKING_NUMBER.test(row.number)) { report(row, 'incomplete', '快递单号只能是 4 到 40 位字母、数字或“-”'); continue; }
    candidates.push({ row, order, code });
  }

  // Which orders each tracking number names, in this sheet and already in the shop.
  const ordersOf = new Map<string, Set<string>>();
  for (const { row, order } of candidates) ordersOf.set(row.number, (ordersOf.get(row.number) ?? new Set()).add(order._id));
  for (const [number, orderId] of usedBy) ordersOf.get(number)?.add(orderId);

  const byOrder = new Map<string, Shipment & { code: string }>();
  const refused = new Set<string>();
  let alreadyShipped = 0;
  const counted = new Set<string>();
  for (const { row, order, code } of candidates) {
    if ((ordersOf.get(row.number)?.size ?? 0) > 1) { report(row, 'duplicate_tracking'); refused.add(order._id); continue; }
    const tracking = order.fulfilment.kind === 'express' ? order.fulfilment.tracking : null;
    if (order.state !== 'paid' && tracking && tracking.number === row.number && expressCompanyCode(tracking.carrier) === code) {
      if (!counted.has(order._id)) alreadyShipped += 1;
      counted.add(order._id);
      continue;
    }
    if (!isToHandOver(order) || order.fulfilment.kind !== 'express') {
      const why = order.fulfilment.kind !== 'express' ? '这个订单不是快递订单，不用填快递单号' : order.state === 'paid' ? '这个订单的拼团还没成功，拼成后才能发货' : '这个订单已经发货、退款或取消了，不能再发货';
      report(row, 'not_shippable', why);
      continue;
    }
    const earlier = byOrder.get(order._id);
    if (earlier && (earlier.number !== row.number || earlier.code !== code)) {
      report(row, 'not_shippable', '同一个订单填了不同的快递单号，请只留一个');
      refused.add(order._id);
      continue;
    }
    if (earlier) earlier.rows.push(row.row);
    else byOrder.set(order._id, { order, carrier: carrierName(code), number: row.number, code, rows: [row.row] });
  }
  const ship = [...byOrder.values()].filter((shipment) => !refused.has(shipment.order._id)).map(({ order, carrier, number, rows: at }) => ({ order, carrier, number, rows: at }));
  problems.sort((a, b) => a.row - b.row);
  return { ship, alreadyShipped, problems };
}
