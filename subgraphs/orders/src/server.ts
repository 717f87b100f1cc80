import { createEntityLoader, defineSubgraph } from '@fedshop/subgraph-kit';
import { ordersPolicies } from './access-policies.js';
import type { OrdersConfig } from './config.js';
import { createOrderRepository, type OrderRepository } from './orders/order-repository.js';
import { createOrderService, type OrderService } from './orders/order-service.js';
import { resolvers } from './resolvers.js';
import { createOutboxSignal, type OutboxSignal } from './workflow/outbox-signal.js';
import { startOrdersWorkflow } from './workflow/start-orders-workflow.js';

export interface OrdersRepositories {
  orders: OrderRepository;
}

export interface OrdersServices {
  orders: OrderService;
  /** What the relay listens to (see `startOrdersWorkflow`). */
  outbox: OutboxSignal;
}

/** The orders subgraph: orders and their workflow. */
export const ordersSubgraph = defineSubgraph({
  name: 'orders',
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  policies: ordersPolicies,
  createRepositories: async (connection): Promise<OrdersRepositories> => ({
    orders: await createOrderRepository(connection),
  }),
  createServices: ({ orders }: OrdersRepositories, config: OrdersConfig): OrdersServices => {
    const outbox = createOutboxSignal();
    return {
      orders: createOrderService({
        repository: orders,
        outbox,
        idempotencyKeyTtlMs: config.workflow.idempotencyKeyTtlMs,
      }),
      outbox,
    };
  },
  // Inline: the whole workflow in this process. Separate: this process only publishes what
  // its requests write; `src/worker.ts` consumes, sweeps and expires.
  startBackground: ({ repositories, services, config, logger }) =>
    startOrdersWorkflow({
      repository: repositories.orders,
      orders: services.orders,
      outbox: services.outbox,
      config,
      logger,
      role: config.queues.workerMode === 'inline' ? 'all' : 'api',
    }),
  startWorkers: ({ repositories, services, config, logger }) =>
    startOrdersWorkflow({
      repository: repositories.orders,
      orders: services.orders,
      outbox: services.outbox,
      config,
      logger,
      role: 'worker',
    }),
  createLoaders: ({ orders }: OrdersRepositories, access) => ({
    // Sees only the orders this request's caller may see (the `Order` type's `@auth`).
    orderById: createEntityLoader(
      (ids) => orders.findByIds(ids),
      (order) => order.id,
      access.visible('Order'),
    ),
  }),
});
