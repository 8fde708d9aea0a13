/**
 * What the actions read and write through: either the store directly, or a transaction's
 * snapshot with its buffered writes on top. Actions are written once against this interface.
 */
import { Doc } from './ejson';
import { DocId } from './store';

export interface View {
  /** The document as this view sees it, or null. Callers may mutate the returned object. */
  get(collection: string, id: DocId): Doc | null;
  /** Every document of the collection in natural (insertion) order. */
  scan(collection: string): Doc[];
  /**
   * The _id a query pins through a unique index (null: no such document), or undefined when no
   * index applies. Only views that see the store as it is now can answer.
   */
  uniqueMatch?(collection: string, query: Doc): DocId | null | undefined;
  /**
   * The documents with these _ids in natural order, for views that see the store as it is now;
   * others leave it out and the caller scans.
   */
  byIds?(collection: string, ids: readonly DocId[]): Doc[];
  /** Records a write: insert (before = null), replace, or delete (after = null). */
  put(collection: string, id: DocId, before: Doc | null, after: Doc | null): void;
}
