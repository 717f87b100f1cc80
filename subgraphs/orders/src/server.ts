import { createEntityLoader, defineSubgraph } from '@fedshop/subgraph-kit';
import type { OrdersConfig } from './config.js';
import { createOrderRepository, type OrderRepository } from './orders/order-repository.js';
import { createOrderService } from './orders/order-service.js';
import { resolvers } from './resolvers.js';

export interface OrdersRepositories {
  orders: OrderRepository;
}

/** The orders subgraph: orders and their workflow. */
export const ordersSubgraph = defineSubgraph({
  name: 'orders',
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  createRepositories: async (connection): Promise<OrdersRepositories> => ({
    orders: await createOrderRepository(connection),
  }),
  createServices: ({ orders }: OrdersRepositories, _config: OrdersConfig) => ({
    orders: createOrderService({ repository: orders }),
  }),
  createLoaders: ({ orders }: OrdersRepositories) => ({
    orderById: createEntityLoader(
      (ids) => orders.findByIds(ids),
      (order) => order.id,
    ),
  }),
});
