import { deserialize, type Document } from 'bson';
import { toExact } from '../bson/value-view.js';
import { ProtocolError } from './protocol-error.js';

/**
 * Decodes one BSON document keeping its exact types: int64 stays `Long`, binary subtypes
 * (UUID) stay `Binary`, integral doubles stay `Double`. Throws {@link ProtocolError} when
 * the bytes are not a well-formed document.
 */
export function decodeDocument(bytes: Buffer): Document {
  try {
    const raw = deserialize(bytes, {
      promoteValues: false,
      promoteBuffers: false,
      validation: { utf8: true },
    });
    return toExact(raw) as Document;
  } catch (error) {
    throw new ProtocolError(
      `invalid BSON document: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Reads the int32 length prefix of the document at `offset`, checking it fits. */
export function documentLength(buffer: Buffer, offset: number, end: number): number {
  if (offset + 4 > end) throw new ProtocolError('truncated BSON document');
  const length = buffer.readInt32LE(offset);
  if (length < 5 || offset + length > end) throw new ProtocolError('truncated BSON document');
  return length;
}
