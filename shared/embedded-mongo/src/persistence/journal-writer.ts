import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDirectory, writeFully } from './durable-fs.js';
import { encodeSnapshot, replaceJournal } from './journal-compaction.js';
import { encodeFrame } from './journal-frame.js';
import { defaultJournalLogger, type JournalLogger } from './journal-logger.js';
import type { JournalRecord } from './journal-record.js';
import { JournalWriteError } from './journal-write-error.js';

/** Journal size from which compaction is considered: 64 MiB. */
export const defaultCompactAfterBytes = 64 * 1024 * 1024;

export interface JournalWriterOptions {
  /** Path of the journal, for messages and for compaction's rename. */
  file: string;
  /** The journal opened for writing, positioned after its last intact frame. */
  handle: FileHandle;
  /** Current length of the journal in bytes. */
  size: number;
  /**
   * A point-in-time image of the whole store as records, iterated synchronously during
   * compaction. Only called from the write path, i.e. after start-up replay.
   */
  snapshot: () => Iterable<JournalRecord>;
  /**
   * Compact once the journal is at least this large and at least twice its size right
   * after the previous compaction (or its size at start-up, for the first one), so the
   * cost of compacting stays proportional to the data written.
   * @defaultValue {@link defaultCompactAfterBytes}
   */
  compactAfterBytes?: number;
  /** @defaultValue {@link defaultJournalLogger} */
  logger?: JournalLogger;
}

interface PendingAppend {
  frame: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Appends frames with group commit: while one write + fdatasync is in flight, new
 * appends queue up and the next round writes them all with a single write and a single
 * fdatasync. Each append resolves only once its own frame is durable. Compaction runs
 * as one of these rounds, so it never interleaves with a write.
 */
export class JournalWriter {
  private readonly file: string;
  private readonly snapshot: () => Iterable<JournalRecord>;
  private readonly compactAfterBytes: number;
  private readonly logger: JournalLogger;
  private handle: FileHandle;
  private bytes: number;
  private sizeAfterCompaction: number;
  private queue: PendingAppend[] = [];
  private compactionWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private draining: Promise<void> | undefined;
  private failure: JournalWriteError | undefined;
  private closed = false;
  private compactionCount = 0;

  constructor(options: JournalWriterOptions) {
    this.file = options.file;
    this.handle = options.handle;
    this.bytes = options.size;
    this.sizeAfterCompaction = options.size;
    this.snapshot = options.snapshot;
    this.compactAfterBytes = options.compactAfterBytes ?? defaultCompactAfterBytes;
    this.logger = options.logger ?? defaultJournalLogger;
  }

  /** Current length of the journal in bytes (durable frames only). */
  get size(): number {
    return this.bytes;
  }

  /** How many compactions have completed since open. */
  get compactions(): number {
    return this.compactionCount;
  }

  /**
   * Queues one frame with all of `records`. The records are encoded right away, so
   * later changes to the objects they reference do not leak into the journal.
   */
  append(records: readonly JournalRecord[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error(`journal ${this.file} is closed`));
    if (records.length === 0) return Promise.resolve();
    let frame: Buffer;
    try {
      frame = encodeFrame(records);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ frame, resolve, reject });
      this.kick();
    });
  }

  /** Rewrites the journal as a snapshot now, whatever its size. */
  compact(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error(`journal ${this.file} is closed`));
    return new Promise((resolve, reject) => {
      this.compactionWaiters.push({ resolve, reject });
      this.kick();
    });
  }

  /** Writes what is queued, then closes the file. Later appends reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.draining) await this.draining;
    await this.handle.close();
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (!this.failure && (this.queue.length > 0 || this.compactionWaiters.length > 0)) {
        this.kick();
      }
    });
  }

  private async drain(): Promise<void> {
    while (!this.failure) {
      if (this.compactionWaiters.length > 0 || this.compactionDue()) {
        const waiters = this.compactionWaiters.splice(0);
        try {
          await this.runCompaction();
          for (const waiter of waiters) waiter.resolve();
        } catch (error) {
          for (const waiter of waiters) waiter.reject(error as Error);
        }
        continue;
      }
      const batch = this.queue.splice(0);
      if (batch.length === 0) return;
      const data = batch.length === 1 ? batch[0]!.frame : Buffer.concat(batch.map((p) => p.frame));
      try {
        await writeFully(this.handle, data);
        await this.handle.datasync();
      } catch (error) {
        this.fail(error, batch);
        return;
      }
      this.bytes += data.length;
      for (const pending of batch) pending.resolve();
    }
  }

  private compactionDue(): boolean {
    return this.bytes >= this.compactAfterBytes && this.bytes >= 2 * this.sizeAfterCompaction;
  }

  /**
   * Frames queued but not yet written are written after the snapshot, into the new
   * journal; if the store already applied them they are in the snapshot too, which is
   * harmless because records are idempotent.
   */
  private async runCompaction(): Promise<void> {
    const before = this.bytes;
    let replaced;
    try {
      replaced = await replaceJournal(this.file, encodeSnapshot(this.snapshot()));
    } catch (error) {
      // The old journal is intact and stays in use; try again once it doubles.
      this.sizeAfterCompaction = this.bytes;
      this.logger.warn(`compaction of ${this.file} failed, journal kept: ${String(error)}`);
      throw error;
    }
    const previous = this.handle;
    this.handle = replaced.handle;
    this.bytes = replaced.size;
    this.sizeAfterCompaction = replaced.size;
    await previous.close().catch(() => {});
    try {
      await syncDirectory(dirname(this.file));
    } catch (error) {
      this.fail(error, []);
      throw this.failure;
    }
    this.compactionCount += 1;
    this.logger.info(`compacted ${this.file} from ${before} to ${replaced.size} bytes`);
  }

  private fail(cause: unknown, batch: PendingAppend[]): void {
    this.failure = new JournalWriteError(this.file, cause);
    this.logger.warn(this.failure.message);
    for (const pending of [...batch, ...this.queue.splice(0)]) pending.reject(this.failure);
    for (const waiter of this.compactionWaiters.splice(0)) waiter.reject(this.failure);
  }
}
