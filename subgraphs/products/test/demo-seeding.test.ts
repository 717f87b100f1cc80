import { createLogger } from '@fedshop/logger';
import {
  subgraphRequest,
  startTestDatabaseServer,
  type TestDatabaseServer,
  testKeyEnvironment,
  startQueueTestScope,
} from '@fedshop/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoProducts, seedDemoProducts } from '../src/products/demo-products.js';
import { loadProductsConfig, seedProducts, startProductsService } from '../src/start.js';
import { openProductStore } from './product-store.js';

// The stock workers' (or relay's) queues under a prefix of this file's own.
const queues = startQueueTestScope();
afterAll(() => queues.cleanup());

const logger = createLogger({ service: 'products', level: 'silent' });
let databaseServer: TestDatabaseServer;

beforeAll(async () => {
  databaseServer = await startTestDatabaseServer();
});

afterAll(async () => {
  await databaseServer?.stop();
});

it('when the demo products are seeded twice, then each exists once and stock is never overwritten', async () => {
  const store = await openProductStore(databaseServer.uniqueDatabaseUri('products_seed'));
  try {
    expect(await seedDemoProducts(store.repository, { logger })).toEqual({
      inserted: demoProducts.length,
    });
    const [first] = demoProducts;
    await store.model.updateOne({ sku: first!.sku }, { $set: { stock: 7 } });
    const before = await store.model.find().sort({ sku: 1 }).lean();

    expect(await seedDemoProducts(store.repository, { logger })).toEqual({ inserted: 0 });

    const stored = await store.model.find().sort({ sku: 1 }).lean();
    expect(stored).toEqual(before);
    expect(stored.every((product) => product.createdAt instanceof Date)).toBe(true);
    expect(stored.map((product) => product.sku).sort()).toEqual(
      demoProducts.map((product) => product.sku).sort(),
    );
    expect(stored.find((product) => product.sku === first!.sku)?.stock).toBe(7);
  } finally {
    await store.close();
  }
});

it('when the demo products are seeded, then they are written in one database round trip', async () => {
  const store = await openProductStore(databaseServer.uniqueDatabaseUri('products_seed_batch'));
  const operations: string[] = [];
  store.connection.set('debug', (collection: string, method: string) => {
    operations.push(`${collection}.${method}`);
  });
  try {
    expect(await seedDemoProducts(store.repository, { logger })).toEqual({
      inserted: demoProducts.length,
    });
    expect(operations).toEqual(['products.bulkWrite']);
  } finally {
    await store.close();
  }
});

it('when the service starts on an empty catalogue with seeding on, then the demo products are served, once', async () => {
  const uri = databaseServer.uniqueDatabaseUri('products_seed_start');
  const config = loadProductsConfig({
    ...testKeyEnvironment,
    ...queues.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PRODUCTS_PORT: '0',
    PRODUCTS_MONGODB_URI: uri,
    SEED_DEMO_PRODUCTS: 'true',
  });
  const first = await startProductsService(config, { logger });
  await first.stop();
  const second = await startProductsService(config, { logger });
  try {
    const response = await subgraphRequest<{ products: { edges: { node: { sku: string } }[] } }>(
      'products',
      second.graphqlUrl,
      '{ products(first: 100) { edges { node { sku } } } }',
    );
    expect(response.body.data?.products.edges.map((edge) => edge.node.sku).sort()).toEqual(
      demoProducts.map((product) => product.sku).sort(),
    );
    expect(await seedProducts(config, { logger })).toEqual({ inserted: 0 });
  } finally {
    await second.stop();
  }
});

it('when seeding is off, then the catalogue starts empty', async () => {
  const service = await startProductsService(
    loadProductsConfig({
      ...testKeyEnvironment,
      ...queues.env,
      ...queues.env,
      LOG_LEVEL: 'silent',
      PRODUCTS_PORT: '0',
      PRODUCTS_MONGODB_URI: databaseServer.uniqueDatabaseUri('products_noseed'),
      SEED_DEMO_PRODUCTS: 'false',
    }),
    { logger },
  );
  try {
    const response = await subgraphRequest(
      'products',
      service.graphqlUrl,
      '{ products { edges { cursor } } }',
    );
    expect(response.body.data).toEqual({ products: { edges: [] } });
  } finally {
    await service.stop();
  }
});
