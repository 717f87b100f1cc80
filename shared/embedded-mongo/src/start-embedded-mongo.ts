import { validateUsers, type EmbeddedMongoUser } from './auth/embedded-mongo-user.js';
import { deriveFixedUsers, UserDirectory } from './auth/user-directory.js';
import type { Logger } from './logger.js';
import { noopLogger } from './logger.js';
import {
  noPersistence,
  type JournalRecord,
  type Persistence,
} from './persistence/journal-record.js';
import { openFileJournal } from './persistence/file-journal.js';
import { CursorRegistry, defaultCursorTimeoutMs } from './store/cursor-registry.js';
import { Store } from './store/store.js';
import { WireServer } from './server.js';

export interface EmbeddedMongoOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** Interface to listen on. @defaultValue "127.0.0.1" */
  host?: string;
  /** Directory for the journal (created when missing, locked while running); without it everything stays in memory. */
  dbPath?: string;
  /** @defaultValue a logger that discards everything */
  logger?: Logger;
  /** Idle time after which an open cursor is closed. @defaultValue 600 000 ms (10 min) */
  cursorTimeoutMs?: number;
  /**
   * Require SCRAM-SHA-256 authentication (as `mongod --auth`) and know these users,
   * kept as salted keys in memory only. Without it, every client may do everything.
   */
  users?: readonly EmbeddedMongoUser[];
}

export interface EmbeddedMongo {
  /** e.g. `mongodb://127.0.0.1:27017`; services append their own database name. */
  uri: string;
  port: number;
  stop(): Promise<void>;
}

export const defaultHost = '127.0.0.1';

/** Starts a MongoDB-compatible server (a standalone of wire version 21). */
export async function startEmbeddedMongo(
  options: EmbeddedMongoOptions = {},
): Promise<EmbeddedMongo> {
  const logger = options.logger ?? noopLogger;
  const host = options.host ?? defaultHost;
  const users =
    options.users === undefined ? undefined : await deriveFixedUsers(validateUsers(options.users));
  // The journal's compaction reads the store through this holder once it exists.
  const created: { store?: Store } = {};
  const persistence: OpenedPersistence =
    options.dbPath === undefined
      ? { persistence: noPersistence, records: [] }
      : await openFileJournal({
          dir: options.dbPath,
          snapshot: () => created.store?.snapshot() ?? [],
          ...(options.logger ? { logger: options.logger } : {}),
        });
  const store = new Store(persistence.persistence);
  created.store = store;
  const cursors = new CursorRegistry(options.cursorTimeoutMs ?? defaultCursorTimeoutMs);
  const server = new WireServer({ store, cursors, logger, users: UserDirectory.of(store, users) });
  let address;
  try {
    for (const record of persistence.records) store.applyRecord(record);
    address = await server.listen(options.port ?? 0, host);
  } catch (error) {
    // Releases the dbpath lock, so a later start in this process is not refused.
    cursors.close();
    await persistence.persistence.close();
    throw error;
  }
  const uriHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  logger.info('embedded mongo listening', {
    host: address.address,
    port: address.port,
    dbPath: options.dbPath,
    authentication: users ? 'SCRAM-SHA-256' : 'none',
  });
  if (!users) {
    logger.warn(
      'authentication is disabled: any client that can connect may read and change all data ' +
        '(start with users to require SCRAM-SHA-256 credentials)',
    );
  }
  return {
    uri: `mongodb://${uriHost}:${address.port}`,
    port: address.port,
    async stop() {
      cursors.close();
      await server.close();
      await persistence.persistence.close();
    },
  };
}

interface OpenedPersistence {
  persistence: Persistence;
  /** Records to replay into the empty store before serving. */
  records: Iterable<JournalRecord>;
}
