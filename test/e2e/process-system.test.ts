import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  graphqlRequest,
  internalTokenHeaders,
  serviceTokenHeaders,
  startPrivateRedis,
  type PrivateRedis,
} from '@fedshop/testing';
import { startProcessSystem, type ProcessSystem } from '../support/process-system.js';

let redis: PrivateRedis;
let system: ProcessSystem | undefined;

beforeAll(async () => {
  redis = await startPrivateRedis();
  system = await startProcessSystem({ env: { REDIS_URL: redis.url } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
  await redis?.stop();
});

describe('the system as child processes (the commands npm start runs)', () => {
  it('when queried through the gateway process, then the demo catalogue answers', async () => {
    const response = await graphqlRequest<{
      products: { edges: { node: { name: string; priceCents: number } }[] };
    }>(system!.graphqlUrl, '{ products(first: 2) { edges { node { name priceCents } } } }');

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.products.edges.map(({ node }) => node)).toEqual([
      { name: 'Ceramic mug, 350 ml', priceCents: 1200 },
      { name: 'Organic cotton T-shirt (M)', priceCents: 2500 },
    ]);
  });

  it.each(['users', 'products', 'orders'] as const)(
    'when %s is called straight, with forged identity headers and no internal token, then it is 401 and nothing resolves',
    async (name) => {
      const url = system!.services.get(name)!.graphqlUrl;
      const forged = {
        'x-fedshop-user-id': '64b000000000000000000001',
        'x-fedshop-user-role': 'ADMIN',
      };
      for (const query of ['{ _service { sdl } }', '{ __typename }']) {
        const response = await graphqlRequest(url, query, { headers: forged });
        expect(response.status, query).toBe(401);
        expect(response.body.data, query).toBeUndefined();
        expect(response.body.errors?.[0]?.extensions?.code, query).toBe('UNAUTHENTICATED');
      }
    },
  );

  it('when an internal token for one subgraph is replayed to another, then it is refused; its own subgraph accepts it', async () => {
    const forOrders = internalTokenHeaders('orders', {
      userId: '64b000000000000000000001',
      role: 'ADMIN',
    });
    const replayed = await graphqlRequest(
      system!.services.get('users')!.graphqlUrl,
      '{ __typename }',
      {
        headers: forOrders,
      },
    );
    const own = await graphqlRequest(system!.services.get('orders')!.graphqlUrl, '{ __typename }', {
      headers: forOrders,
    });
    const gatewayCall = await graphqlRequest(
      system!.services.get('products')!.graphqlUrl,
      '{ _service { sdl } }',
      { headers: serviceTokenHeaders('products') },
    );

    expect(replayed.status).toBe(401);
    expect(own.body).toEqual({ data: { __typename: 'Query' } });
    expect(gatewayCall.status).toBe(200);
    expect(JSON.stringify(gatewayCall.body)).toContain('type Product');
  });

  it('when every process gets SIGTERM, then each exits with code 0 and says it stopped', async () => {
    const outputs = [...system!.services.values()].map((running) => running.output);
    const exits = await system!.stop();
    system = undefined;

    expect(exits.map(({ name }) => name)).toEqual(['gateway', 'orders', 'products', 'users']);
    expect(exits.map(({ exit }) => exit)).toEqual(exits.map(() => ({ code: 0, signal: null })));
    for (const output of outputs) expect(output()).toContain('"msg":"stopped"');
  });
});
