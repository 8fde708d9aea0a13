/**
 * The emulator's CloudBase database: answers the `database.*` admin actions that the unmodified
 * wx-server-sdk sends, over a durable SQLite store.
 */
import { randomUUID } from 'crypto';
import { find } from 'mingo';
import { ACTIONS, Context, directly, insertDocs } from './actions';
import { Doc } from './ejson';
import { collectionNotExist, DatabaseError, ErrorCode, invalidParam } from './errors';
import { IndexSpec, Store } from './store';
import { Transactions } from './transactions';

export interface DatabaseManifest {
  collections: { name: string; indexes?: IndexSpec[] }[];
}

export interface CloudDatabaseOptions {
  /** SQLite file; created when missing. */
  file: string;
  /** Collections (and their indexes) that exist from the start, as cloudfunctions/collections.json. */
  manifest: DatabaseManifest;
  /** Clock for server dates and transaction expiry; tests may freeze it. */
  now?: () => number;
  /** Lifetime of a transaction; MongoDB's default transactionLifetimeLimitSeconds is 60. */
  transactionTimeoutMs?: number;
}

export type { IndexSpec };

export class CloudDatabase {
  private readonly store: Store;
  private readonly transactions: Transactions;
  private readonly now: () => number;

  constructor(opts: CloudDatabaseOptions) {
    this.now = opts.now ?? Date.now;
    this.store = new Store(opts.file);
    this.transactions = new Transactions(this.store, opts.transactionTimeoutMs ?? 60_000);
    for (const { name, indexes = [] } of opts.manifest.collections) {
      if (!this.store.hasCollection(name)) this.store.createCollection(name);
      this.store.setIndexes(name, indexes);
    }
  }

  /**
   * Handles one admin request whose `action` starts with "database.". Returns the full reply body
   * the SDK expects: `{requestId, ...}` on success, `{requestId, code, message}` on a client error.
   */
  async handle(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const requestId = randomUUID();
    try {
      const now = this.now();
      this.transactions.expire(now);
      const action = typeof body.action === 'string' ? ACTIONS[body.action] : undefined;
      if (!action) throw invalidParam(`unsupported action ${String(body.action)}`);
      const ctx: Context = { store: this.store, transactions: this.transactions, now };
      return { requestId, ...action(body, ctx) };
    } catch (e) {
      // Anything else (a mingo evaluation error, say) is still the request's fault, not ours.
      const error = e instanceof DatabaseError ? e : { code: ErrorCode.REQUEST_FAILED, message: (e as Error).message };
      return { requestId, code: error.code, message: error.message };
    }
  }

  /** Inserts one document (seeding, tests). Returns its _id. */
  insert(collection: string, doc: Record<string, unknown>): string {
    this.requireCollection(collection);
    const ctx: Context = { store: this.store, transactions: this.transactions, now: this.now() };
    const [id] = directly(ctx, (view) => insertDocs(view, collection, [doc], ctx.now));
    return String(id);
  }

  /** All documents matching a MongoDB-style query (no paging), for seeding and tests. */
  find(collection: string, query: Record<string, unknown> = {}): Record<string, unknown>[] {
    this.requireCollection(collection);
    const docs = this.store.scan(collection).map((stored) => stored.doc);
    return find(docs, query).all() as Doc[];
  }

  /** True when no collection holds any document (decides first-start seeding). */
  isEmpty(): boolean {
    return this.store.isEmpty();
  }

  close(): void {
    this.store.close();
  }

  private requireCollection(name: string): void {
    if (!this.store.hasCollection(name)) throw collectionNotExist(name);
  }
}
