import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireDbPathLock } from './dbpath-lock.js';
import { syncDirectory } from './durable-fs.js';
import { temporaryJournalPath } from './journal-compaction.js';
import { readJournalFile } from './journal-file.js';
import { defaultJournalLogger, type JournalLogger } from './journal-logger.js';
import type { JournalRecord, Persistence } from './journal-record.js';
import { JournalWriter, defaultCompactAfterBytes } from './journal-writer.js';
import { ensurePrivateDirectory, ensurePrivateFile, privateFileMode } from './private-files.js';

/** Name of the journal inside the dbpath. */
export const journalFileName = 'journal';

export interface FileJournalOptions {
  /** The dbpath directory; created when missing. */
  dir: string;
  /**
   * The whole store as records, for compaction. It is called only from the write path
   * (never during {@link openFileJournal}), so a closure over a store that is created
   * before and filled by replaying `records` afterwards is fine; it must iterate
   * synchronously so that the image is point-in-time.
   */
  snapshot: () => Iterable<JournalRecord>;
  /**
   * Compact once the journal reaches this size and has doubled since the last
   * compaction (or since start-up).
   * @defaultValue {@link defaultCompactAfterBytes} (64 MiB)
   */
  compactAfterBytes?: number;
  /** @defaultValue {@link defaultJournalLogger} */
  logger?: JournalLogger;
}

/** A {@link Persistence} backed by the journal file. */
export interface FileJournal extends Persistence {
  /** Rewrites the journal as a snapshot now; the server compacts on its own otherwise. */
  compact(): Promise<void>;
  /** Current journal length in bytes. */
  readonly size: number;
  /** Completed compactions since open. */
  readonly compactions: number;
}

export interface OpenedFileJournal {
  /** Where the store sends its changes; `close()` also releases the dbpath lock. */
  persistence: FileJournal;
  /** Every intact record of the journal, to replay into the empty store, in order. */
  records: JournalRecord[];
}

/**
 * Opens the journal of a dbpath: creates the directory, takes the `mongod.lock` lock,
 * reads and validates the journal (a torn tail is cut off with a warning, corruption in
 * the middle throws `JournalCorruptError`), and returns the records to replay with the
 * {@link Persistence} that appends to it.
 *
 * Replay must apply records blindly (no unique-index checks, no journaling of its own):
 * around a compaction a record may be replayed on top of a snapshot that already
 * contains its effect.
 */
export async function openFileJournal(options: FileJournalOptions): Promise<OpenedFileJournal> {
  const { dir } = options;
  const logger = options.logger ?? defaultJournalLogger;
  const file = join(dir, journalFileName);
  await ensurePrivateDirectory(dir);
  const lock = await acquireDbPathLock(dir);
  try {
    // A leftover of a compaction interrupted before its rename; the journal is complete.
    await rm(temporaryJournalPath(file), { force: true });
    const existed = await stat(file).then(
      () => true,
      () => false,
    );
    const contents = await readJournalFile(file);
    if (contents.tornTailBytes > 0) {
      logger.warn(
        `dropped a torn tail of ${contents.tornTailBytes} bytes at offset ${contents.validBytes} ` +
          `of ${file} (a write cut short by a crash, never acknowledged)`,
      );
    }
    const handle = await open(file, 'a', privateFileMode);
    if (existed) await ensurePrivateFile(file);
    else await syncDirectory(dir);
    const writer = new JournalWriter({
      file,
      handle,
      size: contents.validBytes,
      snapshot: options.snapshot,
      compactAfterBytes: options.compactAfterBytes ?? defaultCompactAfterBytes,
      logger,
    });
    const persistence: FileJournal = {
      append: (records) => writer.append(records),
      compact: () => writer.compact(),
      close: async () => {
        try {
          await writer.close();
        } finally {
          await lock.release();
        }
      },
      get size() {
        return writer.size;
      },
      get compactions() {
        return writer.compactions;
      },
    };
    return { persistence, records: contents.records };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
