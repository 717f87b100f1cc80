import { runSubgraph } from '@fedshop/subgraph-kit';
import { loadProductsConfig } from './config.js';
import { productsSubgraph } from './server.js';

await runSubgraph(productsSubgraph, () => loadProductsConfig());
