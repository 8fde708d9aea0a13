import cloud from 'wx-server-sdk';

export type Db = ReturnType<typeof cloud.database>;
type Query = ReturnType<ReturnType<Db['collection']>['where']>;
type Write = ReturnType<Query['update']> | ReturnType<Query['remove']>;

export function database(): Db {
  return cloud.database();
}

/** The SDK types get() as a union with its callback form; on the server it resolves to {data}. */
export async function list<T>(query: { get(): unknown }): Promise<T[]> {
  const { data } = (await query.get()) as { data: T[] };
  return data;
}

/**
 * How many documents a `where(...).update()` or `.remove()` changed: the SDK types both as a union
 * with their callback form; on the server they resolve to {stats: {updated}} or {stats: {removed}}.
 */
export async function changedCount(write: Write): Promise<number> {
  const { stats } = (await write) as Exclude<Awaited<Write>, void>;
  return 'updated' in stats ? stats.updated : stats.removed;
}

/** One document by _id, or null: `doc(id).get()` throws on a missing document. */
export async function findById<T>(db: Db, collection: string, id: string): Promise<T | null> {
  const [doc] = await list<T>(db.collection(collection).where({ _id: id }).limit(1));
  return doc ?? null;
}

/** Whether an insert failed on a unique index (the database says E11000 duplicate key). */
export const isDuplicateKey = (err: unknown): boolean => /E11000|duplicate key/i.test(String((err as { message?: unknown })?.message ?? err));

/**
 * A case-insensitive "contains" match for what a person typed: the text is taken literally (every
 * regular-expression character escaped), never as a pattern of its own.
 */
export function containing(db: Db, typed: string) {
  return db.RegExp({ regexp: typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' });
}
