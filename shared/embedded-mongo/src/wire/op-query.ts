import { serialize, type Document } from 'bson';
import { decodeDocument, documentLength } from './decode-document.js';
import { headerSize, OpCode, writeHeader } from './opcodes.js';
import { ProtocolError } from './protocol-error.js';

export interface OpQueryRequest {
  /** `admin.$cmd` → `admin`. */
  db: string;
  collection: string;
  command: Document;
}

/** Parses a legacy OP_QUERY; only commands on `<db>.$cmd` (the handshake) are expected. */
export function parseOpQuery(message: Buffer): OpQueryRequest {
  const nameStart = headerSize + 4;
  const nul = message.indexOf(0, nameStart);
  if (nul < 0) throw new ProtocolError('OP_QUERY collection name is not terminated');
  const fullName = message.toString('utf8', nameStart, nul);
  const docStart = nul + 1 + 8; // numberToSkip, numberToReturn
  const length = documentLength(message, docStart, message.length);
  let command = decodeDocument(message.subarray(docStart, docStart + length));
  // Old drivers wrap the command when they add a read preference.
  if (command.$query !== undefined && typeof command.$query === 'object')
    command = command.$query as Document;
  const dot = fullName.indexOf('.');
  return {
    db: dot < 0 ? fullName : fullName.slice(0, dot),
    collection: dot < 0 ? '' : fullName.slice(dot + 1),
    command,
  };
}

/** Encodes an OP_REPLY carrying one document (the command reply). */
export function encodeOpReply(requestId: number, responseTo: number, reply: Document): Buffer {
  const body = serialize(reply, { ignoreUndefined: true });
  const message = Buffer.alloc(headerSize + 20 + body.length);
  writeHeader(message, {
    messageLength: message.length,
    requestId,
    responseTo,
    opCode: OpCode.reply,
  });
  message.writeInt32LE(0, headerSize); // responseFlags
  message.writeBigInt64LE(0n, headerSize + 4); // cursorID
  message.writeInt32LE(0, headerSize + 12); // startingFrom
  message.writeInt32LE(1, headerSize + 16); // numberReturned
  message.set(body, headerSize + 20);
  return message;
}
