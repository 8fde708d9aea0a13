// The one client for cloud functions, typed from a contract. It resolves with the function's
// reply and never rejects: transport failures become TIMEOUT/INTERNAL replies.
import type { ActionName, CallEvent, Contract, InputOf, OutputOf, Reply } from '@core/contracts/define';
import { ERROR_MESSAGES, isErrorCode, type ErrorBody } from '@core/errors';
import { send } from './transport';
import { TransportError } from './wire';

/** A fresh id for one call; a caller that may retry a call keeps one and passes it as `requestId`. */
export function newRequestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function failure(code: 'TIMEOUT' | 'INTERNAL'): { ok: false; error: ErrorBody } {
  return { ok: false, error: { code, message: ERROR_MESSAGES[code] } };
}

function isReply(value: unknown): value is Reply<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (reply.ok === true) return 'data' in reply;
  return reply.ok === false && isErrorCode(reply.error?.code) && typeof reply.error?.message === 'string';
}

export interface CallOptions {
  /**
   * The call's id, for actions that are idempotent on it (placing an order): a retry with the same
   * id gets the first call's result. Each call gets a new one when left out.
   */
  requestId?: string;
}

export async function call<C extends Contract, K extends ActionName<C>>(
  contract: C,
  action: K,
  input: InputOf<C, K>,
  options: CallOptions = {},
): Promise<Reply<OutputOf<C, K>>> {
  const event: CallEvent = { action, payload: input, requestId: options.requestId ?? newRequestId() };
  try {
    const result = await send(contract.name, event);
    // The function's output was checked against the contract where it was produced.
    return isReply(result) ? (result as Reply<OutputOf<C, K>>) : failure('INTERNAL');
  } catch (error) {
    return failure(error instanceof TransportError ? error.code : 'INTERNAL');
  }
}
