import { createLogger, type Logger } from '@fedshop/logger';
import { databaseReadiness, serveSubgraph, type RunningSubgraph } from '@fedshop/subgraph-kit';
import type { OrdersConfig } from './config.js';
import { createOrderRepository } from './orders/order-repository.js';
import { createOrdersApp, serviceName } from './server.js';

export { loadOrdersConfig, type OrdersConfig } from './config.js';
// The parts `startOrdersService` assembles, for callers that compose them differently
// (tests that observe the repository, the order workflow's worker).
export { createOrdersApp, type OrdersAppOptions } from './server.js';
export { createOrderRepository, type OrderRepository } from './orders/order-repository.js';
export { createOrderService, type OrderService } from './orders/order-service.js';

/** The running orders subgraph. */
export type OrdersService = RunningSubgraph;

/** Opens the database, builds the app and listens on the configured port (0 picks a free one). */
export function startOrdersService(
  config: OrdersConfig,
  {
    logger = createLogger({ service: serviceName, level: config.logLevel }),
  }: { logger?: Logger } = {},
): Promise<OrdersService> {
  return serveSubgraph({
    service: serviceName,
    config,
    logger,
    build: async (database) =>
      createOrdersApp({
        repository: await createOrderRepository(database.connection),
        logger,
        production: config.production,
        readiness: [databaseReadiness(database.connection)],
      }),
  });
}
