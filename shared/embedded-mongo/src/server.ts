import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { Document } from 'bson';
import type { ServerInfo } from './commands/command-context.js';
import { errorReply, runCommand } from './commands/run-command.js';
import { MongoCommandError } from './errors/mongo-error.js';
import type { Logger } from './logger.js';
import type { CursorRegistry } from './store/cursor-registry.js';
import type { Store } from './store/store.js';
import { MessageReader } from './wire/message-reader.js';
import { OpCode, readHeader } from './wire/opcodes.js';
import { encodeOpMsg, OpMsgFlags, parseOpMsg } from './wire/op-msg.js';
import { encodeOpReply, parseOpQuery } from './wire/op-query.js';
import { ProtocolError } from './wire/protocol-error.js';

export interface WireServerOptions {
  store: Store;
  cursors: CursorRegistry;
  logger: Logger;
  maxMessageBytes?: number;
}

/**
 * The TCP side: frames messages per connection, runs them one after another (so replies
 * keep request order), journals each command's changes before replying. A connection
 * that sends a malformed or oversized message is closed; other connections carry on.
 */
export class WireServer {
  private readonly net: NetServer;
  private readonly sockets = new Set<Socket>();
  private totalCreated = 0;
  private nextRequestId = 1;
  private readonly info: ServerInfo;

  constructor(private readonly options: WireServerOptions) {
    this.net = createServer((socket) => this.accept(socket));
    const startedAt = Date.now();
    this.info = {
      startedAt,
      host: 'localhost',
      currentConnections: () => this.sockets.size,
      totalConnections: () => this.totalCreated,
    };
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.net.once('error', reject);
      this.net.listen(port, host, () => {
        this.net.off('error', reject);
        resolve(this.net.address() as AddressInfo);
      });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.net.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const connectionId = ++this.totalCreated;
    socket.setNoDelay(true);
    const reader = new MessageReader(this.options.maxMessageBytes);
    let queue = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      let messages: Buffer[];
      try {
        messages = reader.push(chunk);
      } catch (error) {
        this.drop(socket, error);
        return;
      }
      for (const message of messages) {
        queue = queue
          .then(() => this.handle(socket, connectionId, message))
          .catch((error: unknown) => this.drop(socket, error));
      }
    });
    socket.on('error', (error) =>
      this.options.logger.warn('connection error', { error: error.message }),
    );
    socket.on('close', () => this.sockets.delete(socket));
  }

  private drop(socket: Socket, error: unknown): void {
    if (socket.destroyed) return;
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof ProtocolError) {
      this.options.logger.warn('closing connection after a malformed message', {
        reason,
        remote: socket.remoteAddress,
      });
    } else {
      this.options.logger.error('closing connection after an internal error', { reason });
    }
    socket.destroy();
  }

  private async handle(socket: Socket, connectionId: number, message: Buffer): Promise<void> {
    if (socket.destroyed) return;
    const header = readHeader(message);
    if (header.opCode === OpCode.msg) {
      const request = parseOpMsg(message);
      const db = typeof request.command.$db === 'string' ? request.command.$db : 'admin';
      const reply = await this.execute(request.command, db, connectionId);
      if (request.flags & OpMsgFlags.moreToCome) return;
      this.send(socket, encodeOpMsg(this.nextRequestId++, header.requestId, reply));
    } else if (header.opCode === OpCode.query) {
      const request = parseOpQuery(message);
      const reply =
        request.collection === '$cmd'
          ? await this.execute(request.command, request.db, connectionId)
          : { $err: 'OP_QUERY is only supported for commands', code: 5739101, ok: 0 };
      this.send(socket, encodeOpReply(this.nextRequestId++, header.requestId, reply));
    } else {
      throw new ProtocolError(`unsupported opcode ${header.opCode}`);
    }
  }

  private async execute(command: Document, db: string, connectionId: number): Promise<Document> {
    const { store, cursors } = this.options;
    const reply = runCommand(command, { store, cursors, server: this.info, connectionId }, db);
    // The command's changes are durable before the client hears about them; when they
    // cannot be made durable, the client hears an error, never an acknowledgement.
    try {
      await store.flush();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.options.logger.error('journal write failed; the command is not acknowledged', {
        reason,
      });
      return errorReply(MongoCommandError.of('InternalError', `journal write failed: ${reason}`));
    }
    return reply;
  }

  private send(socket: Socket, bytes: Buffer): void {
    if (!socket.destroyed) socket.write(bytes);
  }
}
