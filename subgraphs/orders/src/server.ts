import { createEntityLoader, defineSubgraph } from '@fedshop/subgraph-kit';
import { ordersPolicies } from './access-policies.js';
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
  policies: ordersPolicies,
  createRepositories: async (connection): Promise<OrdersRepositories> => ({
    orders: await createOrderRepository(connection),
  }),
  createServices: ({ orders }: OrdersRepositories, _config: OrdersConfig) => ({
    orders: createOrderService({ repository: orders }),
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
