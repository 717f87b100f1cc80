import { createLogger, type Logger } from '@fedshop/logger';
import { listen, runService, type RunningService } from '@fedshop/service-kit';
import { buildSubgraphApp } from './build-subgraph-app.js';
import { databaseReadiness } from './database.js';
import { openServiceDatabase, type ServiceDatabase } from './service-database.js';
import type {
  BackgroundWork,
  SubgraphDefinition,
  SubgraphServiceConfig,
} from './subgraph-definition.js';

export interface RunningSubgraph extends RunningService {
  /** Base URL, e.g. `http://127.0.0.1:4001`. */
  url: string;
  /** The GraphQL endpoint the gateway composes, `${url}/graphql`. */
  graphqlUrl: string;
  port: number;
  /** Stops accepting requests, then background work, then GraphQL, then closes the database. */
  stop(): Promise<void>;
}

export interface StartSubgraphOptions {
  /** @defaultValue a logger named after the subgraph at `config.logLevel` */
  logger?: Logger;
}

/**
 * The lifecycle every subgraph shares: open its database, build its repositories, seed
 * when asked, build the app, listen; on stop close them in reverse order. A failure while
 * starting closes the database again.
 */
export async function startSubgraph<
  TConfig extends SubgraphServiceConfig,
  TRepositories,
  TServices extends object,
  TLoaders extends object,
  TRequestState extends object,
>(
  definition: SubgraphDefinition<TConfig, TRepositories, TServices, TLoaders, TRequestState>,
  config: TConfig,
  {
    logger = createLogger({ service: definition.name, level: config.logLevel }),
  }: StartSubgraphOptions = {},
): Promise<RunningSubgraph> {
  const database = await openSubgraphDatabase(definition, config, logger);
  let background: BackgroundWork | undefined;
  try {
    const repositories = await definition.createRepositories(database.connection);
    await definition.seedOnStart?.(repositories, config, logger);
    const services = await definition.createServices(repositories, config, logger);
    const { app, apollo } = await buildSubgraphApp(definition, {
      repositories,
      services,
      config,
      logger,
      readiness: [databaseReadiness(database.connection)],
    });
    background = await definition.startBackground?.({ repositories, services, config, logger });
    const server = await listen(app, config.port, config.host);
    const graphqlUrl = `${server.url}/graphql`;
    logger.info({ url: graphqlUrl }, `${definition.name} subgraph listening`);
    return {
      url: server.url,
      graphqlUrl,
      port: server.port,
      stop: async () => {
        await server.close();
        await background?.close();
        await apollo.stop();
        await database.close();
      },
    };
  } catch (error) {
    await background?.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
}

/**
 * Runs `work` on the subgraph's repositories over its configured database, then closes it:
 * `npm run seed` and other one-off commands.
 */
export async function withSubgraphRepositories<
  TConfig extends SubgraphServiceConfig,
  TRepositories,
  TResult,
>(
  definition: Pick<
    SubgraphDefinition<TConfig, TRepositories, object, object>,
    'name' | 'createRepositories'
  >,
  config: TConfig,
  logger: Logger,
  work: (repositories: TRepositories) => Promise<TResult>,
): Promise<TResult> {
  const database = await openSubgraphDatabase(definition, config, logger);
  try {
    return await work(await definition.createRepositories(database.connection));
  } finally {
    await database.close();
  }
}

/** A subgraph's `index.ts`: read its configuration, start it, stop it on a signal. */
export function runSubgraph<
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
    name: definition.name,
    loadConfig,
    start: (config, logger) => startSubgraph(definition, config, { logger }),
  });
}

function openSubgraphDatabase(
  { name }: { name: string },
  config: SubgraphServiceConfig,
  logger: Logger,
): Promise<ServiceDatabase> {
  return openServiceDatabase({
    service: name,
    uri: config.mongoUri,
    dataDir: config.dataDir,
    logger,
  });
}
