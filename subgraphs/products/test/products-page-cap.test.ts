import { subgraphRequest } from '@fedshop/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildProduct } from './build-product.js';
import { startTestProducts, type TestProducts } from './start-test-products.js';

let products: TestProducts;

beforeAll(async () => {
  products = await startTestProducts();
  await products.store.model.insertMany(Array.from({ length: 105 }, () => buildProduct()));
});

afterAll(async () => {
  await products?.stop();
});

it('when first asks for more than 100, then 100 products come back and the rest is a next page', async () => {
  const response = await subgraphRequest<{
    products: { edges: unknown[]; pageInfo: { hasNextPage: boolean } };
  }>(
    'products',
    products.service.graphqlUrl,
    'query { products(first: 1000) { edges { node { id } } pageInfo { hasNextPage } } }',
  );
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data?.products.edges).toHaveLength(100);
  expect(response.body.data?.products.pageInfo.hasNextPage).toBe(true);
});
