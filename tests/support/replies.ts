// What every reply of a contract's action may be: ok, or an error the contract names (or the
// handler factory adds) with its Chinese message. Used by the fuzz tests of every function.
import type { Contract } from '../../src/core/contracts';
import { ERROR_MESSAGES, type ErrorCode } from '../../src/core/errors';

/** Errors the handler factory itself may answer for any action. */
const FACTORY_ERRORS: ErrorCode[] = ['VALIDATION_FAILED', 'UNAUTHENTICATED'];
/** Errors whose message says what to change (a field, a word) instead of the fixed text. */
const SPECIFIC_MESSAGES: ErrorCode[] = ['PRODUCT_INCOMPLETE', 'CONTENT_REJECTED'];
const CHINESE = /[\u4e00-\u9fa5]/;

export function expectContractReply(contract: Contract, action: string, reply: { ok: boolean; error?: { code: string; message: string } }): void {
  if (reply.ok) return;
  const { code, message } = reply.error as { code: ErrorCode; message: string };
  expect([...contract.actions[action].errors, ...FACTORY_ERRORS]).toContain(code);
  if (SPECIFIC_MESSAGES.includes(code)) expect(message).toMatch(CHINESE);
  else expect(message).toBe(ERROR_MESSAGES[code]);
}
