// What every reply of a contract's action may be: ok, or an error the contract names (or the
// handler factory adds) with its Chinese message. Used by the fuzz tests of every function.
import type { Contract } from '@core/contracts';
import { ERROR_MESSAGES, type ErrorCode } from '@core/errors';

/** Errors the handler factory itself may answer for any action. */
const FACTORY_ERRORS: ErrorCode[] = ['VALIDATION_FAILED', 'UNAUTHENTICATED'];
/**
 * Errors whose message says what to change (a field, a word, the line or the state it is about,
 * as in "“腊肉（五花）”库存不够了") instead of the fixed text.
 */
const SPECIFIC_MESSAGES: ErrorCode[] = [
  'PRODUCT_INCOMPLETE',
  'CONTENT_REJECTED',
  'OUT_OF_STOCK',
  'QUANTITY_NOT_ALLOWED',
  'SKU_NOT_FOUND',
  'PRODUCT_NOT_FOUND',
  'FULFILMENT_NOT_OFFERED',
  'PICKUP_POINT_UNKNOWN',
  'PAYMENT_NOT_OFFERED',
  'ORDER_STATE_CONFLICT',
  'REASON_REQUIRED',
  'REFUND_TOO_LARGE',
  'PAYMENT_AMOUNT_MISMATCH',
  'PAYMENT_FAILED',
  // A campaign's problems name the item, tier, pickup point or state they are about.
  'CAMPAIGN_TIERS_INVALID',
  'CAMPAIGN_CAP_ABOVE_STOCK',
  'CAMPAIGN_FULFILMENT_INVALID',
  'CAMPAIGN_INCOMPLETE',
  'CAMPAIGN_ITEM_LOCKED',
  'CAMPAIGN_END_PASSED',
  'CAMPAIGN_STATE_CONFLICT',
  // A live show's: the state it is in (已经结束, 还没开始), how many are left or the buyer's cap,
  // and the live console's refusal to a streamer (only owner and staff edit prices and items).
  'LIVE_STATE_CONFLICT',
  'LIVE_SOLD_OUT',
  'LIVE_LIMIT_EXCEEDED',
  'FORBIDDEN',
];
const CHINESE = /[\u4e00-\u9fa5]/;

export function expectContractReply(contract: Contract, action: string, reply: { ok: boolean; error?: { code: string; message: string } }): void {
  if (reply.ok) return;
  const { code, message } = reply.error as { code: ErrorCode; message: string };
  expect([...contract.actions[action].errors, ...FACTORY_ERRORS]).toContain(code);
  if (SPECIFIC_MESSAGES.includes(code)) expect(message).toMatch(CHINESE);
  else expect(message).toBe(ERROR_MESSAGES[code]);
}
