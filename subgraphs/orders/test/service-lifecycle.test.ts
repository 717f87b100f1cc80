import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOrders, type TestOrders } from './support/start-test-orders.js';

let orders: TestOrders;

beforeAll(async () => {
  orders = await startTestOrders();
});

afterAll(async () => {
  await orders?.stop();
});

describe('orders service', () => {
  it('when started on port 0, then it reports the bound address and GraphQL endpoint', () => {
    expect(orders.service.port).toBeGreaterThan(0);
    expect(orders.service.url).toBe(`http://127.0.0.1:${orders.service.port}`);
    expect(orders.service.graphqlUrl).toBe(`${orders.service.url}/graphql`);
  });

  it('when the database is up, then /healthz and /readyz answer 200', async () => {
    const health = await fetch(`${orders.service.url}/healthz`);
    const ready = await fetch(`${orders.service.url}/readyz`);

    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { database: 'ok' } });
  });

  it('when /metrics is scraped, then it serves Prometheus text labelled with the service', async () => {
    const response = await fetch(`${orders.service.url}/metrics`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('service="orders"');
  });
});
