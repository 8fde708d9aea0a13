// Finds the bundled cloud functions (dist/cloudfunctions/<name>) and runs them in pools.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FunctionPool, type InvokeOutcome, type WxContext } from './pool';

/** The platform's default when config.json names no timeout. */
const DEFAULT_TIMEOUT_S = 3;

export interface FunctionHostOptions {
  functionsDir: string;
  /** The emulator's admin URL, which the SDK in each instance is pointed at. */
  adminUrl: string;
  /** Environment each instance starts with, before the SDK's variables. */
  baseEnv: NodeJS.ProcessEnv;
  maxInstancesPerFunction: number;
  log: (message: string) => void;
}

export interface FunctionConfig {
  timeout?: number;
  triggers?: { name: string; type: string; config: string }[];
}

export class FunctionHost {
  private readonly pools = new Map<string, FunctionPool>();

  constructor(options: FunctionHostOptions) {
    if (!existsSync(options.functionsDir)) return;
    for (const entry of readdirSync(options.functionsDir, { withFileTypes: true })) {
      const dir = join(options.functionsDir, entry.name);
      if (!entry.isDirectory() || !existsSync(join(dir, 'index.js'))) continue;
      const config = readConfig(dir);
      const timeoutMs = (config.timeout ?? DEFAULT_TIMEOUT_S) * 1000;
      const pool = new FunctionPool({
        name: entry.name,
        entry: join(dir, 'index.js'),
        timeoutMs,
        maxInstances: options.maxInstancesPerFunction,
        adminUrl: options.adminUrl,
        baseEnv: options.baseEnv,
        log: options.log,
      });
      this.pools.set(entry.name, pool);
    }
  }

  names(): string[] {
    return [...this.pools.keys()].sort();
  }

  has(name: string): boolean {
    return this.pools.has(name);
  }

  /** The caller of the invocation an instance is serving, from the instance key in its admin URL. */
  callerOf(instanceKey: string): WxContext | undefined {
    return this.poolOf(instanceKey)?.callerOf(instanceKey);
  }

  /** Counts a database request against the invocation the instance is serving. */
  noteDatabaseRequest(instanceKey: string): void {
    this.poolOf(instanceKey)?.noteDatabaseRequest(instanceKey);
  }

  invoke(name: string, event: unknown, wxContext: WxContext): Promise<InvokeOutcome> {
    const pool = this.pools.get(name);
    if (!pool) return Promise.resolve({ ok: false, kind: 'error', message: `FunctionName parameter could not be found: ${name}`, databaseRequests: 0 });
    return pool.invoke(event, wxContext);
  }

  /** Loads one instance of each function (all by default) ahead of calls; the names that could not start. */
  async warm(names = this.names()): Promise<string[]> {
    const warm = await Promise.all(names.map((name) => this.pools.get(name)?.warm() ?? Promise.resolve(false)));
    return names.filter((_, index) => !warm[index]);
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }

  private poolOf(instanceKey: string): FunctionPool | undefined {
    return this.pools.get(instanceKey.slice(0, instanceKey.lastIndexOf('.')));
  }
}

function readConfig(dir: string): FunctionConfig {
  const file = join(dir, 'config.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FunctionConfig) : {};
}
