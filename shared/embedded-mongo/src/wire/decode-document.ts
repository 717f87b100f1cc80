import { deserialize, type Document } from 'bson';
import { toExact } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import { nestsDeeperThan } from './bson-depth.js';
import { ProtocolError } from './protocol-error.js';

/**
 * MongoDB parses documents up to 200 levels deep (server parameter `maxBSONDepth`,
 * default 200); stored documents are limited to 100 (see document-limits.ts). Anything
 * deeper is refused before the recursive decoder sees it.
 */
export const maxDecodeDepth = 200;

/**
 * Decodes one BSON document keeping its exact types: int64 stays `Long`, binary subtypes
 * (UUID) stay `Binary`, integral doubles stay `Double`. Throws {@link ProtocolError} when
 * the bytes are not a well-formed document, and an `Overflow` command error when it nests
 * deeper than {@link maxDecodeDepth}.
 */
export function decodeDocument(bytes: Buffer): Document {
  if (nestsDeeperThan(bytes, maxDecodeDepth)) throw tooDeep();
  try {
    const raw = deserialize(bytes, {
      promoteValues: false,
      promoteBuffers: false,
      validation: { utf8: true },
    });
    return toExact(raw) as Document;
  } catch (error) {
    // Only nesting exhausts the stack; the message itself is well framed, so the client
    // gets an error reply instead of a closed connection.
    if (error instanceof RangeError && /call stack/.test(error.message)) throw tooDeep();
    throw new ProtocolError(
      `invalid BSON document: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function tooDeep(): MongoCommandError {
  return MongoCommandError.of(
    'Overflow',
    `BSONObj exceeds maximum nested object depth: ${maxDecodeDepth}`,
  );
}

/** Reads the int32 length prefix of the document at `offset`, checking it fits. */
export function documentLength(buffer: Buffer, offset: number, end: number): number {
  if (offset + 4 > end) throw new ProtocolError('truncated BSON document');
  const length = buffer.readInt32LE(offset);
  if (length < 5 || offset + length > end) throw new ProtocolError('truncated BSON document');
  return length;
}
