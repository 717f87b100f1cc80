import type { Document } from 'bson';
import { commandRegistry } from '../commands/registry.js';
import { errorReply } from '../commands/run-command.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import type { Logger } from '../logger.js';
import {
  anyUserCommands,
  mayUse,
  notAuthorized,
  requiresAuthentication,
  unauthenticatedCommands,
  type Identity,
} from './authorization.js';
import { userKey } from './embedded-mongo-user.js';
import { parseClientFirst, ScramConversation, ScramFailure } from './scram-conversation.js';
import { scramSha256 } from './scram-credentials.js';
import { payloadBinary, payloadText } from './sasl-payload.js';
import { createUser, dropUser } from './user-commands.js';
import type { UserDirectory } from './user-directory.js';

interface Exchange {
  readonly id: number;
  readonly db: string;
  readonly username: string;
  readonly scram: ScramConversation;
  readonly skipEmptyExchange: boolean;
  /** Set once the proof is verified and the client still owes the empty last step. */
  verified: boolean;
}

const helloNames = new Set(['hello', 'isMaster', 'ismaster']);
const userCommands = new Set(['createUser', 'dropUser']);

/**
 * One connection's authentication: the SASL exchange in progress, the users it has
 * authenticated as, and the check that runs before every command.
 */
export class ConnectionAuth {
  private readonly identities = new Map<string, Identity>();
  private exchange: Exchange | undefined;
  private nextConversationId = 1;

  constructor(
    private readonly users: UserDirectory,
    private readonly logger: Logger,
    private readonly remote: string | undefined,
  ) {}

  /**
   * Runs `command` on `db`: answers the authentication commands itself, refuses what the
   * connection may not run, and hands everything else to `execute`. Never throws.
   */
  run(command: Document, db: string, execute: () => Document): Document {
    const name = Object.keys(command)[0] ?? '';
    try {
      switch (name) {
        case 'saslStart':
          return this.saslStart(command, db);
        case 'saslContinue':
          return this.saslContinue(command);
        case 'logout':
          this.identities.clear();
          this.exchange = undefined;
          return { ok: 1 };
      }
      this.authorize(name, command, db);
      if (name === 'createUser') return createUser(command, db, this.users);
      if (name === 'dropUser') return dropUser(command, db, this.users);
    } catch (error) {
      return errorReply(error);
    }
    const reply = execute();
    if (helloNames.has(name)) this.answerHello(command, reply);
    if (name === 'listDatabases' && this.users.required) this.onlyOwnDatabases(reply);
    return reply;
  }

  private authorize(name: string, command: Document, db: string): void {
    if (!this.users.required || unauthenticatedCommands.has(name)) return;
    // An unknown command is answered as such (code 59) first, as mongod does.
    if (!commandRegistry.has(name) && !userCommands.has(name)) return;
    const identities = this.currentIdentities();
    if (identities.length === 0) throw requiresAuthentication(name);
    if (anyUserCommands.has(name)) return;
    if (!mayUse(identities, db)) throw notAuthorized(name, command, db);
  }

  /** The identities whose users still exist (a dropped user loses its connections' rights). */
  private currentIdentities(): Identity[] {
    const current: Identity[] = [];
    for (const [key, identity] of this.identities) {
      if (this.users.find(identity.db, identity.username)) current.push(identity);
      else this.identities.delete(key);
    }
    return current;
  }

  /** `saslSupportedMechs: "<db>.<user>"` and `speculativeAuthenticate` of the handshake. */
  private answerHello(command: Document, reply: Document): void {
    if (reply.ok !== 1) return;
    delete reply.saslSupportedMechs;
    const asked: unknown = command.saslSupportedMechs;
    if (typeof asked === 'string') {
      const dot = asked.indexOf('.');
      if (dot > 0 && this.users.find(asked.slice(0, dot), asked.slice(dot + 1))) {
        reply.saslSupportedMechs = [scramSha256];
      }
    }
    const speculative: unknown = command.speculativeAuthenticate;
    if (typeof speculative === 'object' && speculative !== null) {
      const { db, ...start } = speculative as Document;
      // A failed speculative start is not reported: the driver then runs saslStart itself.
      if (typeof db === 'string' && Object.keys(start)[0] === 'saslStart') {
        try {
          const { ok: _ok, ...answer } = this.saslStart(start, db);
          reply.speculativeAuthenticate = answer;
        } catch {
          // fall through without it
        }
      }
    }
  }

  private onlyOwnDatabases(reply: Document): void {
    const identities = this.currentIdentities();
    if (!Array.isArray(reply.databases)) return;
    reply.databases = reply.databases.filter((d: Document) => mayUse(identities, String(d.name)));
    if (typeof reply.totalSize === 'number') {
      reply.totalSize = reply.databases.reduce(
        (sum: number, d: Document) => sum + (Number(d.sizeOnDisk) || 0),
        0,
      );
    }
  }

  private saslStart(command: Document, db: string): Document {
    this.exchange = undefined;
    const mechanism: unknown = command.mechanism;
    if (mechanism !== scramSha256 && mechanism !== 'SCRAM-SHA-1') {
      throw MongoCommandError.of(
        'MechanismUnavailable',
        `Received authentication for mechanism ${String(mechanism)} which is not enabled`,
      );
    }
    const text = payloadText(command.payload);
    if (text === undefined) throw this.failed(db, undefined, 'saslStart without a payload');
    let client;
    try {
      client = parseClientFirst(text);
    } catch (error) {
      throw this.failed(db, undefined, (error as Error).message);
    }
    const user = this.users.find(db, client.username);
    if (!user) throw this.failed(db, client.username, 'no such user');
    // No user has SCRAM-SHA-1 keys (they need the MD5 digest of the password).
    if (mechanism !== scramSha256)
      throw this.failed(db, client.username, `${mechanism} is not supported`);
    const scram = new ScramConversation(client, user.credentials);
    const options = command.options as Document | undefined;
    this.exchange = {
      id: this.nextConversationId++,
      db,
      username: client.username,
      scram,
      skipEmptyExchange: options?.skipEmptyExchange === true,
      verified: false,
    };
    return {
      conversationId: this.exchange.id,
      done: false,
      payload: payloadBinary(scram.serverFirst),
      ok: 1,
    };
  }

  private saslContinue(command: Document): Document {
    const exchange = this.exchange;
    if (!exchange || Number(command.conversationId) !== exchange.id) {
      throw MongoCommandError.of('ProtocolError', 'No SASL session state found');
    }
    const text = payloadText(command.payload);
    if (exchange.verified) {
      this.exchange = undefined;
      if (text !== '') throw this.failed(exchange.db, exchange.username, 'unexpected last step');
      return { conversationId: exchange.id, done: true, payload: payloadBinary(''), ok: 1 };
    }
    let serverFinal;
    try {
      if (text === undefined) throw new ScramFailure('saslContinue without a payload');
      serverFinal = exchange.scram.verifyClientFinal(text);
    } catch (error) {
      this.exchange = undefined;
      throw this.failed(exchange.db, exchange.username, (error as Error).message);
    }
    this.identities.set(userKey(exchange.db, exchange.username), {
      db: exchange.db,
      username: exchange.username,
    });
    this.logger.info('authenticated', { user: exchange.username, db: exchange.db });
    if (exchange.skipEmptyExchange) this.exchange = undefined;
    else exchange.verified = true;
    return {
      conversationId: exchange.id,
      done: exchange.skipEmptyExchange,
      payload: payloadBinary(serverFinal),
      ok: 1,
    };
  }

  /** Logs why (the client only hears mongod's generic answer) and builds the error. */
  private failed(db: string, username: string | undefined, reason: string): MongoCommandError {
    this.logger.warn('authentication failed', { user: username, db, reason, remote: this.remote });
    return MongoCommandError.of('AuthenticationFailed', 'Authentication failed.');
  }
}
