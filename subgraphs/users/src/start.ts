import { createLogger, type Logger } from '@fedshop/logger';
import { openServiceDatabase, serveSubgraph, type RunningSubgraph } from '@fedshop/subgraph-kit';
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

/** The running users subgraph. */
export type RunningUsersService = RunningSubgraph;

const defaultLogger = (config: UsersConfig) =>
  createLogger({ service: usersServiceName, level: config.logLevel });

/**
 * Opens the database, seeds the admin into an empty one (when credentials are configured),
 * and serves the subgraph on `config.port` (0 picks a free port).
 */
export function startUsersService(
  config: UsersConfig,
  { logger = defaultLogger(config) }: StartOptions = {},
): Promise<RunningUsersService> {
  return serveSubgraph({
    service: usersServiceName,
    config,
    logger,
    build: async (database) => {
      const repository = await createUserRepository(database.connection);
      if (config.seedAdmin && !(await repository.hasAny())) {
        await seedAdmin({ repository, ...config.seedAdmin, logger });
      }
      return createUsersApp({ connection: database.connection, config, logger, repository });
    },
  });
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
