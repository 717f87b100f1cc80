import { open, readFile } from 'node:fs/promises';
import { JournalCorruptError } from './journal-corrupt-error.js';
import {
  FRAME_HEADER_BYTES,
  MAX_PAYLOAD_BYTES,
  MIN_PAYLOAD_BYTES,
  decodePayload,
  payloadChecksum,
} from './journal-frame.js';
import type { JournalRecord } from './journal-record.js';

/** What reading a journal found. */
export interface JournalContents {
  /** Records of every intact frame, in order. */
  records: JournalRecord[];
  /** Number of intact frames. */
  frames: number;
  /** Length of the intact prefix; everything after it is a torn tail. */
  validBytes: number;
  /** Bytes after {@link validBytes}: a write cut short by a crash, never acknowledged. */
  tornTailBytes: number;
}

/**
 * Validates a whole journal image (see `journal-frame.ts` for the framing).
 *
 * A damaged frame is a torn tail when nothing valid follows it: the crash interrupted
 * the last write, which was therefore never acknowledged, and it is dropped. A damaged
 * frame followed by a valid one cannot come from a crash — bytes were lost or changed
 * in the middle — and dropping the rest would lose acknowledged writes, so it throws
 * {@link JournalCorruptError} naming the file and offset.
 *
 * @param file - used in error messages only.
 */
export function parseJournal(image: Buffer, file: string): JournalContents {
  const records: JournalRecord[] = [];
  let frames = 0;
  let offset = 0;
  while (offset < image.length) {
    const problem = frameProblemAt(image, offset);
    if (problem !== undefined) {
      const next = findValidFrame(image, offset + 1);
      if (next !== -1) {
        throw new JournalCorruptError(file, offset, `${problem} (next valid frame at ${next})`);
      }
      return { records, frames, validBytes: offset, tornTailBytes: image.length - offset };
    }
    const end = offset + FRAME_HEADER_BYTES + image.readUInt32LE(offset);
    try {
      records.push(...decodePayload(image.subarray(offset + FRAME_HEADER_BYTES, end)));
    } catch (error) {
      // The checksum matched, so these are the bytes that were written: not a torn write.
      throw new JournalCorruptError(file, offset, `undecodable frame (${String(error)})`);
    }
    frames += 1;
    offset = end;
  }
  return { records, frames, validBytes: offset, tornTailBytes: 0 };
}

/** Why the bytes at `offset` are not an intact frame, or `undefined` when they are. */
function frameProblemAt(image: Buffer, offset: number): string | undefined {
  if (image.length - offset < FRAME_HEADER_BYTES) return 'incomplete frame header';
  const length = image.readUInt32LE(offset);
  if (length < MIN_PAYLOAD_BYTES || length > MAX_PAYLOAD_BYTES) {
    return `impossible payload length ${length}`;
  }
  const start = offset + FRAME_HEADER_BYTES;
  if (start + length > image.length) return 'frame runs past the end of the file';
  // A BSON document starts with its own length: a cheap check before the checksum.
  if (image.readInt32LE(start) !== length) return 'payload length mismatch';
  if (payloadChecksum(image.subarray(start, start + length)) !== image.readUInt32LE(offset + 4)) {
    return 'checksum mismatch';
  }
  return undefined;
}

/** Offset of the first intact frame at or after `from`, or -1. */
function findValidFrame(image: Buffer, from: number): number {
  const last = image.length - FRAME_HEADER_BYTES - MIN_PAYLOAD_BYTES;
  for (let at = from; at <= last; at++) {
    const length = image.readUInt32LE(at);
    // Cheap filters first, so scanning a long damaged region stays linear in practice.
    if (length < MIN_PAYLOAD_BYTES || at + FRAME_HEADER_BYTES + length > image.length) continue;
    if (image.readInt32LE(at + FRAME_HEADER_BYTES) !== length) continue;
    if (frameProblemAt(image, at) === undefined) return at;
  }
  return -1;
}

/**
 * Reads and validates the journal at `file` (a missing file is an empty journal), and
 * cuts a torn tail off the file so that new frames are appended right after the last
 * intact one.
 */
export async function readJournalFile(file: string): Promise<JournalContents> {
  let image: Buffer;
  try {
    image = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { records: [], frames: 0, validBytes: 0, tornTailBytes: 0 };
    }
    throw error;
  }
  const contents = parseJournal(image, file);
  if (contents.tornTailBytes > 0) await truncateFile(file, contents.validBytes);
  return contents;
}

async function truncateFile(file: string, length: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
