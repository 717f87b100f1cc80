import { deserialize, serialize } from 'bson';
import { crc32 } from 'node:zlib';
import { isPlainObject, toExact } from '../bson/value-view.js';
import type { JournalRecord } from './journal-record.js';

/**
 * On-disk framing of the journal. A journal file is a sequence of frames:
 *
 * ```
 * [u32 LE payloadLength][u32 LE crc32(payload)][payload = BSON { r: JournalRecord[] }]
 * ```
 *
 * One frame holds the records of one `append` call, so a command's changes are replayed
 * all together or not at all. The payload is a BSON document, whose own first four bytes
 * repeat `payloadLength`; the reader uses that to tell a real frame from random bytes
 * cheaply before checking the CRC.
 */
export const FRAME_HEADER_BYTES = 8;

/** The smallest BSON document (`{}`) is five bytes. */
export const MIN_PAYLOAD_BYTES = 5;

/** MongoDB's own ceiling for a message is 48 MB; anything larger is not a real frame. */
export const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

/** `undefined` fields are left out, so optional record fields read back as absent. */
const serializeOptions = { ignoreUndefined: true } as const;

/**
 * Decoding keeps every numeric wrapper (`Int32`, `Double`, `Long`), then `toExact` turns
 * back into plain numbers exactly those that bson serializes back to the same bytes (the
 * form the wire decoder stores): an int64 stays `Long`, an integral double stays
 * `Double`, everything else becomes a number. A record therefore re-encodes byte for
 * byte as it was appended.
 */
const deserializeOptions = {
  promoteValues: false,
  promoteBuffers: false,
  bsonRegExp: false,
} as const;

/** Element header of the payload's only field: type 0x04 (array), name `r`. */
const ARRAY_KEY = Buffer.from([0x04, 0x72, 0x00]);

/** Encodes the records of one append as a single frame. */
export function encodeFrame(records: readonly JournalRecord[]): Buffer {
  return frameSerializedRecords(records.map(serializeRecord));
}

/** BSON of one record, as {@link frameSerializedRecords} takes it. */
export function serializeRecord(record: JournalRecord): Uint8Array {
  return serialize(record, serializeOptions);
}

/**
 * Frames records that are already serialized. The payload is assembled by hand rather
 * than serialized in one go because bson serializes through a fixed 17 MB internal
 * buffer, which a large insertMany batch (up to 48 MB) would overflow.
 */
export function frameSerializedRecords(docs: readonly Uint8Array[]): Buffer {
  const keys = docs.map((_, i) => Buffer.from(`\u0003${i}\u0000`, 'latin1'));
  let arrayLength = 4 + 1;
  docs.forEach((doc, i) => (arrayLength += keys[i]!.length + doc.length));
  const payloadLength = 4 + ARRAY_KEY.length + arrayLength + 1;
  if (payloadLength > MAX_PAYLOAD_BYTES) {
    throw new RangeError(
      `journal frame of ${payloadLength} bytes exceeds the limit of ${MAX_PAYLOAD_BYTES} bytes`,
    );
  }
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payloadLength);
  let at = FRAME_HEADER_BYTES;
  at = frame.writeInt32LE(payloadLength, at);
  at += ARRAY_KEY.copy(frame, at);
  at = frame.writeInt32LE(arrayLength, at);
  docs.forEach((doc, i) => {
    at += keys[i]!.copy(frame, at);
    frame.set(doc, at);
    at += doc.length;
  });
  at = frame.writeUInt8(0, at); // end of the array
  frame.writeUInt8(0, at); // end of the payload document
  frame.writeUInt32LE(payloadLength, 0);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 4);
  return frame;
}

/** CRC-32 (the zlib polynomial) of a frame payload. */
export function payloadChecksum(payload: Uint8Array): number {
  return crc32(payload);
}

/**
 * Decodes a payload whose checksum already matched. Throws when it is not a valid
 * `{ r: [...] }` document, which after a matching CRC means a format mismatch, not a
 * torn write.
 */
export function decodePayload(payload: Uint8Array): JournalRecord[] {
  const body = deserialize(payload, deserializeOptions) as { r?: unknown };
  if (!Array.isArray(body.r)) throw new TypeError('frame payload has no record array `r`');
  return body.r.map((record: unknown) => {
    const exact = toExact(record);
    if (!isRecord(exact)) throw new TypeError('frame payload holds a malformed record');
    return exact;
  });
}

function isRecord(value: unknown): value is JournalRecord {
  return isPlainObject(value) && typeof value['op'] === 'string' && typeof value['db'] === 'string';
}
