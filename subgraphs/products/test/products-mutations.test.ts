import { randomUUID } from 'node:crypto';
import { subgraphRequest } from '@fedshop/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateProductFields } from '../src/products/product-input.js';
import { buildProduct } from './build-product.js';
import { startTestProducts, type TestProducts } from './start-test-products.js';
import { admin, as, customer } from './viewers.js';

const createProduct = /* GraphQL */ `
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      sku
      name
      description
      priceCents
      stock
    }
  }
`;

const restockProduct = /* GraphQL */ `
  mutation RestockProduct($id: ID!, $quantity: Int!) {
    restockProduct(id: $id, quantity: $quantity) {
      id
      stock
    }
  }
`;

interface ProductData {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  priceCents: number;
  stock: number;
}

let products: TestProducts;

beforeAll(async () => {
  products = await startTestProducts();
});

afterAll(async () => {
  await products?.stop();
});

const create = (input: CreateProductFields, headers: Record<string, string> = as(admin)) =>
  subgraphRequest<{ createProduct: ProductData }>(
    'products',
    products.service.graphqlUrl,
    createProduct,
    {
      variables: { input },
      headers,
    },
  );

const restock = (id: string, quantity: number, headers: Record<string, string> = as(admin)) =>
  subgraphRequest<{ restockProduct: { id: string; stock: number } }>(
    'products',
    products.service.graphqlUrl,
    restockProduct,
    { variables: { id, quantity }, headers },
  );

describe('createProduct', () => {
  it('when an admin creates a product, then it is stored trimmed and readable by id', async () => {
    const input = buildProduct({ sku: '  MUG-001 ', name: ' Blue mug ', priceCents: 0 });
    const response = await create(input);
    expect(response.body.errors).toBeUndefined();
    const created = response.body.data!.createProduct;
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      sku: 'MUG-001',
      name: 'Blue mug',
      description: input.description,
      priceCents: 0,
      stock: input.stock,
    });
    const read = await subgraphRequest(
      'products',
      products.service.graphqlUrl,
      'query ($id: ID!) { product(id: $id) { id sku name } }',
      { variables: { id: created.id } },
    );
    expect(read.body.data).toEqual({
      product: { id: created.id, sku: 'MUG-001', name: 'Blue mug' },
    });
  });

  it('when the description is blank, then it is stored as null', async () => {
    const response = await create(buildProduct({ description: '   ' }));
    expect(response.body.data?.createProduct.description).toBeNull();
  });

  it('when the caller is anonymous, then UNAUTHENTICATED and nothing is stored', async () => {
    const input = buildProduct();
    const response = await create(input, {});
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await products.store.model.countDocuments({ sku: input.sku })).toBe(0);
  });

  it('when the caller is a customer, then FORBIDDEN and nothing is stored', async () => {
    const input = buildProduct();
    const response = await create(input, as(customer));
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await products.store.model.countDocuments({ sku: input.sku })).toBe(0);
  });

  it.each([
    ['sku', { sku: '   ' }],
    ['sku', { sku: 'has space' }],
    ['sku', { sku: 'slash/not-allowed' }],
    ['sku', { sku: 'S'.repeat(65) }],
    ['name', { name: '  ' }],
    ['name', { name: 'n'.repeat(201) }],
    ['description', { description: 'd'.repeat(2001) }],
    ['priceCents', { priceCents: -1 }],
    ['stock', { stock: -5 }],
  ])('when %s is invalid (%j), then BAD_USER_INPUT names it', async (field, overrides) => {
    const input = buildProduct(overrides);
    const response = await create(input);
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('when the limits are met exactly, then the product is created', async () => {
    const response = await create(
      buildProduct({
        sku: `${'S'.repeat(55)}-${randomUUID().slice(0, 8)}`,
        name: 'n'.repeat(200),
        description: 'd'.repeat(2000),
      }),
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.createProduct.sku).toHaveLength(64);
  });

  it('when the sku is taken, then BAD_USER_INPUT names sku and the first product is kept', async () => {
    const first = buildProduct({ name: 'First' });
    expect((await create(first)).body.errors).toBeUndefined();
    const response = await create(buildProduct({ sku: first.sku, name: 'Second' }));
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'sku',
    });
    expect(response.body.errors?.[0]?.message).not.toMatch(/E11000|index|dup key/i);
    const stored = await products.store.model.find({ sku: first.sku }).lean();
    expect(stored.map((product) => product.name)).toEqual(['First']);
  });
});

describe('restockProduct', () => {
  const createStocked = async (stock: number) => {
    const response = await create(buildProduct({ stock }));
    return response.body.data!.createProduct.id;
  };

  it('when an admin restocks, then the stock grows by the quantity and the new stock is returned', async () => {
    const id = await createStocked(5);
    const response = await restock(id, 7);
    expect(response.body).toEqual({ data: { restockProduct: { id, stock: 12 } } });
    const again = await restock(id, 3);
    expect(again.body.data?.restockProduct.stock).toBe(15);
  });

  it('when several restocks run at once, then none is lost', async () => {
    const id = await createStocked(0);
    await Promise.all(Array.from({ length: 10 }, () => restock(id, 2)));
    const stored = await products.store.repository.findById(id);
    expect(stored?.stock).toBe(20);
  });

  it.each([[-3], [0], [1_000_001]])(
    'when the quantity is %i, then BAD_USER_INPUT names quantity and the stock is unchanged',
    async (quantity) => {
      const id = await createStocked(4);
      const response = await restock(id, quantity);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'quantity',
      });
      expect((await products.store.repository.findById(id))?.stock).toBe(4);
    },
  );

  it.each([
    ['unknown', 'ffffffffffffffffffffffff'],
    ['malformed', 'nope'],
  ])('when the id is %s, then NOT_FOUND', async (_label, id) => {
    const response = await restock(id, 1);
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('when the caller is not an admin, then the stock is unchanged', async () => {
    const id = await createStocked(9);
    const anonymous = await restock(id, 1, {});
    const byCustomer = await restock(id, 1, as(customer));
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(byCustomer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await products.store.repository.findById(id))?.stock).toBe(9);
  });

  it('when the stock would overflow a GraphQL Int, then BAD_USER_INPUT names quantity', async () => {
    const id = await createStocked(2_147_483_000);
    const response = await restock(id, 1_000);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'quantity',
    });
    expect((await products.store.repository.findById(id))?.stock).toBe(2_147_483_000);
  });
});
