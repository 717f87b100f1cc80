import { runSubgraphWorker } from '@fedshop/subgraph-kit';
import { loadOrdersConfig } from './config.js';
import { ordersSubgraph } from './server.js';

// WORKER_MODE=separate: this service's queue workers in a process of their own, on the
// service's database (ORDERS_MONGODB_URI) and credentials.
await runSubgraphWorker(ordersSubgraph, () => loadOrdersConfig());
