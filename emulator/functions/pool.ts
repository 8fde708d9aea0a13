// A pool of instances (worker threads) per cloud function: concurrent calls really run
// concurrently, each instance serves one invocation at a time, and a crash or timeout of one
// instance is reported to its caller and replaces that instance, never the emulator.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { sdkEnv } from '../sdkEnv';

export interface WxContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  /** What triggered the run, as getWXContext() names it: wx_client, wx_trigger, wx_paycallback, `<source>,scf`. */
  SOURCE?: string;
}

export type InvokeOutcome = (
  | { ok: true; result: unknown }
  | { ok: false; kind: 'error' | 'timeout' | 'crash'; message: string }
) & {
  /** Database requests the invocation made (a cost figure the gateway reports in a header). */
  databaseRequests: number;
};

interface Job {
  /** The event as JSON text, made before the job was queued. */
  eventJson: string;
  wxContext: WxContext;
  resolve(outcome: InvokeOutcome): void;
}

interface Instance {
  /** The instance's own admin path segment: the emulator tells its calls apart by it. */
  key: string;
  worker: Worker;
  /** Loaded (cold start done): only ready instances are handed calls. */
  ready: boolean;
  /** The invocation it is serving, if any. */
  current?: WxContext;
  /** Database requests made by the current invocation. */
  databaseRequests: number;
}

export interface PoolOptions {
  name: string;
  entry: string;
  timeoutMs: number;
  maxInstances: number;
  /** The emulator's admin URL; each instance gets `<adminUrl>/<key>`. */
  adminUrl: string;
  baseEnv: NodeJS.ProcessEnv;
  /** Where a function's failures are logged (the server's console; tests collect them). */
  log: (message: string) => void;
}

const WORKER_SCRIPT = join(__dirname, 'worker.js');
/** How long a cold start may take before the instance is given up (the platform's init timeout is separate from a call's). */
const INIT_TIMEOUT_MS = 30_000;
let nextInvocation = 1;
let nextInstance = 1;

export class FunctionPool {
  private readonly instances: Instance[] = [];
  private readonly queue: Job[] = [];
  /** Who waits for warm(): told once an instance is ready, or that none could start. */
  private warmWaiters: ((warm: boolean) => void)[] = [];
  private closed = false;

  readonly name: string;

  constructor(private readonly options: PoolOptions) {
    this.name = options.name;
  }

  /** Who the instance with this key is serving right now (for admin calls it makes). */
  callerOf(key: string): WxContext | undefined {
    return this.instances.find((instance) => instance.key === key)?.current;
  }

  /** Counts a database request against the invocation the instance with this key is serving. */
  noteDatabaseRequest(key: string): void {
    const instance = this.instances.find((candidate) => candidate.key === key);
    if (instance?.current) instance.databaseRequests++;
  }

  invoke(event: unknown, wxContext: WxContext): Promise<InvokeOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, kind: 'crash', message: 'emulator is shutting down', databaseRequests: 0 });
    // The platform hands a function its event as JSON. Serialising here, before any instance is
    // taken, fails an event that cannot be (too deep, a BigInt) on its own, never a busy instance.
    let eventJson: string;
    try {
      eventJson = JSON.stringify(event ?? null);
    } catch (err) {
      return Promise.resolve({ ok: false, kind: 'error', message: `event is not JSON: ${(err as Error).message}`, databaseRequests: 0 });
    }
    return new Promise((resolve) => {
      this.queue.push({ eventJson, wxContext, resolve });
      this.dispatch();
    });
  }

  /**
   * Has one instance loaded before any call needs it, as CloudBase's provisioned concurrency
   * (预置并发) does: the first call then finds it warm instead of paying the cold start. Resolves
   * true once an instance is ready, false when none could start.
   */
  warm(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.instances.some((instance) => instance.ready)) return Promise.resolve(true);
    return new Promise((resolve) => {
      this.warmWaiters.push(resolve);
      if (this.instances.length > 0) return; // one is starting already
      try {
        this.spawn();
      } catch (err) {
        this.options.log(`[emulator] function ${this.name} could not start an instance: ${(err as Error).stack ?? String(err)}`);
        this.settleWarm(false);
      }
    });
  }

  private settleWarm(warm: boolean): void {
    for (const resolve of this.warmWaiters.splice(0)) resolve(warm);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.settleWarm(false);
    await Promise.all(this.instances.splice(0).map((instance) => instance.worker.terminate()));
  }

  /**
   * Starts queued jobs on free warm instances, and starts cold instances (up to the limit) for the
   * jobs no warm or starting instance will take. A job never waits on a particular cold start: it
   * stays queued and goes to whichever instance is free first, and its timeout runs from there.
   * This also runs from worker events and timers, where a throw would end the emulator, so whatever
   * goes wrong starting an instance fails one job alone.
   */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const instance = this.instances.find((candidate) => candidate.ready && !candidate.current);
      if (!instance) break;
      this.run(instance, this.queue.shift() as Job);
    }
    let starting = this.instances.filter((instance) => !instance.ready).length;
    while (this.queue.length > starting && this.instances.length < this.options.maxInstances) {
      try {
        this.spawn();
        starting++;
      } catch (err) {
        this.options.log(`[emulator] function ${this.name} could not start an instance: ${(err as Error).stack ?? String(err)}`);
        this.failOne(firstLine((err as Error).message));
      }
    }
  }

  private failOne(message: string): void {
    this.queue.shift()?.resolve({ ok: false, kind: 'crash', message, databaseRequests: 0 });
  }

  private spawn(): void {
    const { entry, adminUrl, baseEnv } = this.options;
    const key = `${this.name}.${nextInstance++}`;
    const env = { ...baseEnv, ...sdkEnv(`${adminUrl}/${key}`) };
    // execArgv: [] keeps the parent's loaders (tsx) out: an instance runs the bundled JS as the cloud does.
    const worker = new Worker(WORKER_SCRIPT, { workerData: { entry, name: this.name }, env, execArgv: [] });
    const instance: Instance = { key, worker, ready: false, databaseRequests: 0 };
    this.instances.push(instance);
    // A cold start that dies or never finishes fails one waiting job (so a function that cannot
    // start does not respawn forever) and lets the rest try other instances.
    const givenUp = (message: string) => {
      clearTimeout(timer);
      worker.off('message', onReady);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (this.closed) return;
      this.options.log(`[emulator] function ${this.name} instance failed to start: ${message}`);
      this.retire(instance);
      this.failOne(message);
      if (!this.instances.length) this.settleWarm(false);
      this.dispatch();
    };
    const onReady = (message: { ready?: boolean }) => {
      if (!message.ready) return;
      clearTimeout(timer);
      worker.off('message', onReady);
      worker.off('error', onError);
      worker.off('exit', onExit);
      instance.ready = true;
      this.settleWarm(true);
      this.dispatch();
    };
    const onError = (err: Error) => givenUp(firstLine(err.message));
    const onExit = (code: number) => givenUp(`instance exited with code ${code} while starting`);
    const timer = setTimeout(() => givenUp(`instance did not start within ${INIT_TIMEOUT_MS / 1000} seconds`), INIT_TIMEOUT_MS);
    worker.on('message', onReady);
    worker.on('error', onError);
    worker.on('exit', onExit);
  }

  private retire(instance: Instance): void {
    const index = this.instances.indexOf(instance);
    if (index >= 0) this.instances.splice(index, 1);
    void instance.worker.terminate();
  }

  private run(instance: Instance, job: Job): void {
    instance.current = job.wxContext;
    instance.databaseRequests = 0;
    const id = `${this.name}-${nextInvocation++}`;
    const { worker } = instance;

    const finish = (result: DistributiveOmit<InvokeOutcome, 'databaseRequests'>, healthy: boolean) => {
      const outcome = { ...result, databaseRequests: instance.databaseRequests } as InvokeOutcome;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (healthy) instance.current = undefined;
      else this.retire(instance);
      job.resolve(outcome);
      this.dispatch();
    };
    const onMessage = (reply: { id: string; ok: boolean; json?: string; message?: string }) => {
      if (reply.id !== id) return;
      if (reply.ok) finish({ ok: true, result: JSON.parse(reply.json as string) }, true);
      else {
        this.options.log(`[emulator] function ${this.name} threw: ${reply.message}`);
        finish({ ok: false, kind: 'error', message: firstLine(reply.message) }, true);
      }
    };
    const onError = (err: Error) => {
      this.options.log(`[emulator] function ${this.name} crashed: ${err.stack ?? err.message}`);
      finish({ ok: false, kind: 'crash', message: firstLine(err.message) }, false);
    };
    const onExit = (code: number) => finish({ ok: false, kind: 'crash', message: `instance exited with code ${code}` }, false);
    const timer = setTimeout(
      () => finish({ ok: false, kind: 'timeout', message: `Task timed out after ${this.options.timeoutMs / 1000} seconds` }, false),
      this.options.timeoutMs,
    );

    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    try {
      worker.postMessage({ id, eventJson: job.eventJson, wxContext: job.wxContext });
    } catch (err) {
      // Nothing reached the instance: it is free again, and only this job fails.
      finish({ ok: false, kind: 'error', message: firstLine((err as Error).message) }, true);
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0];
}
