import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { writeFully } from './durable-fs.js';
import { privateFileMode } from './private-files.js';
import { frameSerializedRecords, serializeRecord } from './journal-frame.js';
import type { JournalRecord } from './journal-record.js';

/** Target payload size of one snapshot frame. */
export const defaultSnapshotFrameBytes = 1024 * 1024;

/**
 * Encodes a snapshot into frames. It runs synchronously on purpose: iterating the store
 * without yielding to the event loop gives a point-in-time image, so replaying it and
 * then the records appended afterwards passes only through states the store really had.
 */
export function encodeSnapshot(
  records: Iterable<JournalRecord>,
  frameBytes: number = defaultSnapshotFrameBytes,
): Buffer[] {
  const frames: Buffer[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for (const record of records) {
    const doc = serializeRecord(record);
    pending.push(doc);
    pendingBytes += doc.length;
    if (pendingBytes >= frameBytes) {
      frames.push(frameSerializedRecords(pending));
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pending.length > 0) frames.push(frameSerializedRecords(pending));
  return frames;
}

/** The journal after {@link replaceJournal}: open for appending, and its size. */
export interface ReplacedJournal {
  handle: FileHandle;
  size: number;
}

/**
 * Atomically replaces `file` with a journal made of `frames`: written to `<file>.tmp`,
 * fsynced and renamed over `file`. A crash at any point leaves either the old journal
 * or the new one, both complete. When it throws, `file` is untouched.
 *
 * The caller must still fsync the directory (see `syncDirectory`) before appending to
 * the new journal, and must treat a failure there as fatal: the rename may not be
 * durable, and frames appended to the new file would vanish with it. The returned
 * handle is the one the frames were written through, so nothing can fail to open
 * after the rename.
 */
export async function replaceJournal(
  file: string,
  frames: readonly Buffer[],
): Promise<ReplacedJournal> {
  const tmp = temporaryJournalPath(file);
  const handle = await open(tmp, 'w', privateFileMode);
  try {
    // A leftover file keeps its old mode through 'w'; the new journal must not.
    await handle.chmod(privateFileMode);
    let size = 0;
    for (const frame of frames) {
      await writeFully(handle, frame);
      size += frame.length;
    }
    await handle.sync();
    await rename(tmp, file);
    return { handle, size };
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(tmp, { force: true }).catch(() => {});
    throw error;
  }
}

/** Where {@link replaceJournal} builds the new journal; a leftover one is garbage. */
export function temporaryJournalPath(file: string): string {
  return `${file}.tmp`;
}
