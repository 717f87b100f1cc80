import { headerSize } from './opcodes.js';
import { ProtocolError } from './protocol-error.js';

/** @defaultValue 48 000 000 bytes, MongoDB's `maxMessageSizeBytes`. */
export const defaultMaxMessageBytes = 48_000_000;

/**
 * Splits a TCP byte stream into whole wire messages using the length prefix. Chunks are
 * kept in a list and joined only once a message is complete, so a large message arriving
 * in many pieces is not copied again and again.
 */
export class MessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxMessageBytes = defaultMaxMessageBytes) {}

  /** Adds received bytes; returns the messages completed by them (header included). */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    while (this.buffered >= 4) {
      const length = this.peekLength();
      if (length < headerSize || length > this.maxMessageBytes) {
        throw new ProtocolError(
          `invalid message length ${length} (allowed ${headerSize}..${this.maxMessageBytes})`,
        );
      }
      if (this.buffered < length) break;
      const all =
        this.chunks.length === 1
          ? (this.chunks[0] as Buffer)
          : Buffer.concat(this.chunks, this.buffered);
      messages.push(all.subarray(0, length));
      const rest = all.subarray(length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    }
    return messages;
  }

  private peekLength(): number {
    const first = this.chunks[0] as Buffer;
    if (first.length >= 4) return first.readInt32LE(0);
    const joined = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [joined];
    return joined.readInt32LE(0);
  }
}
