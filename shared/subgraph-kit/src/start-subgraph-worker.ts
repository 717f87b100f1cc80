import { createLogger, type Logger } from '@fedshop/logger';
import { runService, type RunningService } from '@fedshop/service-kit';
import { openServiceDatabase } from './service-database.js';
import type { SubgraphDefinition, SubgraphServiceConfig } from './subgraph-definition.js';

/**
 * A subgraph's separate worker process: its database (the configured `*_MONGODB_URI`,
 * never an embedded store of its own: that one belongs to the service process), its
 * repositories and services, then `startWorkers`. Stops the work, then the database.
 */
export async function startSubgraphWorker<
  TConfig extends SubgraphServiceConfig,
  TRepositories,
  TServices extends object,
  TLoaders extends object,
  TRequestState extends object,
>(
  definition: SubgraphDefinition<TConfig, TRepositories, TServices, TLoaders, TRequestState>,
  config: TConfig,
  logger: Logger = createLogger({ service: `${definition.name}-worker`, level: config.logLevel }),
): Promise<RunningService> {
  if (!definition.startWorkers) throw new Error(`${definition.name} has no separate workers`);
  if (!config.mongoUri) {
    throw new Error(
      `A separate ${definition.name} worker needs ${definition.name.toUpperCase()}_MONGODB_URI: ` +
        'a MongoDB server, or the URI of the store the service process uses',
    );
  }
  const database = await openServiceDatabase({
    service: definition.name,
    uri: config.mongoUri,
    logger,
  });
  try {
    const repositories = await definition.createRepositories(database.connection);
    const services = await definition.createServices(repositories, config, logger);
    const work = await definition.startWorkers({ repositories, services, config, logger });
    logger.info(`${definition.name} worker running`);
    return {
      stop: async () => {
        await work.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/** A worker's `src/worker.ts`: read the configuration, start, stop gracefully on SIGTERM. */
export function runSubgraphWorker<
  TConfig extends SubgraphServiceConfig,
  TRepositories,
  TServices extends object,
  TLoaders extends object,
  TRequestState extends object,
>(
  definition: SubgraphDefinition<TConfig, TRepositories, TServices, TLoaders, TRequestState>,
  loadConfig: () => TConfig,
): Promise<void> {
  return runService({
    name: `${definition.name}-worker`,
    loadConfig,
    start: (config, logger) => startSubgraphWorker(definition, config, logger),
  });
}
