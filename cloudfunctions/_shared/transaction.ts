// A typed face for the few transaction calls this function makes: wx-server-sdk types
// runTransaction's callback as `any`. CloudBase transactions allow single-document operations
// only, so everything here goes by _id.
import cloud from 'wx-server-sdk';

/** An update's fields: plain values, or update commands such as `_.set` (replace whole) and `_.inc`. */
type UpdateData<T> = { [K in keyof T]?: T[K] | ReturnType<Command['set']> };
type Command = ReturnType<typeof cloud.database>['command'];

interface TxDocument<T> {
  /** The document, or null when there is none (the database below is opened without throwOnNotFound). */
  get(): Promise<{ data: T | null }>;
  update(options: { data: UpdateData<T> }): Promise<unknown>;
}

interface TxCollection<T> {
  doc(id: string): TxDocument<T>;
  /** Inserts; the database assigns the _id when the document has none. Fails on a taken _id. */
  add(options: { data: T | Omit<T, '_id'> }): Promise<{ _id: string }>;
}

export interface Tx {
  collection<T extends { _id: string }>(name: string): TxCollection<T>;
}

/**
 * Runs `work` as one transaction: every write commits or none does. On a write conflict the SDK
 * retries `work` from the start (up to 3 times), so `work` must only read and write through `tx`.
 * An error thrown by `work` (an AppError, say) aborts the transaction and reaches the caller as is.
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  // throwOnNotFound is a documented wx-server-sdk option its typings leave out.
  const db = cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0]);
  return (await db.runTransaction(work)) as T;
}
