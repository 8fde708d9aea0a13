/**
 * Test helper: a real HTTP server routing `POST /admin` JSON bodies to CloudDatabase.handle, with
 * the unmodified wx-server-sdk pointed at it through the environment (emulator/sdkEnv.ts), exactly
 * as the emulator's own server and the cloud functions are wired.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cloud from 'wx-server-sdk';
import { CloudDatabase, type CloudDatabaseOptions, type DatabaseManifest } from '../../emulator/database';
import { sdkEnv } from '../../emulator/sdkEnv';

export interface Exchange {
  request: Record<string, unknown>;
  reply: Record<string, unknown>;
}

/**
 * The promise-style surface of wx-server-sdk's database that the tests use: its own .d.ts types
 * every call as callback-or-promise and lacks several real signatures (serverDate({offset}), ...).
 * Documents and commands are schemaless, hence `any` below.
 */
type Data = Record<string, any>;
type Commands = Record<string, (...args: any[]) => any>;
export interface SdkQuery {
  where(query: object): SdkQuery;
  orderBy(field: string, direction: 'asc' | 'desc'): SdkQuery;
  skip(n: number): SdkQuery;
  limit(n: number): SdkQuery;
  field(projection: object): SdkQuery;
  get(): Promise<{ data: Data[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}
export interface SdkDoc {
  field(projection: object): SdkDoc;
  get(): Promise<{ data: Data }>;
  set(options: { data: object }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}
export interface SdkAggregate {
  [stage: string]: (...args: any[]) => any;
  end(): Promise<{ list: Data[] }>;
}
export interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDoc;
  add(options: { data: object }): Promise<{ _id: string; _ids: string[] }>;
  aggregate(): SdkAggregate;
}
export interface SdkTransaction {
  collection(name: string): SdkCollection;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}
export interface SdkDatabase {
  collection(name: string): SdkCollection;
  command: Commands & { aggregate: Commands };
  serverDate(options?: { offset: number }): object;
  RegExp(options: { regexp: string; options?: string }): object;
  createCollection(name: string): Promise<unknown>;
  runTransaction<T>(callback: (t: SdkTransaction) => Promise<T>, times?: number): Promise<T>;
  startTransaction(): Promise<SdkTransaction>;
}

export interface DbServer {
  db: CloudDatabase;
  /** The SDK's database handle, talking HTTP to `db`. */
  sdb: SdkDatabase;
  /** Another SDK handle with its own config (e.g. throwOnNotFound: false). */
  database(config: object): SdkDatabase;
  /** The SQLite file, in a temp dir removed by close(). */
  file: string;
  /** Every request body the SDK sent and the reply it got, in order. */
  exchanges: Exchange[];
  close(): Promise<void>;
}

export const TEST_ENV = 'cactus-test';

export async function startDbServer(
  manifest: DatabaseManifest,
  options: Omit<CloudDatabaseOptions, 'file' | 'manifest'> = {},
): Promise<DbServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cactus-db-'));
  const file = join(dir, 'db.sqlite');
  const db = new CloudDatabase({ file, manifest, ...options });
  const exchanges: Exchange[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      void db.handle(request).then((reply) => {
        exchanges.push({ request, reply });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(process.env, sdkEnv(`http://127.0.0.1:${port}/admin`, TEST_ENV));
  cloud.init({ env: TEST_ENV });
  return {
    db,
    sdb: cloud.database() as unknown as SdkDatabase,
    database: (config) => (cloud.database as (c: object) => unknown)(config) as SdkDatabase,
    file,
    exchanges,
    close: async () => {
      // The SDK keeps connections alive; drop them so close() does not wait for their timeout.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves to the SDK's rejection (errCode/errMsg) so tests can inspect it. */
export async function failure(call: Promise<unknown>): Promise<{ errCode: number; errMsg: string; code?: string }> {
  try {
    await call;
  } catch (e) {
    return e as { errCode: number; errMsg: string; code?: string };
  }
  throw new Error('expected the SDK call to fail');
}
