/**
 * Durable document store on SQLite (better-sqlite3, synchronous).
 *
 * Durability: WAL journal with synchronous=NORMAL. A commit is appended to the WAL with write(2)
 * before better-sqlite3 returns, so it is in the OS page cache and survives a kill -9 of the
 * emulator; only an OS crash or power loss could drop the last commits (FULL would fsync every
 * commit, which a local emulator does not need and which would slow hot paths like 2,000 stock
 * decrements a lot).
 *
 * Every write stamps the document with the next value of one global sequence (`version`), so
 * transactions can tell whether a document changed after they started.
 */
import Database from 'better-sqlite3';
import { Doc, fromStored, toStored } from './ejson';
import { requestFailed } from './errors';

export type DocId = string | number;

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface StoredDoc {
  doc: Doc;
  version: number;
}

interface Row {
  doc: string;
  version: number;
}

/** The value of a dotted path, `null` when missing (Mongo indexes missing fields as null). */
function pathValue(doc: Doc, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Doc)[part];
  }
  return value === undefined ? null : value;
}

/** A unique index's key for a document, or for a query whose keys are the index's dotted paths. */
function uniqueKey(doc: Doc, index: IndexSpec, flat = false): string {
  return toStored({ k: Object.keys(index.keys).map((path) => (flat ? doc[path] : pathValue(doc, path))) });
}

export class Store {
  private readonly db: Database.Database;
  private readonly indexes = new Map<string, IndexSpec[]>();
  private seq: number;
  private readonly stmt;
  /** One reusable wrapper: better-sqlite3 nests calls as savepoints. */
  private readonly inTransaction: (fn: () => unknown) => unknown;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // The id column has no declared type so string and numeric _ids stay distinct, as in Mongo.
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, indexes TEXT NOT NULL DEFAULT '[]');
      CREATE TABLE IF NOT EXISTS documents (
        collection TEXT NOT NULL, id NOT NULL, doc TEXT NOT NULL, version INTEGER NOT NULL,
        PRIMARY KEY (collection, id));
      CREATE TABLE IF NOT EXISTS unique_keys (
        collection TEXT NOT NULL, index_name TEXT NOT NULL, key TEXT NOT NULL, id NOT NULL,
        PRIMARY KEY (collection, index_name, key));
    `);
    this.stmt = {
      get: this.db.prepare<[string, DocId], Row>('SELECT doc, version FROM documents WHERE collection = ? AND id = ?'),
      // rowid order is insertion order: the natural order the cloud returns without orderBy.
      scan: this.db.prepare<[string], Row>('SELECT doc, version FROM documents WHERE collection = ? ORDER BY rowid'),
      // The ids travel as one JSON array; json_each keeps strings and numbers apart as the id column does.
      byIds: this.db.prepare<[string, string], Row>(
        'SELECT doc, version FROM documents WHERE collection = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY rowid',
      ),
      insert: this.db.prepare('INSERT INTO documents (collection, id, doc, version) VALUES (?, ?, ?, ?)'),
      update: this.db.prepare('UPDATE documents SET doc = ?, version = ? WHERE collection = ? AND id = ?'),
      remove: this.db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?'),
      addKey: this.db.prepare('INSERT INTO unique_keys (collection, index_name, key, id) VALUES (?, ?, ?, ?)'),
      dropKey: this.db.prepare('DELETE FROM unique_keys WHERE collection = ? AND index_name = ? AND key = ? AND id = ?'),
      keyOwner: this.db.prepare<[string, string, string], { id: DocId }>(
        'SELECT id FROM unique_keys WHERE collection = ? AND index_name = ? AND key = ?',
      ),
    };
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn());
    for (const row of this.db.prepare<[], { name: string; indexes: string }>('SELECT name, indexes FROM collections').all()) {
      this.indexes.set(row.name, JSON.parse(row.indexes) as IndexSpec[]);
    }
    const max = this.db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM documents').get();
    this.seq = max?.v ?? 0;
  }

  /** The sequence value of the latest write. */
  get lastSeq(): number {
    return this.seq;
  }

  hasCollection(name: string): boolean {
    return this.indexes.has(name);
  }

  createCollection(name: string): void {
    this.db.prepare('INSERT INTO collections (name) VALUES (?)').run(name);
    this.indexes.set(name, []);
  }

  /** Declares a collection's indexes; unique ones are (re)built and enforced from now on. */
  setIndexes(name: string, specs: IndexSpec[]): void {
    if (JSON.stringify(specs) === JSON.stringify(this.indexes.get(name))) return;
    this.atomically(() => {
      this.db.prepare('UPDATE collections SET indexes = ? WHERE name = ?').run(JSON.stringify(specs), name);
      this.db.prepare('DELETE FROM unique_keys WHERE collection = ?').run(name);
      this.indexes.set(name, specs);
      for (const { doc } of this.scan(name)) this.addKeys(name, doc._id as DocId, doc);
    });
  }

  get(collection: string, id: DocId): StoredDoc | undefined {
    const row = this.stmt.get.get(collection, id);
    return row && { doc: fromStored(row.doc), version: row.version };
  }

  /**
   * The _id of the one document a query pins through a unique index (every key field compared for
   * equality with a string or number), null when no document holds that key; undefined when no
   * unique index applies and the collection must be scanned.
   */
  uniqueMatch(collection: string, query: Record<string, unknown>): DocId | null | undefined {
    for (const index of this.uniqueIndexes(collection)) {
      const paths = Object.keys(index.keys);
      if (!paths.every((path) => typeof query[path] === 'string' || typeof query[path] === 'number')) continue;
      const owner = this.stmt.keyOwner.get(collection, index.name, uniqueKey(query, index, true));
      return owner ? owner.id : null;
    }
    return undefined;
  }

  scan(collection: string): StoredDoc[] {
    return this.stmt.scan.all(collection).map((row) => ({ doc: fromStored(row.doc), version: row.version }));
  }

  /** The documents with these ids, in natural order. */
  byIds(collection: string, ids: readonly DocId[]): StoredDoc[] {
    return this.stmt.byIds.all(collection, JSON.stringify(ids)).map((row) => ({ doc: fromStored(row.doc), version: row.version }));
  }

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM documents LIMIT 1').get() === undefined;
  }

  /**
   * Inserts (before = null), replaces or deletes (after = null) one document, keeping unique
   * index entries in step. Returns the new version. Throws a duplicate-key error.
   */
  write(collection: string, id: DocId, before: Doc | null, after: Doc | null): number {
    // A savepoint, so a duplicate key cannot leave index entries half-updated.
    return this.atomically(() => {
      if (before) this.dropKeys(collection, id, before);
      if (after) this.addKeys(collection, id, after);
      const version = this.seq + 1;
      if (!before && after) {
        try {
          this.stmt.insert.run(collection, id, toStored(after), version);
        } catch (e) {
          if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw duplicateKey(collection, '_id_', id);
          throw e;
        }
      } else if (before && after) {
        this.stmt.update.run(toStored(after), version, collection, id);
      } else if (before) {
        this.stmt.remove.run(collection, id);
      }
      return (this.seq = version);
    });
  }

  /** Runs `fn` in one SQLite transaction: all its writes land together or not at all. */
  atomically<T>(fn: () => T): T {
    return this.inTransaction(fn) as T;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private uniqueIndexes(collection: string): IndexSpec[] {
    return (this.indexes.get(collection) ?? []).filter((index) => index.unique);
  }

  private addKeys(collection: string, id: DocId, doc: Doc): void {
    for (const index of this.uniqueIndexes(collection)) {
      const key = uniqueKey(doc, index);
      const owner = this.stmt.keyOwner.get(collection, index.name, key);
      if (owner && owner.id !== id) throw duplicateKey(collection, index.name, key);
      if (!owner) this.stmt.addKey.run(collection, index.name, key, id);
    }
  }

  private dropKeys(collection: string, id: DocId, doc: Doc): void {
    for (const index of this.uniqueIndexes(collection)) this.stmt.dropKey.run(collection, index.name, uniqueKey(doc, index), id);
  }
}

/** Mongo's E11000 text, which callers commonly match on. */
function duplicateKey(collection: string, index: string, key: unknown): Error {
  return requestFailed(`E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${String(key)}`);
}
