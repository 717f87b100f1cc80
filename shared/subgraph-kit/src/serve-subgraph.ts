import type { Express } from 'express';
import type { Logger } from '@fedshop/logger';
import { listen } from '@fedshop/service-kit';
import { openServiceDatabase, type ServiceDatabase } from './service-database.js';

export interface RunningSubgraph {
  /** Base URL, e.g. `http://127.0.0.1:4001`. */
  url: string;
  /** The GraphQL endpoint the gateway composes, `${url}/graphql`. */
  graphqlUrl: string;
  port: number;
  /** Stops accepting requests, then stops GraphQL and closes the database. */
  stop(): Promise<void>;
}

export interface SubgraphServiceConfig {
  /** `*_MONGODB_URI`; unset starts the embedded default. */
  mongoUri?: string | undefined;
  dataDir?: string | undefined;
  /** 0 picks a free port. */
  port: number;
  host: string;
}

export interface ServeSubgraphOptions {
  /** The service's name, also its embedded database's name. */
  service: string;
  /** The part of a subgraph's parsed configuration its lifecycle needs. */
  config: SubgraphServiceConfig;
  logger: Logger;
  /** Builds the app on the open database (and seeds it, when the service wants to). */
  build: (
    database: ServiceDatabase,
  ) => Promise<{ app: Express; apollo: { stop(): Promise<void> } }>;
}

/**
 * The lifecycle every subgraph shares: open its database, build its app, listen, and on
 * stop close them in reverse order. A failure while starting closes the database again.
 */
export async function serveSubgraph(options: ServeSubgraphOptions): Promise<RunningSubgraph> {
  const { service, config, logger } = options;
  const database = await openServiceDatabase({
    service,
    uri: config.mongoUri,
    dataDir: config.dataDir,
    logger,
  });
  try {
    const { app, apollo } = await options.build(database);
    const server = await listen(app, config.port, config.host);
    const graphqlUrl = `${server.url}/graphql`;
    logger.info({ url: graphqlUrl }, `${service} subgraph listening`);
    return {
      url: server.url,
      graphqlUrl,
      port: server.port,
      stop: async () => {
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
