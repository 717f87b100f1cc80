import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest, startPrivateRedis, type PrivateRedis } from '@fedshop/testing';
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

  it('when every process gets SIGTERM, then each exits with code 0 and says it stopped', async () => {
    const outputs = [...system!.services.values()].map((running) => running.output);
    const exits = await system!.stop();
    system = undefined;

    expect(exits.map(({ name }) => name)).toEqual(['gateway', 'orders', 'products', 'users']);
    expect(exits.map(({ exit }) => exit)).toEqual(exits.map(() => ({ code: 0, signal: null })));
    for (const output of outputs) expect(output()).toContain('"msg":"stopped"');
  });
});
