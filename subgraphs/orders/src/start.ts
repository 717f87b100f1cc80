import { createLogger, type Logger } from '@fedshop/logger';
import { listen } from '@fedshop/service-kit';
import { databaseReadiness, openServiceDatabase } from '@fedshop/subgraph-kit';
import type { OrdersConfig } from './config.js';
import { createOrderRepository } from './orders/order-repository.js';
import { createOrdersApp, serviceName } from './server.js';

export { loadOrdersConfig, type OrdersConfig } from './config.js';
// The parts `startOrdersService` assembles, for callers that compose them differently
// (tests that observe the repository, the order workflow's worker).
export { createOrdersApp, type OrdersAppOptions } from './server.js';
export { createOrderRepository, type OrderRepository } from './orders/order-repository.js';
export { createOrderService, type OrderService } from './orders/order-service.js';

export interface OrdersService {
  /** Base URL, e.g. `http://127.0.0.1:4003`. */
  url: string;
  /** The GraphQL endpoint the gateway composes. */
  graphqlUrl: string;
  port: number;
  /** Stops the HTTP server, then the database. */
  stop(): Promise<void>;
}

/** Opens the database, builds the app and listens on the configured port (0 picks a free one). */
export async function startOrdersService(
  config: OrdersConfig,
  {
    logger = createLogger({ service: serviceName, level: config.logLevel }),
  }: { logger?: Logger } = {},
): Promise<OrdersService> {
  const database = await openServiceDatabase({
    service: serviceName,
    uri: config.mongoUri,
    dataDir: config.dataDir,
    logger,
  });
  try {
    const repository = createOrderRepository(database.connection);
    const { app, apollo } = await createOrdersApp({
      repository,
      logger,
      production: config.production,
      readiness: [databaseReadiness(database.connection)],
    });
    const server = await listen(app, config.port, config.host);
    logger.info({ url: server.url }, 'orders subgraph listening');
    return {
      url: server.url,
      graphqlUrl: `${server.url}/graphql`,
      port: server.port,
      stop: async () => {
        await server.close();
        await apollo.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
