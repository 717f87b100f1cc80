import { createMemoryLogger } from '@fedshop/logger';
import {
  subgraphRequest,
  startTestDatabaseServer,
  type TestDatabaseServer,
  testKeyEnvironment,
  startQueueTestScope,
} from '@fedshop/testing';
import type { Viewer } from '@fedshop/auth';
import type { RunningSubgraph } from '@fedshop/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProductsConfig, startProductsService } from '../src/start.js';
import { admin, as, customer } from './viewers.js';

// The stock workers' (or relay's) queues under a prefix of this file's own.
const queues = startQueueTestScope();
afterAll(() => queues.cleanup());

// Who may use each root field and entity of the products subgraph, as written in the
// schema's `@auth` rules: a literal table, role by field, through HTTP.

type Role = 'anonymous' | 'customer' | 'other customer' | 'admin';
const viewers: Record<Role, Viewer | null> = {
  anonymous: null,
  customer,
  'other customer': { userId: '64b000000000000000000003', role: 'CUSTOMER' },
  admin,
};

const existing = {
  sku: 'AUTHZ-EXISTING',
  name: 'Existing',
  description: null,
  priceCents: 500,
  stock: 3,
};
let existingId: string;
/** Restocked by the admin rows, so the others keep reading stock 3. */
let restockedId: string;

const operations = {
  product: `query ($id: ID!) { product(id: $id) { sku stock } }`,
  products: `{ products(first: 1) { edges { node { sku } } } }`,
  createProduct: `mutation ($sku: String!) {
    createProduct(input: { sku: $sku, name: "New", priceCents: 100, stock: 1 }) { sku stock }
  }`,
  restockProduct: `mutation ($target: ID!) { restockProduct(id: $target, quantity: 1) { sku stock } }`,
  _entities: `query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Product { sku stock } }
  }`,
  _service: `{ _service { sdl } }`,
} as const;
type Field = keyof typeof operations;

const allowed = {
  product: { product: { sku: 'AUTHZ-EXISTING', stock: 3 } },
  products: { products: { edges: [{ node: { sku: 'AUTHZ-EXISTING' } }] } },
  createProduct: { createProduct: { sku: 'SKU-FROM-ROLE', stock: 1 } },
  restockProduct: { restockProduct: { sku: 'AUTHZ-RESTOCKED', stock: 1 } },
  _entities: { _entities: [{ sku: 'AUTHZ-EXISTING', stock: 3 }] },
} as const;

/** What each role gets: data, or the error code that nulls the field. */
const table: { role: Role; field: Field; expected: object | { code: string } }[] = [
  { role: 'anonymous', field: 'product', expected: allowed.product },
  { role: 'customer', field: 'product', expected: allowed.product },
  { role: 'other customer', field: 'product', expected: allowed.product },
  { role: 'admin', field: 'product', expected: allowed.product },
  { role: 'anonymous', field: 'products', expected: allowed.products },
  { role: 'customer', field: 'products', expected: allowed.products },
  { role: 'other customer', field: 'products', expected: allowed.products },
  { role: 'admin', field: 'products', expected: allowed.products },
  { role: 'anonymous', field: 'createProduct', expected: { code: 'UNAUTHENTICATED' } },
  { role: 'customer', field: 'createProduct', expected: { code: 'FORBIDDEN' } },
  { role: 'other customer', field: 'createProduct', expected: { code: 'FORBIDDEN' } },
  { role: 'admin', field: 'createProduct', expected: allowed.createProduct },
  { role: 'anonymous', field: 'restockProduct', expected: { code: 'UNAUTHENTICATED' } },
  { role: 'customer', field: 'restockProduct', expected: { code: 'FORBIDDEN' } },
  { role: 'other customer', field: 'restockProduct', expected: { code: 'FORBIDDEN' } },
  { role: 'admin', field: 'restockProduct', expected: allowed.restockProduct },
  { role: 'anonymous', field: '_entities', expected: allowed._entities },
  { role: 'customer', field: '_entities', expected: allowed._entities },
  { role: 'other customer', field: '_entities', expected: allowed._entities },
  { role: 'admin', field: '_entities', expected: allowed._entities },
];

let database: TestDatabaseServer;
let service: RunningSubgraph;
const logs = createMemoryLogger({ service: 'products', level: 'info' });

beforeAll(async () => {
  database = await startTestDatabaseServer();
  service = await startProductsService(
    loadProductsConfig({
      ...testKeyEnvironment,
      ...queues.env,
      NODE_ENV: 'test',
      PRODUCTS_PORT: '0',
      PRODUCTS_MONGODB_URI: database.uniqueDatabaseUri('products'),
      SEED_DEMO_PRODUCTS: 'false',
    }),
    { logger: logs.logger },
  );
  const created = await subgraphRequest<{ createProduct: { id: string } }>(
    'products',
    service.graphqlUrl,
    `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
    { variables: { input: existing }, headers: as(admin) },
  );
  existingId = created.body.data!.createProduct.id;
  const restocked = await subgraphRequest<{ createProduct: { id: string } }>(
    'products',
    service.graphqlUrl,
    `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
    { variables: { input: { ...existing, sku: 'AUTHZ-RESTOCKED', stock: 0 } }, headers: as(admin) },
  );
  restockedId = restocked.body.data!.createProduct.id;
});

afterAll(async () => {
  await service?.stop();
  await database?.stop();
});

const send = (role: Role, field: Field, sku = 'SKU-FROM-ROLE') =>
  subgraphRequest('products', service.graphqlUrl, operations[field], {
    variables: {
      id: existingId,
      target: restockedId,
      sku,
      representations: [{ __typename: 'Product', id: existingId }],
    },
    headers: as(viewers[role]),
  });

describe('products: who may use what', () => {
  it.each(table)(
    'when $role asks for $field, then $expected',
    async ({ role, field, expected }) => {
      const sku = `SKU-${role.replace(' ', '-').toUpperCase()}`;
      const { body } = await send(role, field, sku);

      if ('code' in expected) {
        expect(body.data).toBeNull();
        expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
          [[field], expected.code],
        ]);
      } else {
        expect(body.errors).toBeUndefined();
        expect(JSON.stringify(body.data)).toBe(
          JSON.stringify(expected).replace('SKU-FROM-ROLE', sku),
        );
      }
    },
  );

  it.each(Object.keys(viewers) as Role[])(
    'when %s asks for _service, then the SDL is served',
    async (role) => {
      const { body } = await send(role, '_service');
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ _service: { sdl: expect.stringContaining('type Product') } });
    },
  );
});

describe('products: the audit log', () => {
  const auditLines = () =>
    logs
      .lines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'audit');

  it('when an admin restocks, then one line says who, what, which product and the request', async () => {
    const before = auditLines().length;

    await subgraphRequest('products', service.graphqlUrl, operations.restockProduct, {
      variables: { target: restockedId },
      headers: { ...as(admin), 'x-request-id': 'audit-restock-1' },
    });

    const lines = auditLines().slice(before);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        service: 'products',
        requestId: 'audit-restock-1',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        audit: {
          action: 'restockProduct',
          actor: { userId: admin.userId, role: 'ADMIN' },
          targetId: restockedId,
          outcome: 'succeeded',
        },
      }),
    ]);
  });

  it('when a customer or an anonymous caller tries, then the refusal is logged with its code', async () => {
    const before = auditLines().length;

    await send('customer', 'createProduct', 'SKU-AUDIT-REFUSED');
    await send('anonymous', 'restockProduct');

    expect(
      auditLines()
        .slice(before)
        .map((line) => line.audit),
    ).toEqual([
      {
        action: 'createProduct',
        actor: { userId: customer.userId, role: 'CUSTOMER' },
        targetId: null,
        outcome: 'refused',
        code: 'FORBIDDEN',
      },
      {
        action: 'restockProduct',
        actor: null,
        targetId: restockedId,
        outcome: 'refused',
        code: 'UNAUTHENTICATED',
      },
    ]);
  });

  it('when an admin creates a product, then the line names the new product and no input', async () => {
    const before = auditLines().length;

    const { body } = await subgraphRequest<{ createProduct: { id: string } }>(
      'products',
      service.graphqlUrl,
      `mutation { createProduct(input: { sku: "AUDIT-NEW", name: "Secret name", priceCents: 1, stock: 1 }) { id } }`,
      { headers: as(admin) },
    );

    const lines = auditLines().slice(before);
    expect(lines.map((line) => line.audit)).toEqual([
      {
        action: 'createProduct',
        actor: { userId: admin.userId, role: 'ADMIN' },
        targetId: body.data!.createProduct.id,
        outcome: 'succeeded',
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('Secret name');
  });

  it('when an admin restocks an unknown product, then the line says it failed, NOT_FOUND', async () => {
    const before = auditLines().length;
    const unknownId = '64b0000000000000000000ff';

    await subgraphRequest('products', service.graphqlUrl, operations.restockProduct, {
      variables: { target: unknownId },
      headers: as(admin),
    });

    expect(
      auditLines()
        .slice(before)
        .map((line) => line.audit),
    ).toEqual([
      {
        action: 'restockProduct',
        actor: { userId: admin.userId, role: 'ADMIN' },
        targetId: unknownId,
        outcome: 'failed',
        code: 'NOT_FOUND',
      },
    ]);
  });
});
