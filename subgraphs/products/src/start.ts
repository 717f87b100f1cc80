import { createLogger, type Logger } from '@fedshop/logger';
import { listen } from '@fedshop/service-kit';
import {
  databaseReadiness,
  openServiceDatabase,
  type ServiceDatabase,
} from '@fedshop/subgraph-kit';
import type { ProductsConfig } from './config.js';
import { seedDemoProducts } from './products/demo-products.js';
import { createProductModel } from './products/product-model.js';
import { createProductRepository, type ProductRepository } from './products/product-repository.js';
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

export interface RunningProductsService {
  /** Base URL, e.g. `http://127.0.0.1:4002`. */
  url: string;
  graphqlUrl: string;
  port: number;
  /** Stops accepting requests, then closes GraphQL and the database. */
  stop(): Promise<void>;
}

/**
 * Opens the database, seeds demo products into an empty catalogue (when enabled) and
 * serves the subgraph on the configured port (0 picks a free one).
 */
export async function startProductsService(
  config: ProductsConfig,
  { logger = defaultLogger(config) }: StartOptions = {},
): Promise<RunningProductsService> {
  const database = await openProductsDatabase(config, logger);
  try {
    const repository = await createIndexedRepository(database);
    if (config.seedDemoProducts && (await repository.isEmpty())) {
      await seedDemoProducts(repository, { logger });
    }
    const { app, apollo } = await createProductsApp({
      repository,
      logger,
      production: config.production,
      readiness: [databaseReadiness(database.connection)],
    });
    const server = await listen(app, config.port, config.host);
    logger.info({ url: `${server.url}/graphql` }, 'products subgraph ready');
    return {
      url: server.url,
      graphqlUrl: `${server.url}/graphql`,
      port: server.port,
      stop: async () => {
        await server.close();
        await apollo.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/** `npm run seed`: adds the demo products whose skus are missing, then disconnects. */
export async function seedProducts(
  config: ProductsConfig,
  { logger = defaultLogger(config) }: StartOptions = {},
): Promise<{ inserted: number }> {
  const database = await openProductsDatabase(config, logger);
  try {
    return await seedDemoProducts(await createIndexedRepository(database), { logger });
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

/** Waits for the indexes (the unique sku above all) before any write relies on them. */
async function createIndexedRepository(database: ServiceDatabase): Promise<ProductRepository> {
  const model = createProductModel(database.connection);
  await model.init();
  return createProductRepository(model);
}
