import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@fedshop/testing';
import { startAccountsSubgraph } from './fixtures/accounts-subgraph.js';
import type { FixtureSubgraph } from './fixtures/fixture-subgraph.js';
import { startReviewsSubgraph } from './fixtures/reviews-subgraph.js';
import { composeFixtures, startTestGateway, type TestGateway } from './fixtures/test-gateway.js';

let accounts: FixtureSubgraph;
let reviews: FixtureSubgraph;
let gateway: TestGateway;

beforeAll(async () => {
  [accounts, reviews] = await Promise.all([startAccountsSubgraph(), startReviewsSubgraph()]);
  gateway = await startTestGateway(composeFixtures([accounts, reviews]), {
    GATEWAY_MAX_INFLIGHT: '2',
  });
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([accounts?.stop(), reviews?.stop()]);
});

describe('load shedding', () => {
  it('when more slow requests arrive than GATEWAY_MAX_INFLIGHT, then the excess gets 503 at once and health checks still answer', async () => {
    const slow = () => graphqlRequest(gateway.graphqlUrl, '{ slowReviews(delayMs: 1500) { id } }');
    const inflight = [slow(), slow()];
    // Let both reach the gateway before the excess arrives.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const start = performance.now();
    const excess = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }');
    const excessMs = performance.now() - start;
    const health = await fetch(`${gateway.url}/healthz`);
    const ready = await fetch(`${gateway.url}/readyz`);
    const accepted = await Promise.all(inflight);

    expect(excess.status).toBe(503);
    expect(excess.headers.get('retry-after')).toBe('1');
    expect(excess.body.errors?.[0]?.extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: 1,
    });
    // At once: long before the in-flight ones (1.5 s) finish, on a busy machine too.
    expect(excessMs).toBeLessThan(1_000);
    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(accepted.map(({ status }) => status)).toEqual([200, 200]);
    // Once they are done, requests are accepted again.
    expect((await graphqlRequest(gateway.graphqlUrl, '{ users { id } }')).status).toBe(200);
  });

  it('when EDGE_PROTECTION=off (benchmark only), then nothing is shed and no limit applies', async () => {
    const unprotected = await startTestGateway(composeFixtures([accounts, reviews]), {
      GATEWAY_MAX_INFLIGHT: '1',
      MAX_ALIASES: '1',
      EDGE_PROTECTION: 'off',
    });
    try {
      const answers = await Promise.all([
        graphqlRequest(unprotected.graphqlUrl, '{ slowReviews(delayMs: 300) { id } }'),
        graphqlRequest(unprotected.graphqlUrl, '{ a: users { id } b: users { id } }'),
      ]);
      expect(answers.map(({ status }) => status)).toEqual([200, 200]);
      expect(answers[1]?.body.data?.b).toHaveLength(2);
      expect(answers[1]?.headers.get('ratelimit')).toBeNull();
    } finally {
      await unprotected.stop();
    }
  });
});
