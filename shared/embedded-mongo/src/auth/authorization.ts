import type { Document } from 'bson';
import { formatValue } from '../bson/format-value.js';
import { MongoCommandError } from '../errors/mongo-error.js';

/**
 * Commands a connection may run before it authenticates, as `mongod --auth` allows
 * them (their `requiresAuth()` is false): the handshake and the SASL exchange.
 */
export const unauthenticatedCommands: ReadonlySet<string> = new Set([
  'hello',
  'isMaster',
  'ismaster',
  'ping',
  'buildInfo',
  'buildinfo',
  'saslStart',
  'saslContinue',
  'logout',
]);

/**
 * Commands any authenticated user may run whatever their database: `listDatabases`
 * (answered with the user's own databases only, as mongod's `authorizedDatabases`) and
 * `endSessions`, which the driver sends to `admin` when it closes.
 */
export const anyUserCommands: ReadonlySet<string> = new Set(['listDatabases', 'endSessions']);

/** The database whose users may use every database. */
export const adminDb = 'admin';

/** An identity a connection has authenticated as. */
export interface Identity {
  readonly db: string;
  readonly username: string;
}

/** Whether one of the identities may use `db`: its own database, or every one for `admin` users. */
export function mayUse(identities: Iterable<Identity>, db: string): boolean {
  for (const identity of identities) {
    if (identity.db === adminDb || identity.db === db) return true;
  }
  return false;
}

/** mongod's answer to a command before authentication. */
export function requiresAuthentication(name: string): MongoCommandError {
  return MongoCommandError.of('Unauthorized', `Command ${name} requires authentication`);
}

/** mongod's answer to an authenticated user outside its database (the command shortened). */
export function notAuthorized(name: string, command: Document, db: string): MongoCommandError {
  return MongoCommandError.of(
    'Unauthorized',
    `not authorized on ${db} to execute command { ${name}: ${formatValue(command[name])}, ` +
      `$db: ${formatValue(db)} }`,
  );
}
