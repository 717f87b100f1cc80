/**
 * The journal could not be made durable (a failed write or fsync, a full disk). The
 * append that hit it and every later one reject with this error: after a failed fsync
 * the kernel may have dropped the unwritten pages, so retrying could acknowledge data
 * that is not on disk. The server must answer with an error and be restarted.
 */
export class JournalWriteError extends Error {
  /** Stable code for callers that branch on the kind of failure. */
  readonly code = 'JOURNAL_WRITE_FAILED';

  constructor(
    /** The journal file. */
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `journal ${file} could not be written (${cause instanceof Error ? cause.message : String(cause)}); ` +
        'no further writes are accepted until the server is restarted',
      { cause },
    );
    this.name = 'JournalWriteError';
  }
}
