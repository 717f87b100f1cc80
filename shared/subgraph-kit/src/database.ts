import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '@fedshop/logger';
import type { ReadinessCheck } from '@fedshop/service-kit';

export interface DatabaseOptions {
  /** A MongoDB URI naming the service's own database, e.g. `mongodb://127.0.0.1:27017/users`. */
  uri: string;
  logger: Logger;
  /** How long to wait for a server before failing start-up. @defaultValue `10_000` */
  serverSelectionTimeoutMs?: number;
}

/**
 * A dedicated connection per service (never the global mongoose one), with indexes built
 * by the models' `init()`. Credentials in the URI never reach the logs.
 */
export async function connectDatabase({
  uri,
  logger,
  serverSelectionTimeoutMs = 10_000,
}: DatabaseOptions): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: serverSelectionTimeoutMs,
    autoIndex: true,
  });
  // Mongoose emits `disconnecting` only from close(): a disconnect after it is our own stop.
  let closing = false;
  connection.once('disconnecting', () => {
    closing = true;
  });
  connection.on('disconnected', () => {
    if (!closing) logger.warn('database disconnected');
  });
  connection.on('reconnected', () => logger.info('database reconnected'));
  try {
    await connection.asPromise();
  } catch (error) {
    await connection.close().catch(() => {});
    throw new Error(`Cannot reach MongoDB (${describe(uri)}): ${(error as Error).message}`, {
      cause: error,
    });
  }
  logger.info({ database: connection.name }, 'database connected');
  return connection;
}

export function databaseReadiness(connection: Connection): ReadinessCheck {
  return {
    name: 'database',
    check: async () => {
      if (!connection.db) return false;
      await connection.db.admin().ping();
    },
  };
}

/** Host and database only: never the user name or password. */
function describe(uri: string): string {
  try {
    const parsed = new URL(uri);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'invalid URI';
  }
}
