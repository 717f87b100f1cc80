import { testKeyEnvironment, internalTokenHeaders, startQueueTestScope } from '@fedshop/testing';
import { startEmbeddedMongo, type EmbeddedMongo } from '@fedshop/embedded-mongo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProductsConfig, startProductsService } from '../src/start.js';

// The stock workers' (or relay's) queues under a prefix of this file's own.
const queues = startQueueTestScope();
afterAll(() => queues.cleanup());

// Always an embedded server (even when TEST_MONGODB_URI is set): the readiness test stops it.
let databaseServer: EmbeddedMongo;
let service: Awaited<ReturnType<typeof startProductsService>>;

beforeAll(async () => {
  databaseServer = await startEmbeddedMongo({ port: 0 });
  service = await startProductsService(
    loadProductsConfig({
      ...testKeyEnvironment,
      ...queues.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      PRODUCTS_PORT: '0',
      PRODUCTS_MONGODB_URI: `${databaseServer.uri}/products_shell`,
    }),
  );
});

afterAll(async () => {
  await service?.stop();
  await databaseServer?.stop();
});

it('when started on port 0, then it reports the bound address', () => {
  expect(service.port).toBeGreaterThan(0);
  expect(service.url).toBe(`http://127.0.0.1:${service.port}`);
  expect(service.graphqlUrl).toBe(`${service.url}/graphql`);
});

it('when asked for health and metrics, then it answers', async () => {
  const health = await fetch(`${service.url}/healthz`);
  expect(health.status).toBe(200);
  const metrics = await fetch(`${service.url}/metrics`);
  expect(metrics.status).toBe(200);
  expect(await metrics.text()).toContain('service="products"');
});

it('when in production, then the catalogue starts without demo products', async () => {
  const response = await fetch(service.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...internalTokenHeaders('products', null) },
    body: JSON.stringify({ query: '{ products { edges { cursor } } }' }),
  });
  expect(await response.json()).toEqual({ data: { products: { edges: [] } } });
});

it('when the database is up, then ready', async () => {
  const ready = await fetch(`${service.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ ready: true, checks: { database: 'ok' } });
});

describe('when the database goes away', () => {
  beforeAll(async () => {
    await databaseServer.stop();
  });

  it('then not ready', async () => {
    const notReady = await fetch(`${service.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, checks: { database: 'failing' } });
  });

  it('then a query fails masked (production), with no database detail', async () => {
    const response = await fetch(service.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...internalTokenHeaders('products', null) },
      body: JSON.stringify({ query: '{ products { edges { cursor } } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: null,
      errors: [
        {
          message: 'Internal server error',
          path: ['products'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
  });
});
