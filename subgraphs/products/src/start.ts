import { createLogger, type Logger } from '@fedshop/logger';
import {
  buildSubgraphApp,
  startSubgraph,
  withSubgraphRepositories,
  type BuildSubgraphAppOptions,
  type RunningSubgraph,
  type StartSubgraphOptions,
} from '@fedshop/subgraph-kit';
import type { ProductsConfig } from './config.js';
import { seedDemoProducts } from './products/demo-products.js';
import { productsSubgraph, type ProductsRepositories, type ProductsServices } from './server.js';

export { loadProductsConfig, type ProductsConfig } from './config.js';
export { productsSubgraph, type ProductsRepositories, type ProductsServices } from './server.js';
export { createStockRepository, type StockRepository } from './stock/stock-repository.js';
export { startStockWorkers } from './stock/start-stock-workers.js';
export type { StockHold } from './products/product-model.js';
export {
  demoProducts,
  seedDemoProducts,
  type SeedDemoProductsOptions,
} from './products/demo-products.js';
export { createProductRepository, type ProductRepository } from './products/product-repository.js';

/** Opens the database, seeds demo products into an empty catalogue (when enabled), and serves. */
export function startProductsService(
  config: ProductsConfig,
  options?: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  return startSubgraph(productsSubgraph, config, options);
}

/** The products subgraph's HTTP app over given repositories (tests); listens on nothing. */
export function createProductsApp(
  options: BuildSubgraphAppOptions<ProductsConfig, ProductsRepositories, ProductsServices>,
) {
  return buildSubgraphApp(productsSubgraph, options);
}

/** `npm run seed`: adds the demo products whose skus are missing. Idempotent. */
export function seedProducts(
  config: ProductsConfig,
  {
    logger = createLogger({ service: productsSubgraph.name, level: config.logLevel }),
  }: { logger?: Logger } = {},
): Promise<{ inserted: number }> {
  return withSubgraphRepositories(productsSubgraph, config, logger, ({ products }) =>
    seedDemoProducts(products, { logger }),
  );
}
