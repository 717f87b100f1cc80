import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { Document } from 'bson';
import { ConnectionAuth } from './auth/connection-auth.js';
import { UserDirectory } from './auth/user-directory.js';
import type { ServerInfo } from './commands/command-context.js';
import { errorReply, runCommand } from './commands/run-command.js';
import { maxBsonObjectSize } from './commands/server-constants.js';
import { MongoCommandError } from './errors/mongo-error.js';
import type { Logger } from './logger.js';
import type { CursorRegistry } from './store/cursor-registry.js';
import type { Store } from './store/store.js';
import { MessageReader } from './wire/message-reader.js';
import { headerSize, OpCode, readHeader } from './wire/opcodes.js';
import { encodeOpMsg, OpMsgFlags, parseOpMsg } from './wire/op-msg.js';
import { encodeOpReply, parseOpQuery } from './wire/op-query.js';
import { ProtocolError } from './wire/protocol-error.js';

/** MongoDB's limit for a reply document (BSONObjMaxInternalSize: 16 MiB + 16 KiB). */
const maxReplyBytes = maxBsonObjectSize + 16 * 1024;

export interface WireServerOptions {
  store: Store;
  cursors: CursorRegistry;
  logger: Logger;
  /** Who may connect; every connection's commands pass its check first. @defaultValue no authentication */
  users?: UserDirectory;
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
  private readonly users: UserDirectory;

  constructor(private readonly options: WireServerOptions) {
    this.net = createServer((socket) => this.accept(socket));
    this.users = options.users ?? UserDirectory.withoutAuthentication(options.store);
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
        // Once listening, errors of the listening socket (EMFILE when accepting past the
        // file descriptor limit) are logged; without a listener they would end the process.
        this.net.on('error', (error: NodeJS.ErrnoException) =>
          this.options.logger.error('listening socket error', {
            error: error.message,
            code: error.code,
          }),
        );
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
    const auth = new ConnectionAuth(this.users, this.options.logger, socket.remoteAddress);
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
          .then(() => this.handle(socket, connectionId, auth, message))
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

  private async handle(
    socket: Socket,
    connectionId: number,
    auth: ConnectionAuth,
    message: Buffer,
  ): Promise<void> {
    if (socket.destroyed) return;
    const header = readHeader(message);
    if (header.opCode === OpCode.msg) {
      const flags = message.readUInt32LE(headerSize);
      const reply = await this.answer(connectionId, auth, () => {
        const { command } = parseOpMsg(message);
        return { command, db: typeof command.$db === 'string' ? command.$db : 'admin' };
      });
      if (flags & OpMsgFlags.moreToCome) return;
      this.send(socket, reply, (body) => encodeOpMsg(this.nextRequestId++, header.requestId, body));
    } else if (header.opCode === OpCode.query) {
      const reply = await this.answer(connectionId, auth, () => {
        const request = parseOpQuery(message);
        return request.collection === '$cmd' ? request : undefined;
      });
      this.send(socket, reply, (body) =>
        encodeOpReply(this.nextRequestId++, header.requestId, body),
      );
    } else {
      throw new ProtocolError(`unsupported opcode ${header.opCode}`);
    }
  }

  /**
   * Decodes and runs one request. A command error while decoding (a document nested too
   * deeply) is answered like any failed command; a malformed message still throws, and
   * closes the connection.
   */
  private async answer(
    connectionId: number,
    auth: ConnectionAuth,
    decode: () => { command: Document; db: string } | undefined,
  ): Promise<Document> {
    let request;
    try {
      request = decode();
    } catch (error) {
      if (error instanceof MongoCommandError) return errorReply(error);
      throw error;
    }
    if (!request) return { $err: 'OP_QUERY is only supported for commands', code: 5739101, ok: 0 };
    return this.execute(request.command, request.db, connectionId, auth);
  }

  private async execute(
    command: Document,
    db: string,
    connectionId: number,
    auth: ConnectionAuth,
  ): Promise<Document> {
    const { store, cursors } = this.options;
    const reply = auth.run(command, db, () =>
      runCommand(command, { store, cursors, server: this.info, connectionId }, db),
    );
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

  /**
   * Sends a reply. One larger than a BSON document may be (bson cannot even serialize
   * much more than that) is replaced by the error MongoDB gives for it.
   */
  private send(socket: Socket, reply: Document, encode: (body: Document) => Buffer): void {
    if (socket.destroyed) return;
    let bytes: Buffer | undefined;
    try {
      bytes = encode(reply);
    } catch {
      bytes = undefined;
    }
    if (!bytes || bytes.length > maxReplyBytes) {
      const size = bytes ? `${bytes.length} bytes` : `over ${maxReplyBytes} bytes`;
      const tooLarge = MongoCommandError.of(
        'BSONObjectTooLarge',
        `reply of ${size} is invalid: size must be between 0 and ${maxReplyBytes} (16MB)`,
      );
      bytes = encode(errorReply(tooLarge));
    }
    socket.write(bytes);
  }
}
