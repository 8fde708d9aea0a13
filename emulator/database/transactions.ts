/**
 * Multi-document transactions with snapshot isolation, as MongoDB (under CloudBase) offers:
 *
 * - A transaction reads the database as it was when it started, plus its own writes.
 * - Its writes are buffered and applied in one SQLite transaction at commit.
 * - Commit fails with DATABASE_TRANSACTION_CONFLICT when any document it writes was changed by
 *   anyone after it started (first committer wins), so no update is ever lost.
 *
 * The conflict is reported at commit rather than at the write itself because of the SDK:
 * wx-server-sdk turns errors of in-transaction calls into numeric errCodes, and then
 * `runTransaction` (which retries only on the string code DATABASE_TRANSACTION_CONFLICT) would
 * not retry; commit errors reach it untouched. Ordinary (non-transactional) writes never wait or
 * fail because of open transactions: they win, and the transaction touching the same document
 * retries — the same serial order MongoDB produces when the ordinary write comes first.
 *
 * Snapshots without copying: while any transaction is open, every committed write keeps its
 * before-image in `history`; a transaction reads a changed document's first before-image newer
 * than its start. History older than the oldest open transaction is dropped.
 */
import { randomUUID } from 'crypto';
import { cloneDoc, Doc } from './ejson';
import { requestFailed, transactionConflict } from './errors';
import { DocId, Store } from './store';
import { View } from './view';

interface Change {
  seq: number;
  before: Doc | null;
}

interface Write {
  collection: string;
  id: DocId;
  after: Doc | null;
}

interface Transaction {
  startSeq: number;
  expiresAt: number;
  /** Buffered writes keyed by collection and id, in first-write order. */
  writes: Map<string, Write>;
}

const docKey = (collection: string, id: DocId): string => JSON.stringify([collection, id]);

export class Transactions {
  private readonly open = new Map<string, Transaction>();
  /** collection → id → changes committed while some transaction was open, oldest first. */
  private readonly history = new Map<string, Map<DocId, Change[]>>();

  constructor(
    private readonly store: Store,
    private readonly lifetimeMs: number,
  ) {}

  start(now: number): string {
    const id = randomUUID().replace(/-/g, '');
    this.open.set(id, { startSeq: this.store.lastSeq, expiresAt: now + this.lifetimeMs, writes: new Map() });
    return id;
  }

  /** Forgets transactions past their lifetime; their buffered writes are discarded. */
  expire(now: number): void {
    let expired = false;
    for (const [id, txn] of this.open) {
      if (txn.expiresAt <= now) expired = this.open.delete(id);
    }
    if (expired) this.prune();
  }

  /** Remembers a committed write for the snapshots of open transactions. */
  record(collection: string, id: DocId, before: Doc | null, seq: number): void {
    if (this.open.size === 0) return;
    let byId = this.history.get(collection);
    if (!byId) this.history.set(collection, (byId = new Map()));
    const changes = byId.get(id);
    const change = { seq, before: before && cloneDoc(before) };
    if (changes) changes.push(change);
    else byId.set(id, [change]);
  }

  view(transactionId: string): View {
    const txn = this.find(transactionId);
    return {
      get: (collection, id) => {
        const write = txn.writes.get(docKey(collection, id));
        if (write) return write.after && cloneDoc(write.after);
        return this.snapshot(txn, collection, id, () => this.store.get(collection, id)?.doc ?? null);
      },
      scan: (collection) => {
        const docs = new Map<string, Doc | null>();
        for (const { doc } of this.store.scan(collection)) {
          const id = doc._id as DocId;
          docs.set(docKey(collection, id), this.snapshot(txn, collection, id, () => doc));
        }
        // Documents deleted after the snapshot still belong to it.
        for (const [id, changes] of this.history.get(collection) ?? []) {
          const key = docKey(collection, id);
          const first = changes.find((c) => c.seq > txn.startSeq);
          if (!docs.has(key) && first?.before) docs.set(key, cloneDoc(first.before));
        }
        for (const [key, write] of txn.writes) {
          if (write.collection === collection) docs.set(key, write.after && cloneDoc(write.after));
        }
        return [...docs.values()].filter((doc): doc is Doc => doc !== null);
      },
      put: (collection, id, _before, after) => {
        txn.writes.set(docKey(collection, id), { collection, id, after: after && cloneDoc(after) });
      },
    };
  }

  /** Applies the buffered writes atomically, or fails with a conflict and applies nothing. */
  commit(transactionId: string): void {
    const txn = this.find(transactionId);
    this.open.delete(transactionId);
    const applied: { write: Write; before: Doc | null; seq: number }[] = [];
    try {
      this.store.atomically(() => {
        for (const write of txn.writes.values()) {
          const current = this.store.get(write.collection, write.id);
          if (this.changedSince(txn, write.collection, write.id, current?.version)) throw transactionConflict();
          const before = current?.doc ?? null;
          if (!before && !write.after) continue;
          applied.push({ write, before, seq: this.store.write(write.collection, write.id, before, write.after) });
        }
      });
      for (const { write, before, seq } of applied) this.record(write.collection, write.id, before, seq);
    } finally {
      this.prune();
    }
  }

  abort(transactionId: string): void {
    this.find(transactionId);
    this.open.delete(transactionId);
    this.prune();
  }

  private find(transactionId: string): Transaction {
    const txn = this.open.get(transactionId);
    if (!txn) throw requestFailed(`[ResourceNotFound.TransactionNotExist] transaction ${transactionId} does not exist, has ended or has expired`);
    return txn;
  }

  private snapshot(txn: Transaction, collection: string, id: DocId, current: () => Doc | null): Doc | null {
    const first = this.history
      .get(collection)
      ?.get(id)
      ?.find((c) => c.seq > txn.startSeq);
    if (first) return first.before && cloneDoc(first.before);
    return current();
  }

  private changedSince(txn: Transaction, collection: string, id: DocId, version: number | undefined): boolean {
    if (version !== undefined && version > txn.startSeq) return true;
    return this.history.get(collection)?.get(id)?.some((c) => c.seq > txn.startSeq) ?? false;
  }

  /** Drops history no open transaction can still need. */
  private prune(): void {
    if (this.open.size === 0) {
      this.history.clear();
      return;
    }
    const oldest = Math.min(...[...this.open.values()].map((t) => t.startSeq));
    for (const [collection, byId] of this.history) {
      for (const [id, changes] of byId) {
        const kept = changes.filter((c) => c.seq > oldest);
        if (kept.length) byId.set(id, kept);
        else byId.delete(id);
      }
      if (byId.size === 0) this.history.delete(collection);
    }
  }
}
