// A contract is data: for each action of a cloud function, its input schema, output schema and
// the error codes it may answer. The handler factory and the client are both typed from it.
import type { z } from 'zod';
import type { ErrorBody, ErrorCode } from '../errors';

/** Who may call: anyone opening the mini-program (even without a login), or a signed-in user. */
export type Access = 'public' | 'user';

export interface ActionDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  errors: readonly ErrorCode[];
}

export interface Contract<A extends Record<string, ActionDef> = Record<string, ActionDef>> {
  /** The cloud function's name. */
  name: string;
  actions: A;
}

export function defineContract<const A extends Record<string, ActionDef>>(name: string, actions: A): Contract<A> {
  return { name, actions };
}

export type ActionName<C extends Contract> = keyof C['actions'] & string;
export type InputOf<C extends Contract, K extends ActionName<C>> = z.input<C['actions'][K]['input']>;
export type ParsedInputOf<C extends Contract, K extends ActionName<C>> = z.output<C['actions'][K]['input']>;
export type OutputOf<C extends Contract, K extends ActionName<C>> = z.output<C['actions'][K]['output']>;

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** The event every cloud function receives. */
export interface CallEvent {
  action: string;
  payload?: unknown;
  /** Set by the client for retries of the same request (idempotency). */
  requestId?: string;
}
