/** Wire protocol opcodes (https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/). */
export const OpCode = {
  reply: 1,
  query: 2004,
  compressed: 2012,
  msg: 2013,
} as const;

/** Every message starts with a 16-byte header: length, requestID, responseTo, opCode. */
export const headerSize = 16;

export interface MessageHeader {
  messageLength: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export function readHeader(message: Buffer): MessageHeader {
  return {
    messageLength: message.readInt32LE(0),
    requestId: message.readInt32LE(4),
    responseTo: message.readInt32LE(8),
    opCode: message.readInt32LE(12),
  };
}

export function writeHeader(target: Buffer, header: MessageHeader): void {
  target.writeInt32LE(header.messageLength, 0);
  target.writeInt32LE(header.requestId, 4);
  target.writeInt32LE(header.responseTo, 8);
  target.writeInt32LE(header.opCode, 12);
}
