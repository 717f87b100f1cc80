import type DataLoader from 'dataloader';
import { createEntityLoader, type BaseSubgraphContext } from '@fedshop/subgraph-kit';
import type { OrderRecord } from './orders/order-record.js';
import type { OrderRepository } from './orders/order-repository.js';
import type { OrderService } from './orders/order-service.js';

export interface OrdersContext extends BaseSubgraphContext {
  orders: OrderService;
  /** Per request, so batching never crosses requests nor callers. */
  loaders: { orderById: DataLoader<string, OrderRecord | null> };
}

export function createContextBuilder({
  orders,
  repository,
}: {
  orders: OrderService;
  repository: OrderRepository;
}) {
  return (base: BaseSubgraphContext): OrdersContext => ({
    ...base,
    orders,
    loaders: {
      orderById: createEntityLoader(
        (ids) => repository.findByIds(ids),
        (order) => order.id,
      ),
    },
  });
}
