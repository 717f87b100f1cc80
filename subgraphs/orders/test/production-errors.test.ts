import type { RunningSubgraph } from '@fedshop/subgraph-kit';
import { createLogger } from '@fedshop/logger';
import { startEmbeddedMongo, type EmbeddedMongo } from '@fedshop/embedded-mongo';
import {
  subgraphRequest,
  testKeyEnvironment,
  internalTokenHeaders,
  startQueueTestScope,
} from '@fedshop/testing';
import { loadOrdersConfig, startOrdersService } from '@fedshop/orders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlaceOrderInput } from './support/build-order-input.js';
import { ordersClient } from './support/operations.js';
import { buildViewer } from './support/viewers.js';

// The stock workers' (or relay's) queues under a prefix of this file's own.
const queues = startQueueTestScope();
afterAll(() => queues.cleanup());

// Its own embedded server (even when TEST_MONGODB_URI is set): one test stops it.
let database: EmbeddedMongo;
let service: RunningSubgraph;
let databaseStopped = false;

beforeAll(async () => {
  database = await startEmbeddedMongo({ port: 0 });
  const config = loadOrdersConfig({
    ...testKeyEnvironment,
    ...queues.env,
    NODE_ENV: 'production',
    ORDERS_PORT: '0',
    ORDERS_MONGODB_URI: `${database.uri}/orders`,
  });
  service = await startOrdersService(config, {
    logger: createLogger({ service: 'orders-test', level: 'silent' }),
  });
});

afterAll(async () => {
  await service?.stop();
  if (!databaseStopped) await database?.stop();
});

describe('orders service in production', () => {
  it('when an input is bad, then the error keeps its code and field but no stack trace', async () => {
    const response = await ordersClient(service.graphqlUrl).placeOrder(buildViewer(), {
      items: [],
    });

    expect(response.status).toBe(200);
    expect(response.body.errors).toEqual([
      {
        message: 'An order needs at least one item',
        path: ['placeOrder'],
        locations: expect.any(Array),
        extensions: { code: 'BAD_USER_INPUT', field: 'items' },
      },
    ]);
  });

  it('when the body is not JSON, then it answers 400 with a GraphQL-shaped error', async () => {
    const response = await fetch(service.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...internalTokenHeaders('orders', null) },
      body: '{"query": ',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        { message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } },
      ],
    });
  });

  it('when the database goes away, then /readyz fails, /healthz stays up and errors reveal nothing', async () => {
    const client = ordersClient(service.graphqlUrl);
    const placed = await client.placeOrder(buildViewer(), buildPlaceOrderInput());
    expect(placed.body.errors).toBeUndefined();

    await database.stop();
    databaseStopped = true;

    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, checks: { database: 'failing' } });
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);

    const response = await subgraphRequest(
      'orders',
      service.graphqlUrl,
      'mutation { cancelOrder(id: "65a000000000000000000001") { id } }',
      { headers: internalTokenHeaders('orders', { userId: 'u1', role: 'ADMIN' }) },
    );
    expect(response.body.errors).toEqual([
      {
        message: 'Internal server error',
        path: ['cancelOrder'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
  }, 30_000);
});
