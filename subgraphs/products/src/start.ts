import { createLogger, type Logger } from '@fedshop/logger';
import {
  databaseReadiness,
  openServiceDatabase,
  serveSubgraph,
  type RunningSubgraph,
  type ServiceDatabase,
} from '@fedshop/subgraph-kit';
import type { ProductsConfig } from './config.js';
import { seedDemoProducts } from './products/demo-products.js';
import { createProductRepository } from './products/product-repository.js';
import { createProductsApp, serviceName } from './server.js';

export { loadProductsConfig, type ProductsConfig } from './config.js';
export { createProductsApp, type ProductsAppOptions } from './server.js';
export {
  demoProducts,
  seedDemoProducts,
  type SeedDemoProductsOptions,
} from './products/demo-products.js';

export interface StartOptions {
  /** @defaultValue a logger at `config.logLevel` */
  logger?: Logger;
}

/** The running products subgraph. */
export type RunningProductsService = RunningSubgraph;

/**
 * Opens the database, seeds demo products into an empty catalogue (when enabled) and
 * serves the subgraph on the configured port (0 picks a free one).
 */
export function startProductsService(
  config: ProductsConfig,
  { logger = defaultLogger(config) }: StartOptions = {},
): Promise<RunningProductsService> {
  return serveSubgraph({
    service: serviceName,
    config,
    logger,
    build: async (database) => {
      const repository = await createProductRepository(database.connection);
      if (config.seedDemoProducts && (await repository.isEmpty())) {
        await seedDemoProducts(repository, { logger });
      }
      return createProductsApp({
        repository,
        logger,
        production: config.production,
        readiness: [databaseReadiness(database.connection)],
      });
    },
  });
}

/** `npm run seed`: adds the demo products whose skus are missing, then disconnects. */
export async function seedProducts(
  config: ProductsConfig,
  { logger = defaultLogger(config) }: StartOptions = {},
): Promise<{ inserted: number }> {
  const database = await openProductsDatabase(config, logger);
  try {
    return await seedDemoProducts(await createProductRepository(database.connection), { logger });
  } finally {
    await database.close();
  }
}

function defaultLogger(config: ProductsConfig): Logger {
  return createLogger({ service: serviceName, level: config.logLevel });
}

function openProductsDatabase(config: ProductsConfig, logger: Logger): Promise<ServiceDatabase> {
  return openServiceDatabase({
    service: serviceName,
    uri: config.mongoUri,
    dataDir: config.dataDir,
    logger,
  });
}
