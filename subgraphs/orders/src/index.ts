import { runSubgraph } from '@fedshop/subgraph-kit';
import { loadOrdersConfig } from './config.js';
import { ordersSubgraph } from './server.js';

await runSubgraph(ordersSubgraph, () => loadOrdersConfig());
