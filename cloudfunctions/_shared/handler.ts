// Every cloud function is built with this factory, so every action reads the same way:
// validate → authorise → run → check the reply against the contract → {ok, data} | {ok, error}.
import cloud from 'wx-server-sdk';
import { z } from 'zod';
import { AppError } from '@core/errors';
import type { ActionName, CallEvent, Contract, OutputOf, ParsedInputOf, Reply } from '@core/contracts';
import { systemClock, type Clock } from '@core/clock';
import { initCloud } from './cloud';

// Field messages in plain Chinese, like every message a user may see.
z.config(z.locales.zhCN());

export interface ActionContext {
  /** From getWXContext() only; undefined for a visitor without a login (e.g. Moments single-page mode). */
  openid: string | undefined;
  appid: string | undefined;
  requestId: string | undefined;
  clock: Clock;
}

/** The same context once the action's access rule has ensured a signed-in caller. */
export type UserContext = ActionContext & { openid: string };

export type ActionImpls<C extends Contract> = {
  [K in ActionName<C>]: (
    input: ParsedInputOf<C, K>,
    ctx: C['actions'][K]['access'] extends 'user' ? UserContext : ActionContext,
  ) => Promise<z.input<C['actions'][K]['output']>>;
};

export interface HandlerOptions {
  clock?: Clock;
}

function fail(error: AppError): Reply<never> {
  return { ok: false, error: error.toBody() };
}

export function createHandler<C extends Contract>(contract: C, impls: ActionImpls<C>, options: HandlerOptions = {}) {
  const clock = options.clock ?? systemClock;

  return async function main(event: unknown): Promise<Reply<OutputOf<C, ActionName<C>>>> {
    initCloud();
    const call = (event ?? {}) as Partial<CallEvent>;
    const action = typeof call.action === 'string' ? call.action : '';
    if (!Object.prototype.hasOwnProperty.call(contract.actions, action)) {
      return fail(new AppError('UNKNOWN_ACTION'));
    }
    const def = contract.actions[action];

    // The payload alone: open data swapped in beside it looks exactly like data a caller made up,
    // so an action that needs open data takes a CloudID and has the platform decode it.
    const parsed = def.input.safeParse(call.payload ?? {});
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      return fail(new AppError('VALIDATION_FAILED', undefined, fields));
    }

    const wx = cloud.getWXContext();
    const ctx: ActionContext = {
      openid: wx.OPENID || undefined,
      appid: wx.APPID || undefined,
      requestId: typeof call.requestId === 'string' ? call.requestId : undefined,
      clock,
    };
    if (def.access === 'user' && !ctx.openid) return fail(new AppError('UNAUTHENTICATED'));

    try {
      const impl = impls[action as ActionName<C>] as (input: unknown, ctx: ActionContext) => Promise<unknown>;
      const data = await impl(parsed.data, ctx);
      const checked = def.output.safeParse(data);
      if (!checked.success) {
        // A reply that breaks its own contract is our bug: never send it half-right.
        console.error(`[${contract.name}.${action}] reply broke the contract`, checked.error.issues);
        return fail(new AppError('INTERNAL'));
      }
      return { ok: true, data: checked.data as OutputOf<C, ActionName<C>> };
    } catch (err) {
      if (err instanceof AppError) return fail(err);
      console.error(`[${contract.name}.${action}] unexpected error`, err);
      return fail(new AppError('INTERNAL'));
    }
  };
}
