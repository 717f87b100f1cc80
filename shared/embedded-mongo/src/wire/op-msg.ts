import { serialize, type Document } from 'bson';
import { decodeDocument, documentLength } from './decode-document.js';
import { headerSize, OpCode, writeHeader } from './opcodes.js';
import { ProtocolError } from './protocol-error.js';

export const OpMsgFlags = {
  checksumPresent: 1 << 0,
  moreToCome: 1 << 1,
  exhaustAllowed: 1 << 16,
} as const;

export interface OpMsgRequest {
  flags: number;
  /** The kind-0 body with every kind-1 document sequence added as an array field. */
  command: Document;
}

/** Parses an OP_MSG (whole message, header included). A trailing CRC-32C is skipped, not verified. */
export function parseOpMsg(message: Buffer): OpMsgRequest {
  const flags = message.readUInt32LE(headerSize);
  const end = flags & OpMsgFlags.checksumPresent ? message.length - 4 : message.length;
  let offset = headerSize + 4;
  let body: Document | undefined;
  const sequences: [string, Document[]][] = [];
  while (offset < end) {
    const kind = message[offset];
    offset += 1;
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG has more than one body section');
      const length = documentLength(message, offset, end);
      body = decodeDocument(message.subarray(offset, offset + length));
      offset += length;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('truncated OP_MSG document sequence');
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      if (size < 5 || sectionEnd > end)
        throw new ProtocolError('truncated OP_MSG document sequence');
      const nul = message.indexOf(0, offset + 4);
      if (nul < 0 || nul >= sectionEnd)
        throw new ProtocolError('OP_MSG sequence identifier is not terminated');
      const identifier = message.toString('utf8', offset + 4, nul);
      let at = nul + 1;
      const docs: Document[] = [];
      while (at < sectionEnd) {
        const length = documentLength(message, at, sectionEnd);
        docs.push(decodeDocument(message.subarray(at, at + length)));
        at += length;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${String(kind)}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG has no body section');
  for (const [identifier, docs] of sequences) body[identifier] = docs;
  return { flags, command: body };
}

/** Encodes a reply as an OP_MSG with a single kind-0 section. */
export function encodeOpMsg(requestId: number, responseTo: number, reply: Document): Buffer {
  const body = serialize(reply, { ignoreUndefined: true });
  const message = Buffer.alloc(headerSize + 4 + 1 + body.length);
  writeHeader(message, {
    messageLength: message.length,
    requestId,
    responseTo,
    opCode: OpCode.msg,
  });
  message.writeUInt32LE(0, headerSize);
  message[headerSize + 4] = 0;
  message.set(body, headerSize + 5);
  return message;
}
