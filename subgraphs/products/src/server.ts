import { createEntityLoader, defineSubgraph, type BackgroundScope } from '@fedshop/subgraph-kit';
import type { ProductsConfig } from './config.js';
import { seedDemoProducts } from './products/demo-products.js';
import { createProductRepository, type ProductRepository } from './products/product-repository.js';
import { createProductService, type ProductService } from './products/product-service.js';
import { createCrashPoints } from '@fedshop/queues';
import { resolvers } from './resolvers.js';
import { startStockWorkers } from './stock/start-stock-workers.js';
import { createStockRepository, type StockRepository } from './stock/stock-repository.js';
import { createStockService, type StockService } from './stock/stock-service.js';

export interface ProductsRepositories {
  products: ProductRepository;
  stock: StockRepository;
}

export interface ProductsServices {
  products: ProductService;
  /** The workflow's reservations and releases (queue workers call it, not resolvers). */
  stock: StockService;
}

/** The products subgraph: the catalogue and its stock. */
export const productsSubgraph = defineSubgraph({
  name: 'products',
  schema: new URL('../schema.graphql', import.meta.url),
  resolvers,
  createRepositories: async (connection): Promise<ProductsRepositories> => ({
    products: await createProductRepository(connection),
    stock: createStockRepository(connection),
  }),
  createServices: (
    { products, stock }: ProductsRepositories,
    config: ProductsConfig,
    logger,
  ): ProductsServices => ({
    products: createProductService(products),
    stock: createStockService({
      repository: stock,
      logger,
      crashPoints: createCrashPoints(config.queues.crashPoint),
      holdRetentionMs: config.holdRetentionMs,
    }),
  }),
  // Inline: the stock workers run in this process; separate: in `src/worker.ts`.
  startBackground: async (scope) =>
    scope.config.queues.workerMode === 'inline' ? stockWorkers(scope) : { close: async () => {} },
  startWorkers: async (scope) => stockWorkers(scope),
  createLoaders: ({ products }: ProductsRepositories) => ({
    productById: createEntityLoader(
      (ids) => products.findByIds(ids),
      (product) => product.id,
    ),
  }),
  seedOnStart: async ({ products }, config, logger) => {
    if (config.seedDemoProducts && (await products.isEmpty())) {
      await seedDemoProducts(products, { logger });
    }
  },
});

function stockWorkers({
  repositories,
  services,
  config,
  logger,
}: BackgroundScope<ProductsConfig, ProductsRepositories, ProductsServices>) {
  return startStockWorkers({
    stock: services.stock,
    repository: repositories.stock,
    settings: config.queues,
    crashPoints: createCrashPoints(config.queues.crashPoint),
    holdRetentionMs: config.holdRetentionMs,
    logger,
  });
}
