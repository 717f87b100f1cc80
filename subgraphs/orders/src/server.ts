import type { Logger } from '@fedshop/logger';
import type { ReadinessCheck } from '@fedshop/service-kit';
import { createSubgraphApp, loadTypeDefs, type SubgraphApp } from '@fedshop/subgraph-kit';
import { createContextBuilder, type OrdersContext } from './context.js';
import type { OrderRepository } from './orders/order-repository.js';
import { createOrderService } from './orders/order-service.js';
import { resolvers } from './resolvers.js';

export const serviceName = 'orders';

export interface OrdersAppOptions {
  repository: OrderRepository;
  logger: Logger;
  /** Hides the landing page and masks unexpected errors. */
  production: boolean;
  /** What `/readyz` waits for (the database). */
  readiness: readonly ReadinessCheck[];
}

/** Builds the orders subgraph's HTTP app; listens on nothing (see `start.ts`). */
export function createOrdersApp({
  repository,
  logger,
  production,
  readiness,
}: OrdersAppOptions): Promise<SubgraphApp<OrdersContext>> {
  const orders = createOrderService({ repository });
  return createSubgraphApp<OrdersContext>({
    service: serviceName,
    typeDefs: loadTypeDefs(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    logger,
    production,
    readiness,
    buildContext: createContextBuilder({ orders, repository }),
  });
}
