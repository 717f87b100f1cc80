import type { Document } from 'bson';

/**
 * One logical change to the store, as written to the journal.
 *
 * Every record is idempotent (a `put` is an upsert by `_id`, a `delete` of a missing
 * document is a no-op, creating an existing index is a no-op), so replaying a record
 * that is also contained in a compacted snapshot is harmless.
 *
 * Replay must therefore apply records blindly: no unique-key checks, no journaling, and
 * dropping a missing index or collection is a no-op. After a compaction the journal is
 * the snapshot followed by the appends that were queued while it was taken, which the
 * snapshot may already contain; replaying those can pass through states the store never
 * had (but always ends in the one it had). On disk, each `append` call is one CRC-checked
 * frame (see `journal-frame.ts`), which is what makes a command all-or-nothing.
 */
export type JournalRecord =
  | { op: 'createCollection'; db: string; coll: string; options?: Document }
  | { op: 'put'; db: string; coll: string; doc: Document }
  | { op: 'delete'; db: string; coll: string; id: unknown }
  | { op: 'createIndex'; db: string; coll: string; spec: Document }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string };

/** Where the store sends its changes. In-memory servers use {@link noPersistence}. */
export interface Persistence {
  /**
   * Appends the records of one command as a single unit: after a crash either all of
   * them are replayed or none. Resolves only once they are durable on disk (fsync),
   * so the server replies to the client after this resolves.
   */
  append(records: readonly JournalRecord[]): Promise<void>;
  /** Flushes and closes the files and releases the dbpath lock. */
  close(): Promise<void>;
}

export const noPersistence: Persistence = {
  append: async () => {},
  close: async () => {},
};
