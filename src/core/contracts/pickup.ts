// Pickup hand-over actions of the `orders` function (spread into ordersContract): the buyer's
// pickup code, the vendor's 核销 by code, the per-point list of who still has to come, and a
// one-time reminder to such a buyer.
import { z } from 'zod';
import { AmountFen, EpochMs, Id } from './common';
import { PickupPoint } from './shop';

// orders.ts spreads these actions into its contract, so this file must not import it back: the
// few shapes it needs from there are restated for output only.
const OrderState = z.string();
const PickupContact = z.object({ name: z.string(), phone: z.string() });

/** One order still to be collected, as the vendor's per-point list shows it. */
export const PickupWaitingRow = z.object({
  orderId: Id,
  orderNo: z.string(),
  state: OrderState,
  title: z.string(),
  totalFen: AmountFen,
  /** The vendor calls this person; only the shop's own members see it. */
  contact: PickupContact,
  paidAt: EpochMs.nullable(),
  /** When the one reminder went out; null while it can still be sent. */
  remindedAt: EpochMs.nullable(),
});
export type PickupWaitingRow = z.infer<typeof PickupWaitingRow>;

export const PickupPointWaiting = z.object({ point: PickupPoint, orders: z.array(PickupWaitingRow) });
export type PickupPointWaiting = z.infer<typeof PickupPointWaiting>;

const orderOnly = z.object({ orderId: Id });
const vendorErrors = ['ORDER_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'] as const;

export const pickupActionDefs = {
  /**
   * The buyer's pickup code, given out once the order is paid (made the first time it is asked
   * for, then kept); null while the order cannot be collected (unpaid, refunding, done).
   */
  pickupCode: {
    access: 'user',
    input: orderOnly,
    output: z.object({ code: z.string().nullable() }),
    errors: ['ORDER_NOT_FOUND', 'NOT_A_PICKUP_ORDER'],
  },
  /**
   * 核销: the vendor types or scans a buyer's code; the shop's own order holding that code is
   * handed over and completes. A wrong code, another shop's code or a finished order changes
   * nothing; the 10th wrong code in a minute locks the shop's tries for the rest of that minute.
   */
  redeemPickup: {
    access: 'user',
    input: z.object({ shopId: Id, code: z.string().trim().min(1, '请输入取货码').max(64) }),
    output: z.object({ order: z.object({ id: Id, orderNo: z.string(), state: OrderState, title: z.string(), contact: PickupContact, pointName: z.string() }) }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN', 'PICKUP_CODE_WRONG', 'PICKUP_ALREADY_DONE', 'PICKUP_CODE_NOT_READY', 'PICKUP_TOO_MANY_TRIES', 'ORDER_STATE_CONFLICT'],
  },
  /** Who still has to come, per pickup point: paid pickup orders not handed over, oldest first. */
  pickupWaiting: {
    access: 'user',
    input: z.object({ shopId: Id }),
    output: z.object({ points: z.array(PickupPointWaiting) }),
    errors: ['SHOP_NOT_FOUND', 'NOT_A_MEMBER', 'FORBIDDEN'],
  },
  /**
   * A subscribe message asking the buyer to come; once per order (PICKUP_ALREADY_REMINDED after).
   * `sent` is false when WeChat refused it (the buyer did not subscribe); the once is used up anyway.
   */
  remindPickup: {
    access: 'user',
    input: orderOnly,
    output: z.object({ remindedAt: EpochMs, sent: z.boolean() }),
    errors: [...vendorErrors, 'NOT_A_PICKUP_ORDER', 'PICKUP_CODE_NOT_READY', 'PICKUP_ALREADY_REMINDED'],
  },
} as const;
