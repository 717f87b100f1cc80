import { createLogger, type Logger } from '@fedshop/logger';
import {
  buildSubgraphApp,
  startSubgraph,
  withSubgraphRepositories,
  type BuildSubgraphAppOptions,
  type RunningSubgraph,
  type StartSubgraphOptions,
} from '@fedshop/subgraph-kit';
import type { UsersConfig } from './config.js';
import { usersSubgraph, type UsersRepositories } from './server.js';
import { seedAdmin, type SeedAdminResult } from './users/seed-admin.js';
import type { UsersServices } from './context.js';

export { loadUsersConfig, developmentAdmin, type UsersConfig } from './config.js';
export { usersSubgraph, type UsersRepositories } from './server.js';
export { seedAdmin, type SeedAdminOptions, type SeedAdminResult } from './users/seed-admin.js';
export { createUserRepository, type UserRepository } from './users/user-repository.js';
export { startUsersWorker, usersWorkerName, type StartUsersWorkerOptions } from './start-worker.js';
export {
  createNotificationRepository,
  type NotificationRepository,
} from './notifications/notification-repository.js';
export type {
  NotificationMessage,
  NotificationRecord,
} from './notifications/notification-message.js';
export {
  recordingProvider,
  type DeliveryReceipt,
  type NotificationProvider,
} from './notifications/notification-provider.js';
export { orderConfirmationId } from './notifications/order-confirmation.js';

/** Opens the database, seeds the admin into an empty one (when configured), and serves. */
export function startUsersService(
  config: UsersConfig,
  options?: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  return startSubgraph(usersSubgraph, config, options);
}

/** The users subgraph's HTTP app over given repositories (tests); listens on nothing. */
export function createUsersApp(
  options: BuildSubgraphAppOptions<UsersConfig, UsersRepositories, UsersServices>,
) {
  return buildSubgraphApp(usersSubgraph, options);
}

/** `npm run seed`: the admin account, whether or not the database is empty. Idempotent. */
export async function seedUsers(
  config: UsersConfig,
  {
    logger = createLogger({ service: usersSubgraph.name, level: config.logLevel }),
  }: { logger?: Logger } = {},
): Promise<SeedAdminResult> {
  const admin = config.seedAdmin;
  if (!admin) {
    logger.info('SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD not set; no admin to seed');
    return { created: false };
  }
  return withSubgraphRepositories(usersSubgraph, config, logger, ({ users }) =>
    seedAdmin({ repository: users, ...admin, logger }),
  );
}
