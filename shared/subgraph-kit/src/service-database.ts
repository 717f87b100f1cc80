import { join } from 'node:path';
import type { Connection } from 'mongoose';
import type { Logger } from '@fedshop/logger';
import { connectDatabase } from './database.js';
import { credentialedUri, embeddedStoreCredentials } from './embedded-store-credentials.js';

export interface ServiceDatabaseOptions {
  /** The service's database name, used for the embedded default (e.g. `users`). */
  service: string;
  /** `*_MONGODB_URI`; when unset an embedded server is started for this service. */
  uri?: string | undefined;
  /** Where the embedded default keeps its journal (`DATA_DIR/<service>`); unset keeps it in memory. */
  dataDir?: string | undefined;
  logger: Logger;
}

export interface ServiceDatabase {
  connection: Connection;
  /** Closes the connection, then the embedded server if one was started. */
  close(): Promise<void>;
}

/**
 * Connects a service to its own database: the configured MongoDB, or (development and
 * tests) an embedded MongoDB-compatible server owned by this process.
 */
export async function openServiceDatabase({
  service,
  uri,
  dataDir,
  logger,
}: ServiceDatabaseOptions): Promise<ServiceDatabase> {
  if (uri) {
    const connection = await connectDatabase({ uri, logger });
    return { connection, close: () => connection.close() };
  }
  const { startEmbeddedMongo } = await importEmbeddedStore(service);
  const dbPath = dataDir ? join(dataDir, service) : undefined;
  // The store serves only this service: no other local process may read or change it.
  const credentials = await embeddedStoreCredentials(service, dataDir);
  const embedded = await startEmbeddedMongo({
    port: 0,
    ...(dbPath ? { dbPath } : {}),
    users: [credentials],
    logger: storeLogger(logger),
  });
  logger.info({ dbPath: dbPath ?? 'memory' }, 'using the embedded MongoDB-compatible server');
  try {
    const connection = await connectDatabase({
      uri: credentialedUri(embedded.uri, credentials),
      logger,
    });
    return {
      connection,
      close: async () => {
        await connection.close();
        await embedded.stop();
      },
    };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/**
 * The embedded store is a development dependency: production images do not carry it, and
 * production configuration requires a `*_MONGODB_URI`, so only development and tests load it.
 */
async function importEmbeddedStore(
  service: string,
): Promise<typeof import('@fedshop/embedded-mongo')> {
  try {
    return await import('@fedshop/embedded-mongo');
  } catch (error) {
    throw new Error(
      `No ${service.toUpperCase()}_MONGODB_URI is set and the embedded MongoDB-compatible store ` +
        'is not installed (production images do not carry it): set the URI of a MongoDB server.',
      { cause: error },
    );
  }
}

/** The store's own logger shape (message first) onto the service's pino logger. */
function storeLogger(logger: Logger) {
  const store = logger.child({ component: 'embedded-mongo' });
  return {
    info: (message: string, fields: Record<string, unknown> = {}) => store.info(fields, message),
    warn: (message: string, fields: Record<string, unknown> = {}) => store.warn(fields, message),
    error: (message: string, fields: Record<string, unknown> = {}) => store.error(fields, message),
  };
}
