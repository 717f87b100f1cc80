import { createLogger, type Logger } from '@fedshop/logger';
import { listen } from '@fedshop/service-kit';
import { openServiceDatabase } from '@fedshop/subgraph-kit';
import type { UsersConfig } from './config.js';
import { createUsersApp, usersServiceName } from './server.js';
import { seedAdmin, type SeedAdminResult } from './users/seed-admin.js';
import { createUserRepository } from './users/user-repository.js';

export { loadUsersConfig, developmentAdmin, type UsersConfig } from './config.js';
export { createUsersApp, type UsersAppOptions } from './server.js';
export { seedAdmin, type SeedAdminOptions, type SeedAdminResult } from './users/seed-admin.js';

export interface StartOptions {
  /** @defaultValue a logger for the `users` service at `config.logLevel` */
  logger?: Logger;
}

export interface RunningUsersService {
  /** Base URL, e.g. `http://127.0.0.1:4001`. */
  url: string;
  /** The subgraph endpoint, `${url}/graphql`. */
  graphqlUrl: string;
  port: number;
  /** Stops accepting requests, then closes the database. */
  stop(): Promise<void>;
}

const defaultLogger = (config: UsersConfig) =>
  createLogger({ service: usersServiceName, level: config.logLevel });

/**
 * Opens the database, seeds the admin into an empty one (when credentials are configured),
 * and serves the subgraph on `config.port` (0 picks a free port).
 */
export async function startUsersService(
  config: UsersConfig,
  { logger = defaultLogger(config) }: StartOptions = {},
): Promise<RunningUsersService> {
  const database = await openServiceDatabase({
    service: usersServiceName,
    uri: config.mongoUri,
    dataDir: config.dataDir,
    logger,
  });
  try {
    const repository = await createUserRepository(database.connection);
    if (config.seedAdmin && !(await repository.hasAny())) {
      await seedAdmin({ repository, ...config.seedAdmin, logger });
    }
    const { app, apollo } = await createUsersApp({
      connection: database.connection,
      config,
      logger,
      repository,
    });
    const server = await listen(app, config.port, config.host);
    logger.info({ url: `${server.url}/graphql` }, 'users subgraph listening');
    return {
      url: server.url,
      graphqlUrl: `${server.url}/graphql`,
      port: server.port,
      async stop() {
        await server.close();
        await apollo.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/** `npm run seed`: the admin account, whether or not the database is empty. Idempotent. */
export async function seedUsers(
  config: UsersConfig,
  { logger = defaultLogger(config) }: StartOptions = {},
): Promise<SeedAdminResult> {
  if (!config.seedAdmin) {
    logger.info('SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD not set; no admin to seed');
    return { created: false };
  }
  const database = await openServiceDatabase({
    service: usersServiceName,
    uri: config.mongoUri,
    dataDir: config.dataDir,
    logger,
  });
  try {
    return await seedAdmin({ connection: database.connection, ...config.seedAdmin, logger });
  } finally {
    await database.close();
  }
}
