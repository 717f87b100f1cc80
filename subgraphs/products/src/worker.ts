import { runSubgraphWorker } from '@fedshop/subgraph-kit';
import { loadProductsConfig } from './config.js';
import { productsSubgraph } from './server.js';

// WORKER_MODE=separate: this service's queue workers in a process of their own, on the
// service's database (PRODUCTS_MONGODB_URI) and credentials.
await runSubgraphWorker(productsSubgraph, () => loadProductsConfig());
