import {
  startQueueTestScope,
  startTestDatabaseServer,
  type TestDatabaseServer,
  testKeyEnvironment,
} from '@fedshop/testing';
import { loadProductsConfig, startProductsService } from '../src/start.js';
import { openProductStore, type ProductStore } from './product-store.js';

export interface TestProducts {
  databaseServer: TestDatabaseServer;
  /** The products subgraph over real HTTP on a free port. */
  service: Awaited<ReturnType<typeof startProductsService>>;
  /** The same database, for arranging data directly. */
  store: ProductStore;
  stop(): Promise<void>;
}

/** The service on port 0 with its own fresh database; demo seeding off unless asked for. */
export async function startTestProducts(
  env: Record<string, string> = {},
  databaseServer?: TestDatabaseServer,
): Promise<TestProducts> {
  const server = databaseServer ?? (await startTestDatabaseServer());
  const uri = server.uniqueDatabaseUri('products');
  // The stock workers' queues under a prefix of their own.
  const queues = startQueueTestScope();
  const config = loadProductsConfig({
    ...testKeyEnvironment,
    ...queues.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PRODUCTS_PORT: '0',
    PRODUCTS_MONGODB_URI: uri,
    SEED_DEMO_PRODUCTS: 'false',
    ...env,
  });
  const service = await startProductsService(config);
  const store = await openProductStore(uri);
  return {
    databaseServer: server,
    service,
    store,
    stop: async () => {
      await store.close();
      await service.stop();
      if (!databaseServer) await server.stop();
      await queues.cleanup();
    },
  };
}
