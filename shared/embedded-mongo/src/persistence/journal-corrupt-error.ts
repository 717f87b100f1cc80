/**
 * The journal holds a damaged frame followed by valid ones. Unlike a torn tail (the
 * last, unacknowledged write cut short by a crash), this cannot be repaired by dropping
 * bytes without also dropping acknowledged writes, so the server refuses to start.
 */
export class JournalCorruptError extends Error {
  /** Stable code for callers that branch on the kind of failure. */
  readonly code = 'JOURNAL_CORRUPT';

  constructor(
    /** The journal file. */
    readonly file: string,
    /** Byte offset of the first damaged frame. */
    readonly offset: number,
    /** What is wrong with the frame at {@link offset}. */
    readonly reason: string,
  ) {
    super(
      `journal ${file} is corrupt at byte offset ${offset}: ${reason}, and valid records ` +
        'follow it, so this is not a torn tail; refusing to start rather than losing data. ' +
        'Restore the dbpath from a backup, or truncate the file at that offset to keep only ' +
        'the records before it.',
    );
    this.name = 'JournalCorruptError';
  }
}
