import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';

const fixtures = join(__dirname, 'fixtures');

describe('function instances in the emulator', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ functionsDir: fixtures, seed: false, maxInstancesPerFunction: 4 });
  });
  afterAll(() => emu.close());

  it('runs concurrent calls at the same time, each seeing only its own caller openid', async () => {
    const openids = Array.from({ length: 8 }, (_, i) => `buyer-${i}`);
    const replies = await Promise.all(openids.map((openid) => emu.reply('probe', { pauseMs: 150 }, openid)));
    expect(replies.map((r) => r.openid)).toEqual(openids);
    // Four instances at most: more than one thread served, and some calls overlapped in time.
    expect(new Set(replies.map((r) => r.threadId)).size).toBeGreaterThan(1);
    expect(new Set(replies.map((r) => r.threadId)).size).toBeLessThanOrEqual(4);
    const overlapping = replies.some((a, i) => replies.some((b, j) => i !== j && a.startedAt < b.endedAt && b.startedAt < a.endedAt));
    expect(overlapping).toBe(true);
  });

  it('gives a caller without a login no openid rather than the previous caller’s', async () => {
    await emu.reply('probe', {}, 'someone');
    const anonymous = await Promise.all([1, 2, 3, 4, 5].map(() => emu.reply('probe', {})));
    expect(anonymous.map((r) => r.openid)).toEqual([null, null, null, null, null]);
  });

  it('reports a function that throws to its caller and keeps serving', async () => {
    const { status, body } = await emu.call('crashy', { mode: 'throw' });
    expect(status).toBe(502);
    expect(body.errCode).toBe(-504002);
    expect(body.errMsg).toContain('boom');
    expect(body.errMsg).not.toContain('at '); // no stack trace reaches the client
    expect(emu.logs.some((line) => line.includes('crashy threw: Error: boom') && line.includes('crashy/index.js'))).toBe(true);
    expect(await emu.reply('crashy', { mode: 'ok' })).toEqual({ fine: true });
  });

  it('reports an instance that exits or dies of an unhandled rejection, and replaces it', async () => {
    for (const mode of ['exit', 'reject-later']) {
      const { status, body } = await emu.call('crashy', { mode });
      expect(status).toBe(502);
      expect(body.errMsg).toContain('crash');
    }
    expect(await emu.reply('crashy', { mode: 'ok' })).toEqual({ fine: true });
  });

  it('stops a function at the timeout from its config.json and keeps serving', async () => {
    const { status, body } = await emu.call('crashy', { mode: 'hang' });
    expect(status).toBe(504);
    expect(body.errMsg).toContain('timed out after 1 seconds');
    expect(await emu.reply('crashy', { mode: 'ok' })).toEqual({ fine: true });
  });

  it('fails an event that cannot be serialised on its own, even one queued behind busy instances, and keeps serving', async () => {
    const deep: unknown[] = [];
    let leaf = deep;
    for (let i = 0; i < 20_000; i++) leaf = leaf[0] = [] as unknown[];
    // Every instance busy until the 1 s timeout, so the deep event would wait in the queue.
    const hangs = [1, 2, 3, 4].map(() => emu.call('crashy', { mode: 'hang' }));
    const refused = await Promise.all([1, 2, 3, 4, 5].map(() => emu.functions.invoke('crashy', deep, {})));
    for (const outcome of refused) expect(outcome).toMatchObject({ ok: false, kind: 'error', message: expect.stringContaining('event is not JSON') });
    for (const { status } of await Promise.all(hangs)) expect(status).toBe(504);
    expect(await Promise.all([1, 2, 3, 4].map(() => emu.reply('crashy', { mode: 'ok' })))).toEqual(Array(4).fill({ fine: true }));
  });

  it('does not count a cold start against a call’s timeout, and serves calls from a warm instance while others start', async () => {
    // Loading takes 1.5 s, the timeout is 1 s: the first call waits for the load, then runs in time.
    const first = await emu.call('slowboot', {});
    expect(first.status).toBe(200);
    // A burst: the warm instance takes calls one after another while three more start; none of
    // them is tied to a cold instance, so they all finish, and the first ones well before any load ends.
    const startedAt = Date.now();
    const burst = await Promise.all(Array.from({ length: 12 }, async () => ({ ...(await emu.call('slowboot', { pauseMs: 20 })), at: Date.now() - startedAt })));
    expect(burst.map((reply) => reply.status)).toEqual(Array(12).fill(200));
    expect(Math.min(...burst.map((reply) => reply.at))).toBeLessThan(1000);
  });

  it('answers a call to a function that does not exist with 404', async () => {
    const { status, body } = await emu.call('nope', {});
    expect(status).toBe(404);
    expect(body.errMsg).toContain('nope');
  });
});

describe('warming functions ahead of calls (provisioned concurrency)', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ functionsDir: fixtures, seed: false, maxInstancesPerFunction: 2 });
  });
  afterAll(() => emu.close());

  it('loads an instance before the first call, which then pays no cold start; a function that does not exist is named', async () => {
    const startedAt = Date.now();
    // slowboot takes 1.5 s to load; warming waits for it, and a second warm finds it ready.
    expect(await emu.functions.warm(['slowboot', 'nope'])).toEqual(['nope']);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1400);
    expect(await emu.functions.warm(['slowboot'])).toEqual([]);
    const callAt = Date.now();
    expect((await emu.call('slowboot', {})).status).toBe(200);
    expect(Date.now() - callAt).toBeLessThan(1000);
  });
});
