import { subgraphRequest } from '@fedshop/testing';
import { encodeCursor } from '@fedshop/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProduct } from './build-product.js';
import { startTestProducts, type TestProducts } from './start-test-products.js';

const productsPage = /* GraphQL */ `
  query ProductsPage($first: Int, $after: String) {
    products(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          sku
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const productById = /* GraphQL */ `
  query ProductById($id: ID!) {
    product(id: $id) {
      id
      sku
      name
      description
      priceCents
      stock
    }
  }
`;

interface ProductsPageData {
  products: {
    edges: { cursor: string; node: { id: string; sku: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

let products: TestProducts;
let insertedIds: string[];

beforeAll(async () => {
  products = await startTestProducts();
  const inserted = await products.store.model.insertMany(
    Array.from({ length: 45 }, (_, index) =>
      buildProduct({ sku: `PAGE-${String(index).padStart(2, '0')}` }),
    ),
  );
  insertedIds = inserted.map((product) => product._id.toHexString());
});

afterAll(async () => {
  await products?.stop();
});

const readPage = (variables: Record<string, unknown>) =>
  subgraphRequest<ProductsPageData>('products', products.service.graphqlUrl, productsPage, {
    variables,
  });

describe('products', () => {
  it('when paging through 45 products by 20, then every product comes once, in id order', async () => {
    const seen: string[] = [];
    const hasNextPages: boolean[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const response = await readPage({ first: 20, after });
      expect(response.body.errors).toBeUndefined();
      const connection = response.body.data!.products;
      seen.push(...connection.edges.map((edge) => edge.node.id));
      hasNextPages.push(connection.pageInfo.hasNextPage);
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor);
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(insertedIds);
    expect(new Set(seen).size).toBe(45);
    expect(hasNextPages).toEqual([true, true, false]);
  });

  it('when first is omitted, then a page of 20 comes back', async () => {
    const response = await subgraphRequest<ProductsPageData>(
      'products',
      products.service.graphqlUrl,
      '{ products { edges { node { id } } pageInfo { hasNextPage } } }',
    );
    expect(response.body.data?.products.edges).toHaveLength(20);
    expect(response.body.data?.products.pageInfo.hasNextPage).toBe(true);
  });

  it('when first is 0, then no edges come back but hasNextPage tells that products exist', async () => {
    const response = await readPage({ first: 0 });
    expect(response.body.data?.products).toEqual({
      edges: [],
      pageInfo: { hasNextPage: true, endCursor: null },
    });
  });

  it('when the cursor points past the last product, then the page is empty', async () => {
    const response = await readPage({ first: 20, after: encodeCursor(insertedIds.at(-1)!) });
    expect(response.body.data?.products).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  it('when first is negative, then BAD_USER_INPUT names first', async () => {
    const response = await readPage({ first: -1 });
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['a forged position', encodeCursor('not-an-object-id')],
    ['an empty position', Buffer.from('v1:').toString('base64url')],
    ['another version', Buffer.from(`v2:${'a'.repeat(24)}`).toString('base64url')],
  ])('when the after cursor is %s, then BAD_USER_INPUT names after', async (_label, after) => {
    const response = await readPage({ first: 5, after });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});

describe('product', () => {
  it('when the id exists, then the product comes back with every field', async () => {
    const input = buildProduct({ description: null, priceCents: 4250, stock: 3 });
    const [created] = await products.store.model.insertMany([input]);
    const id = created!._id.toHexString();
    const response = await subgraphRequest('products', products.service.graphqlUrl, productById, {
      variables: { id },
    });
    expect(response.body).toEqual({
      data: {
        product: {
          id,
          sku: input.sku,
          name: input.name,
          description: null,
          priceCents: 4250,
          stock: 3,
        },
      },
    });
  });

  it.each([
    ['unknown', 'ffffffffffffffffffffffff'],
    ['malformed', 'not-an-id'],
    ['empty', ''],
  ])('when the id is %s, then product is null without an error', async (_label, id) => {
    const response = await subgraphRequest('products', products.service.graphqlUrl, productById, {
      variables: { id },
    });
    expect(response.body).toEqual({ data: { product: null } });
  });
});
