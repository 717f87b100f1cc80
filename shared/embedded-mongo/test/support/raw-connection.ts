import { connect, type Socket } from 'node:net';
import { deserialize, serialize, type Document } from 'bson';

/** A bare TCP connection to the server for wire-level tests. */
export class RawConnection {
  private buffer = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next whole reply message, or undefined when the server closed the connection. */
  async readMessage(timeoutMs = 2_000): Promise<Buffer | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.buffer.length >= 4) {
        const length = this.buffer.readInt32LE(0);
        if (this.buffer.length >= length) {
          const message = this.buffer.subarray(0, length);
          this.buffer = this.buffer.subarray(length);
          return message;
        }
      }
      if (this.closed) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a reply');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once the server has closed the connection. */
  async waitForClose(timeoutMs = 2_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return this.closed;
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

let requestId = 1;

function header(length: number, opCode: number, id = requestId++): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(id, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** OP_MSG with a body and optional document sequences and flags. */
export function opMsg(
  body: Document,
  options: { flags?: number; sequences?: Record<string, Document[]>; checksum?: boolean } = {},
): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
  for (const [id, docs] of Object.entries(options.sequences ?? {})) {
    const payload = Buffer.concat([
      Buffer.from(`${id}\0`),
      ...docs.map((d) => Buffer.from(serialize(d))),
    ]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    parts.push(Buffer.from([1]), size, payload);
  }
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE((options.flags ?? 0) | (options.checksum ? 1 : 0));
  const checksum = options.checksum ? Buffer.alloc(4) : Buffer.alloc(0);
  const bodyBytes = Buffer.concat([flags, ...parts, checksum]);
  return Buffer.concat([header(16 + bodyBytes.length, 2013), bodyBytes]);
}

/** Legacy OP_QUERY on `<db>.$cmd`, as the driver's handshake sends it. */
export function opQuery(db: string, command: Document): Buffer {
  const rest = Buffer.concat([
    Buffer.alloc(4),
    Buffer.from(`${db}.$cmd\0`),
    Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]),
    Buffer.from(serialize(command)),
  ]);
  return Buffer.concat([header(16 + rest.length, 2004), rest]);
}

/** The reply document of an OP_MSG (opcode 2013) or OP_REPLY (opcode 1) message. */
export function replyDocument(message: Buffer): { opCode: number; doc: Document } {
  const opCode = message.readInt32LE(12);
  const offset = opCode === 1 ? 16 + 20 : 16 + 4 + 1;
  return { opCode, doc: deserialize(message.subarray(offset)) };
}
