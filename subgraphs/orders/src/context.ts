import type DataLoader from 'dataloader';
import type { SubgraphContext } from '@fedshop/subgraph-kit';
import type { OrderRecord } from './orders/order-record.js';
import type { OrderService } from './orders/order-service.js';
import type { OutboxSignal } from './workflow/outbox-signal.js';

/** The orders subgraph's GraphQL context: one per request (built by the subgraph kit). */
export type OrdersContext = SubgraphContext<
  { orders: OrderService; outbox: OutboxSignal },
  { orderById: DataLoader<string, OrderRecord | null> }
>;
