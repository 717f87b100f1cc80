import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest, startPrivateRedis, type PrivateRedis } from '@fedshop/testing';
import { allServices } from '../../scripts/lib/services.js';
import { startProcessSystem, type ProcessSystem } from '../support/process-system.js';

const gatewaySpec = allServices.find(({ name }) => name === 'gateway')!;

let redis: PrivateRedis;
let system: ProcessSystem | undefined;

// `{ __typename }` needs no subgraph, so two gateway processes are the whole system here.
beforeAll(async () => {
  redis = await startPrivateRedis();
  system = await startProcessSystem({
    env: { REDIS_URL: redis.url, RATE_LIMIT_POINTS: '4', RATE_LIMIT_WINDOW_SECONDS: '60' },
    services: [gatewaySpec],
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
  await redis?.stop();
});

describe('one budget across gateway processes', () => {
  it('when one caller spreads requests over two gateway processes, then both spend one budget', async () => {
    const second = await system!.startExtra(gatewaySpec);
    const urls = [system!.graphqlUrl, second.graphqlUrl];
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const response = await graphqlRequest(urls[index % 2]!, '{ __typename }');
      statuses.push(response.status);
    }
    // Each process alone would have allowed 4; together they allowed 4 in all.
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  }, 60_000);
});
