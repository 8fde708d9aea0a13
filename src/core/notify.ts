// Subscribe messages (订阅消息) a buyer gets as their order moves: which changes send one, to which
// template, with which fields. Pure: template ids come in from the caller (env vars on the
// function, TARO_APP_* variables in the client), with local defaults the emulator accepts.
import { GROUP_FAILED_REASON } from './group-buy';
import type { OrderHistoryEntry, OrderDoc } from './model';
import { formatFen } from './money';
import { lineLabel } from './order-names';
import { routes } from './routes';

/** group_succeeded: the 拼团 filled and will ship; group_failed: it ran out of time and the money went back. */
export type NoticeKind = 'paid' | 'shipped' | 'cancelled' | 'refunded' | 'group_succeeded' | 'group_failed';
export type TemplateIds = Record<NoticeKind, string>;

/** Local template ids; production sets its own (see TEMPLATE_ENV_NAMES). */
export const DEFAULT_TEMPLATE_IDS: TemplateIds = {
  paid: 'tmpl-order-paid',
  shipped: 'tmpl-order-shipped',
  cancelled: 'tmpl-order-cancelled',
  refunded: 'tmpl-order-refunded',
  group_succeeded: 'tmpl-group-succeeded',
  group_failed: 'tmpl-group-failed',
};

/**
 * The variables holding the real template ids: functions read these names, the client the same
 * names with the TARO_APP_ prefix (TARO_APP_TMPL_ORDER_PAID...).
 */
export const TEMPLATE_ENV_NAMES: Record<NoticeKind, string> = {
  paid: 'TMPL_ORDER_PAID',
  shipped: 'TMPL_ORDER_SHIPPED',
  cancelled: 'TMPL_ORDER_CANCELLED',
  refunded: 'TMPL_ORDER_REFUNDED',
  group_succeeded: 'TMPL_GROUP_SUCCEEDED',
  group_failed: 'TMPL_GROUP_FAILED',
};

/** Template ids with the configured ones in place of the defaults; an empty value keeps the default. */
export function templateIds(configured: Partial<Record<NoticeKind, string | undefined>>): TemplateIds {
  const ids = { ...DEFAULT_TEMPLATE_IDS };
  for (const kind of Object.keys(ids) as NoticeKind[]) {
    const id = configured[kind]?.trim();
    if (id) ids[kind] = id;
  }
  return ids;
}

/**
 * What the client asks the buyer to subscribe to (Taro.requestSubscribeMessage takes at most three
 * ids a call): at checkout the order's course, and when asking for a refund its outcome.
 */
export const CHECKOUT_NOTICES: readonly NoticeKind[] = ['paid', 'shipped', 'cancelled'];
export const REFUND_NOTICES: readonly NoticeKind[] = ['refunded'];
/**
 * At a checkout for pickup: payment, 可以取货了 (the 'shipped' template tells of a ready order too),
 * and the third id is the pickup reminder (取货提醒, src/core/pickup.ts) the vendor may send once.
 */
export const PICKUP_CHECKOUT_NOTICES: readonly NoticeKind[] = ['paid', 'shipped'];
/** At a 拼团 checkout: payment, then how the group ends (its goods ship only if it succeeds). */
export const GROUP_NOTICES: readonly NoticeKind[] = ['paid', 'group_succeeded', 'group_failed'];

/**
 * The field keys of each template, as set up in the mini-program's console. The keyword type is the
 * key without its number: character_string ≤ 32 ASCII, thing ≤ 20 characters, amount like ¥58.00.
 */
type Fields = Record<string, { value: string }>;

/** One message to send with subscribeMessage.send. */
export interface Notice {
  kind: NoticeKind;
  touser: string;
  templateId: string;
  page: string;
  data: Fields;
}

const THING_MAX = 20;

/** Text cut to `max` characters (as WeChat counts them), marked when cut. */
function clip(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** A thing value: at most 20 characters, never empty. */
export function thing(text: string, fallback = '—'): string {
  return clip(text, THING_MAX) || fallback;
}

/** "腊肉（五花）等3件" as a thing value: the count survives a long name. */
function goodsTitle(order: OrderDoc): string {
  const [first] = order.lines;
  if (!first) return thing('');
  const more = order.lines.length > 1 ? `等${order.lines.length}件` : '';
  return `${clip(lineLabel(first), THING_MAX - more.length)}${more}`;
}

function handOver(order: OrderDoc): string {
  const { fulfilment } = order;
  if (fulfilment.kind === 'pickup') return thing(`请到${fulfilment.point.name}取货`);
  if (fulfilment.kind === 'express' && fulfilment.tracking) return thing(`${fulfilment.tracking.carrier} ${fulfilment.tracking.number}`);
  return thing(fulfilment.kind === 'local' ? '店主正在送货' : '已发出，请留意查收');
}

/** What kind of message a history entry calls for, if any. The buyer's own cancel needs none. */
function kindOf(entry: OrderHistoryEntry): NoticeKind | null {
  if (entry.to === 'paid' && (entry.from === 'to_pay' || entry.from === 'to_confirm')) return 'paid';
  if (entry.event === 'ship' || entry.event === 'ready') return 'shipped';
  if (entry.event === 'expire' || (entry.event === 'cancel' && entry.actor !== 'buyer')) return 'cancelled';
  if (entry.event === 'refund_done' && entry.reason === GROUP_FAILED_REASON) return 'group_failed';
  if (entry.event === 'refund_done' || entry.event === 'difference_refunded') return 'refunded';
  return null;
}

function fieldsFor(kind: Exclude<NoticeKind, 'group_succeeded'>, order: OrderDoc, entry: OrderHistoryEntry): Fields {
  const orderNo = { value: order.orderNo };
  const goods = { value: goodsTitle(order) };
  switch (kind) {
    case 'paid':
      return { character_string1: orderNo, thing2: goods, amount3: { value: formatFen(entry.amountFen ?? order.totalFen) }, thing4: { value: '付款成功，店主会尽快发货' } };
    case 'shipped':
      return { character_string1: orderNo, thing2: goods, thing3: { value: handOver(order) } };
    case 'cancelled':
      return { character_string1: orderNo, thing2: goods, thing3: { value: thing(entry.event === 'expire' ? '超时未付款，订单已取消' : entry.reason, '店主取消了订单') } };
    case 'refunded':
      return { character_string1: orderNo, amount2: { value: formatFen(entry.amountFen ?? 0) }, thing3: { value: thing(entry.reason, '钱已原路退回') } };
    case 'group_failed':
      return { character_string1: orderNo, thing2: goods, amount3: { value: formatFen(entry.amountFen ?? 0) }, thing4: { value: thing('没拼成，钱已原路全额退回') } };
  }
}

/** The buyer's order page, where a tapped message opens (no leading slash, as subscribeMessage.send takes it). */
export const orderPagePath = (orderId: string): string => routes.order({ orderId }).slice(1);

/** The messages for the history entries one change added to an order (after it was saved). */
export function noticesFor(order: OrderDoc, entries: readonly OrderHistoryEntry[], ids: TemplateIds): Notice[] {
  return entries.flatMap((entry) => {
    const kind = kindOf(entry);
    if (!kind || kind === 'group_succeeded') return [];
    return [{ kind, touser: order.buyerOpenId, templateId: ids[kind], page: orderPagePath(order._id), data: fieldsFor(kind, order, entry) }];
  });
}

/**
 * The message to a 拼团 member when the group fills: their order will now ship. Sent once per
 * order, by whichever run marks that order's group succeeded (a conditional write).
 */
export function groupSucceededNotice(order: OrderDoc, size: number, ids: TemplateIds): Notice {
  const data: Fields = { character_string1: { value: order.orderNo }, thing2: { value: goodsTitle(order) }, thing3: { value: thing(`${size}人团已拼成，等店主发货`) } };
  return { kind: 'group_succeeded', touser: order.buyerOpenId, templateId: ids.group_succeeded, page: orderPagePath(order._id), data };
}
