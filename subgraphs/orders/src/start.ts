import {
  buildSubgraphApp,
  startSubgraph,
  type BuildSubgraphAppOptions,
  type RunningSubgraph,
  type StartSubgraphOptions,
} from '@fedshop/subgraph-kit';
import type { OrdersConfig } from './config.js';
import { ordersSubgraph, type OrdersRepositories, type OrdersServices } from './server.js';

export { loadOrdersConfig, type OrdersConfig } from './config.js';
export { ordersSubgraph, type OrdersRepositories, type OrdersServices } from './server.js';
export { createOutboxSignal, type OutboxSignal } from './workflow/outbox-signal.js';
export { startOrdersWorkflow, type WorkflowRole } from './workflow/start-orders-workflow.js';
export { createOrderRepository, type OrderRepository } from './orders/order-repository.js';
export { createOrderService, type OrderService } from './orders/order-service.js';

/** Opens the database, builds the app and listens on the configured port (0 picks a free one). */
export function startOrdersService(
  config: OrdersConfig,
  options?: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  return startSubgraph(ordersSubgraph, config, options);
}

/** The orders subgraph's HTTP app over given repositories (tests); listens on nothing. */
export function createOrdersApp(
  options: BuildSubgraphAppOptions<OrdersConfig, OrdersRepositories, OrdersServices>,
) {
  return buildSubgraphApp(ordersSubgraph, options);
}
