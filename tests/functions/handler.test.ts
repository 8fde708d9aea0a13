// The handler factory on its own: every function built with it answers the same way.
import { z } from 'zod';
import { createHandler } from '../../cloudfunctions/_shared/handler';
import { defineContract } from '@core/contracts';
import { AppError, ERROR_MESSAGES } from '@core/errors';

const contract = defineContract('test', {
  whoami: { access: 'user', input: z.object({}), output: z.object({ openid: z.string() }), errors: [] },
  echo: { access: 'public', input: z.object({ n: z.number().int().min(1), tags: z.array(z.string()).max(2) }), output: z.object({ n: z.number() }), errors: [] },
  explode: { access: 'public', input: z.object({}), output: z.object({}), errors: [] },
  refuse: { access: 'public', input: z.object({}), output: z.object({}), errors: ['NOT_FOUND'] },
  lie: { access: 'public', input: z.object({}), output: z.object({ priceLi: z.number().int() }), errors: [] },
});

const main = createHandler(contract, {
  async whoami(_input, ctx) {
    return { openid: ctx.openid };
  },
  async echo({ n }) {
    return { n, secret: 'dropped by the output schema' } as { n: number };
  },
  async explode() {
    throw new Error('database password is hunter2');
  },
  async refuse() {
    throw new AppError('NOT_FOUND');
  },
  async lie() {
    return { priceLi: 1.5 };
  },
});

function asCaller(openid: string | undefined) {
  // getWXContext() reads these, as on the cloud: the payload never carries identity.
  if (openid) {
    process.env.WX_OPENID = openid;
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID';
  } else {
    delete process.env.WX_OPENID;
    delete process.env.WX_CONTEXT_KEYS;
  }
}

describe('cloud function handler factory', () => {
  let errorLog: jest.SpyInstance;
  beforeEach(() => {
    errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => errorLog.mockRestore());

  it('takes the caller openid from the WX context and never from the payload', async () => {
    asCaller('o-real');
    expect(await main({ action: 'whoami', payload: { openid: 'o-forged' } })).toEqual({ ok: true, data: { openid: 'o-real' } });
  });

  it('refuses a user action to a caller without a login', async () => {
    asCaller(undefined);
    expect(await main({ action: 'whoami', payload: {} })).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED },
    });
  });

  it('lists every wrong field with its dotted path', async () => {
    const reply = await main({ action: 'echo', payload: { n: 0, tags: ['a', 7] } });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('VALIDATION_FAILED');
    expect(reply.error.fields?.map((f) => f.path).sort()).toEqual(['n', 'tags.1']);
  });

  it('sends only the fields the output schema names', async () => {
    expect(await main({ action: 'echo', payload: { n: 3, tags: [] } })).toEqual({ ok: true, data: { n: 3 } });
  });

  it('turns an unexpected error into INTERNAL without leaking its message, and logs it', async () => {
    const reply = await main({ action: 'explode', payload: {} });
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
    expect(JSON.stringify(reply)).not.toContain('hunter2');
    expect(errorLog).toHaveBeenCalled();
  });

  it('passes a business error through with its code and Chinese message', async () => {
    expect(await main({ action: 'refuse', payload: {} })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND } });
  });

  it('never sends a reply that breaks its own contract', async () => {
    expect(await main({ action: 'lie', payload: {} })).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } });
  });
});
