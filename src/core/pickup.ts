// Pickup hand-over (核销): the 6-digit code a pickup order's buyer shows, the rules for when it may
// complete the order, and the reminder a vendor sends to someone who has not come yet. Pure: the
// randomness, the clock and the template id come in from the caller.
import type { OrderState } from './contracts/orders';
import type { OrderDoc } from './model';
import { thing, orderPagePath, type Notice } from './notify';
import { lineLabel } from './order-names';

/** A subscribe message as subscribeMessage.send takes it. */
export type PickupReminder = Omit<Notice, 'kind'>;

export { pickupPointOpen } from './contracts/shop';

export const PICKUP_CODE_LENGTH = 6;
export const PICKUP_CODE_PATTERN = /^\d{6}$/;

/**
 * The states in which a pickup order is waiting for its buyer: paid (the vendor need not press
 * 可以取货 first: buyers often come on the announced pickup day) and ready_for_pickup. Only these
 * orders hold a code, and a code is unique among them within one shop.
 */
export const AWAITING_PICKUP: readonly OrderState[] = ['paid', 'ready_for_pickup'];

/**
 * Guessing: a shop's wrong codes are counted per minute; from the 10th wrong code in a minute every
 * try of that shop is refused until the minute is over. One in a million per guess, 10 a minute,
 * keeps a guesser far from any code while a vendor who mistypes a few times is never held up long.
 */
export const PICKUP_WRONG_TRIES_PER_MINUTE = 10;
export const minuteOf = (now: number): number => Math.floor(now / 60_000);

/** A code from a source of random integers in [0, 1e6): always six digits, leading zeros kept. */
export function formatPickupCode(n: number): string {
  return String(Math.floor(n) % 1_000_000).padStart(PICKUP_CODE_LENGTH, '0');
}

/** The code as a vendor typed or scanned it: digits only (spaces, dashes, a QR's prefix dropped); null when it cannot be a code. */
export function normalisePickupCode(typed: string): string | null {
  const digits = typed.replace(/^cactus-pickup:/, '').replace(/[\s-]/g, '');
  return PICKUP_CODE_PATTERN.test(digits) ? digits : null;
}

/** What the buyer's QR holds: the code with a prefix, so a scan of some other QR is told apart. */
export const pickupQrText = (code: string): string => `cactus-pickup:${code}`;

export type RedeemCheck = { ok: true; events: ('ready' | 'complete')[] } | { ok: false; code: 'PICKUP_ALREADY_DONE' | 'PICKUP_CODE_NOT_READY' | 'NOT_A_PICKUP_ORDER' };

/** Whether a found order may be handed over now, and the events that complete it. */
export function redeemCheck(order: Pick<OrderDoc, 'state' | 'fulfilment'>): RedeemCheck {
  if (order.fulfilment.kind !== 'pickup') return { ok: false, code: 'NOT_A_PICKUP_ORDER' };
  if (order.state === 'completed') return { ok: false, code: 'PICKUP_ALREADY_DONE' };
  if (order.state === 'paid') return { ok: true, events: ['ready', 'complete'] };
  if (order.state === 'ready_for_pickup') return { ok: true, events: ['complete'] };
  return { ok: false, code: 'PICKUP_CODE_NOT_READY' };
}

/** The reminder's template: functions read TMPL_PICKUP_REMINDER, the client TARO_APP_TMPL_PICKUP_REMINDER. */
export const PICKUP_REMINDER_ENV = 'TMPL_PICKUP_REMINDER';
export const DEFAULT_PICKUP_REMINDER_TEMPLATE = 'tmpl-pickup-reminder';

/** 取货提醒: order number, goods, where, and the code (character_string1, thing2, thing3, character_string4). */
export function pickupReminderNotice(order: OrderDoc, code: string, templateId: string): PickupReminder | null {
  if (order.fulfilment.kind !== 'pickup') return null;
  const [first] = order.lines;
  const more = order.lines.length > 1 ? `等${order.lines.length}件` : '';
  return {
    touser: order.buyerOpenId,
    templateId,
    page: orderPagePath(order._id),
    data: {
      character_string1: { value: order.orderNo },
      thing2: { value: thing(`${first ? lineLabel(first) : ''}${more}`) },
      thing3: { value: thing(`请到${order.fulfilment.point.name}取货`) },
      character_string4: { value: code },
    },
  };
}
