import { createLogger, type Logger } from '@fedshop/logger';
import type { RunningService } from '@fedshop/service-kit';
import { openServiceDatabase } from '@fedshop/subgraph-kit';
import type { UsersConfig } from './config.js';
import type { NotificationProvider } from './notifications/notification-provider.js';
import { startNotificationWorker } from './notifications/start-notification-worker.js';
import { usersSubgraph } from './server.js';

/** The separate worker process's service name (its log lines' `service`). */
export const usersWorkerName = 'users-worker';

export interface StartUsersWorkerOptions {
  /** @defaultValue a logger named `users-worker` at `config.logLevel` */
  logger?: Logger;
  /** @defaultValue the recording provider */
  provider?: NotificationProvider;
}

/**
 * The users service's queue work in a process of its own (`WORKER_MODE=separate`): the
 * same database and credentials as the service, no HTTP. It needs `USERS_MONGODB_URI`:
 * the embedded default belongs to the service process, and a second one would be
 * another, empty database. Stops by finishing the job in hand, then closing the database.
 */
export async function startUsersWorker(
  config: UsersConfig,
  {
    logger = createLogger({ service: usersWorkerName, level: config.logLevel }),
    provider,
  }: StartUsersWorkerOptions = {},
): Promise<RunningService> {
  if (!config.mongoUri) {
    throw new Error(
      "USERS_MONGODB_URI is required by the separate users worker: it must use the service's own database",
    );
  }
  const database = await openServiceDatabase({
    service: usersSubgraph.name,
    uri: config.mongoUri,
    logger,
  });
  try {
    const repositories = await usersSubgraph.createRepositories(database.connection);
    const worker = startNotificationWorker({
      repositories,
      settings: config.queues,
      logger,
      ...(provider ? { provider } : {}),
    });
    logger.info('users worker consuming order-events');
    return {
      stop: async () => {
        await worker.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
