import { createLogger } from '@fedshop/logger';
import { listen, type ListeningServer } from '@fedshop/service-kit';
import {
  subgraphRequest,
  startTestDatabaseServer,
  type TestDatabaseServer,
  testKeyEnvironment,
} from '@fedshop/testing';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ProductRepository } from '../src/products/product-repository.js';
import { createProductsApp, createStockRepository, loadProductsConfig } from '../src/start.js';
import { buildProduct } from './build-product.js';
import { openProductStore, type ProductStore } from './product-store.js';

const entities = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product {
        id
        sku
        stock
      }
    }
  }
`;

let databaseServer: TestDatabaseServer;
let store: ProductStore;
let server: ListeningServer;
let stopApollo: () => Promise<void>;
/** Every `findByIds` call the subgraph makes: each is one `$in` query on the real database. */
let findByIdsCalls: (readonly string[])[] = [];
/** Every operation mongoose sends on the connection (its debug hook), as `collection.method`. */
let databaseOperations: string[] = [];

/** The real repository, counting the batched lookups that reach the database. */
function countingRepository(repository: ProductRepository): ProductRepository {
  return {
    ...repository,
    findByIds: (ids) => {
      findByIdsCalls.push([...ids]);
      return repository.findByIds(ids);
    },
  };
}

beforeAll(async () => {
  databaseServer = await startTestDatabaseServer();
  store = await openProductStore(databaseServer.uniqueDatabaseUri('products_entities'));
  store.connection.set('debug', (collection: string, method: string) => {
    databaseOperations.push(`${collection}.${method}`);
  });
  const { app, apollo } = await createProductsApp({
    repositories: {
      products: countingRepository(store.repository),
      stock: createStockRepository(store.connection),
    },
    config: loadProductsConfig({
      ...testKeyEnvironment,
      NODE_ENV: 'test',
      PRODUCTS_MONGODB_URI: databaseServer.uniqueDatabaseUri(),
    }),
    logger: createLogger({ service: 'products', level: 'silent' }),
  });
  stopApollo = () => apollo.stop();
  server = await listen(app, 0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await stopApollo?.();
  await store?.close();
  await databaseServer?.stop();
});

beforeEach(() => {
  findByIdsCalls = [];
  databaseOperations = [];
});

const resolveEntities = (ids: string[]) =>
  subgraphRequest<{ _entities: ({ id: string; sku: string; stock: number } | null)[] }>(
    'products',
    `${server.url}/graphql`,
    entities,
    { variables: { representations: ids.map((id) => ({ __typename: 'Product', id })) } },
  );

it('when several products are referenced, then they resolve in order, missing ones null, in one query', async () => {
  const [first, second, third] = await store.model.insertMany([
    buildProduct({ stock: 1 }),
    buildProduct({ stock: 2 }),
    buildProduct({ stock: 3 }),
  ]);
  const ids = [third!, first!, second!].map((product) => product._id.toHexString());
  const missing = 'ffffffffffffffffffffffff';
  databaseOperations = [];

  const response = await resolveEntities([ids[0]!, missing, ids[1]!, 'malformed', ids[2]!]);

  expect(response.body.errors).toBeUndefined();
  expect(response.body.data?._entities).toEqual([
    { id: ids[0], sku: third!.sku, stock: 3 },
    null,
    { id: ids[1], sku: first!.sku, stock: 1 },
    null,
    { id: ids[2], sku: second!.sku, stock: 2 },
  ]);
  expect(findByIdsCalls).toHaveLength(1);
  // The malformed id never reaches the database.
  expect(findByIdsCalls[0]).toEqual([ids[0], missing, ids[1], ids[2]]);
  expect(databaseOperations).toEqual(['products.find']);
});

it('when the same product is referenced twice, then it is fetched once', async () => {
  const [product] = await store.model.insertMany([buildProduct()]);
  const id = product!._id.toHexString();
  databaseOperations = [];

  const response = await resolveEntities([id, id]);

  expect(response.body.data?._entities.map((entity) => entity?.id)).toEqual([id, id]);
  expect(findByIdsCalls).toEqual([[id]]);
  expect(databaseOperations).toEqual(['products.find']);
});

it('when a query asks for several products by id, then they are fetched in one query', async () => {
  const [a, b] = await store.model.insertMany([buildProduct(), buildProduct()]);
  databaseOperations = [];
  const response = await subgraphRequest(
    'products',
    `${server.url}/graphql`,
    'query ($a: ID!, $b: ID!) { a: product(id: $a) { sku } b: product(id: $b) { sku } }',
    { variables: { a: a!._id.toHexString(), b: b!._id.toHexString() } },
  );
  expect(response.body.data).toEqual({ a: { sku: a!.sku }, b: { sku: b!.sku } });
  expect(findByIdsCalls).toHaveLength(1);
  expect(databaseOperations).toEqual(['products.find']);
});

it('when a product id is given in upper-case hex, then product(id) and _entities resolve it like restockProduct does', async () => {
  const [product] = await store.model.insertMany([buildProduct()]);
  const id = product!._id.toHexString();
  const upper = id.toUpperCase();

  const byQuery = await subgraphRequest<{ product: { id: string } | null }>(
    'products',
    `${server.url}/graphql`,
    'query ($id: ID!) { product(id: $id) { id } }',
    { variables: { id: upper } },
  );
  const byReference = await resolveEntities([upper, id]);

  expect(byQuery.body.data?.product).toEqual({ id });
  expect(byReference.body.data?._entities.map((entity) => entity?.id)).toEqual([id, id]);
  // Both spellings are one product: one id reaches the database.
  expect(findByIdsCalls.at(-1)).toEqual([id]);
});

it('when a representation id is not a string, then that entity fails with BAD_USER_INPUT naming id and the others resolve', async () => {
  const [product] = await store.model.insertMany([buildProduct()]);
  const id = product!._id.toHexString();

  const response = await subgraphRequest<{ _entities: ({ id: string } | null)[] }>(
    'products',
    `${server.url}/graphql`,
    entities,
    {
      variables: {
        representations: [
          { __typename: 'Product', id: [id] },
          { __typename: 'Product', id },
        ],
      },
    },
  );

  expect(response.body.data?._entities.map((entity) => entity?.id ?? null)).toEqual([null, id]);
  expect(response.body.errors).toEqual([
    expect.objectContaining({
      path: ['_entities', 0],
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'id' }),
    }),
  ]);
});
