import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  graphqlRequest,
  startPrivateRedis,
  issueTestAccessToken,
  type PrivateRedis,
} from '@fedshop/testing';
import { startAccountsSubgraph } from './fixtures/accounts-subgraph.js';
import type { FixtureSubgraph } from './fixtures/fixture-subgraph.js';
import { startReviewsSubgraph } from './fixtures/reviews-subgraph.js';
import { composeFixtures, startTestGateway, type TestGateway } from './fixtures/test-gateway.js';

let accounts: FixtureSubgraph;
let reviews: FixtureSubgraph;
let redis: PrivateRedis;
let supergraph: string;
const started: TestGateway[] = [];

beforeAll(async () => {
  [accounts, reviews, redis] = await Promise.all([
    startAccountsSubgraph(),
    startReviewsSubgraph(),
    startPrivateRedis(),
  ]);
  supergraph = composeFixtures([accounts, reviews]);
});

afterAll(async () => {
  await Promise.all(started.map((gateway) => gateway.stop()));
  await Promise.all([accounts?.stop(), reviews?.stop(), redis?.stop()]);
});

async function gatewayWith(env: Record<string, string>): Promise<TestGateway> {
  const gateway = await startTestGateway(supergraph, { REDIS_URL: redis.url, ...env });
  started.push(gateway);
  return gateway;
}

// `{ __typename }` costs 0, so each request is charged the minimum: 1 point.
const cheap = '{ __typename }';

describe('per-caller budgets in Redis', () => {
  it('when a burst spends the budget, then 429 RATE_LIMITED with Retry-After, and allowed again after the window', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_POINTS: '3', RATE_LIMIT_WINDOW_SECONDS: '2' });
    const answers = [];
    for (let index = 0; index < 4; index += 1)
      answers.push(await graphqlRequest(gateway.graphqlUrl, cheap));

    expect(answers.map(({ status }) => status)).toEqual([200, 200, 200, 429]);
    expect(answers.map(({ headers }) => headers.get('ratelimit-policy'))).toEqual(
      Array(4).fill('"default";q=3;w=2'),
    );
    expect(answers.slice(0, 3).map(({ headers }) => headers.get('ratelimit'))).toEqual([
      expect.stringMatching(/^"default";r=2;t=[12]$/),
      expect.stringMatching(/^"default";r=1;t=[12]$/),
      expect.stringMatching(/^"default";r=0;t=[12]$/),
    ]);
    const refused = answers[3]!;
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 2).toBe(true);
    expect(refused.body.errors?.[0]?.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: retryAfter,
    });
    // Health and metrics are outside every limit.
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);

    await delay(retryAfter * 1000 + 100);
    expect((await graphqlRequest(gateway.graphqlUrl, cheap)).status).toBe(200);
  });

  it('when an operation costs points, then its cost is charged (users: 10 x 1 = 10 of 25)', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_POINTS: '25' });
    const first = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }');
    const second = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }');
    const third = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }');

    expect(first.headers.get('ratelimit')).toMatch(/^"default";r=15;/);
    expect(second.status).toBe(200);
    expect(third.status).toBe(429);
    expect(third.headers.get('ratelimit')).toMatch(/^"default";r=0;/);
  });

  it('when an operation costs more than the whole budget, then 400 OPERATION_TOO_COMPLEX', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_POINTS: '5' });
    const response = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }');
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_TOO_COMPLEX',
      cost: 10,
      limit: 5,
      limitName: 'RATE_LIMIT_POINTS',
    });
  });

  it('when an untrusted peer forges X-Forwarded-For, then it keeps its own key', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_POINTS: '2' });
    await graphqlRequest(gateway.graphqlUrl, cheap);
    await graphqlRequest(gateway.graphqlUrl, cheap);
    const forged = await graphqlRequest(gateway.graphqlUrl, cheap, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(forged.status).toBe(429);
  });

  it('when the peer is a trusted proxy, then the forwarded client has its own budget', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_POINTS: '2', TRUSTED_PROXIES: '127.0.0.1,::1' });
    const asClient = (client: string) =>
      graphqlRequest(gateway.graphqlUrl, cheap, { headers: { 'x-forwarded-for': client } });
    await asClient('203.0.113.9');
    await asClient('203.0.113.9');
    expect((await asClient('203.0.113.9')).status).toBe(429);
    expect((await asClient('203.0.113.10')).status).toBe(200);
    // One IPv6 subscriber (/64) is one caller.
    await asClient('2001:db8:1:2::a');
    await asClient('2001:db8:1:2::b');
    expect((await asClient('2001:db8:1:2:ffff::c')).status).toBe(429);
  });

  it("when the caller is signed in, then the budget is the user's, wherever they call from", async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_POINTS: '2' });
    const token = await issueTestAccessToken({ userId: 'u1', role: 'CUSTOMER' });
    const signedIn = () =>
      graphqlRequest(gateway.graphqlUrl, cheap, { headers: { authorization: `Bearer ${token}` } });
    await signedIn();
    await signedIn();
    expect((await signedIn()).status).toBe(429);
    // The anonymous budget of the same address is untouched.
    expect((await graphqlRequest(gateway.graphqlUrl, cheap)).status).toBe(200);
  });
});

describe('when Redis fails', () => {
  async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const start = performance.now();
    const result = await work();
    return { result, ms: performance.now() - start };
  }

  it('when Redis is paused, then fail open answers from the in-process limiter, fail closed 503, neither hangs', async () => {
    const open = await gatewayWith({ RATE_LIMIT_POINTS: '2' });
    const closed = await gatewayWith({ RATE_LIMIT_FAIL_MODE: 'closed' });
    redis.pause();
    try {
      const openAnswers = [];
      for (let index = 0; index < 3; index += 1) {
        openAnswers.push(await timed(() => graphqlRequest(open.graphqlUrl, cheap)));
      }
      const closedAnswer = await timed(() => graphqlRequest(closed.graphqlUrl, cheap));
      const ready = await fetch(`${open.url}/readyz`);

      expect(openAnswers.map(({ result }) => result.status)).toEqual([200, 200, 429]);
      expect(closedAnswer.result.status).toBe(503);
      expect(closedAnswer.result.headers.get('retry-after')).toBe('1');
      expect(closedAnswer.result.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      for (const { ms } of [...openAnswers, closedAnswer]) expect(ms).toBeLessThan(1_500);
      expect(ready.status).toBe(200);
      const metrics = await (await fetch(`${open.url}/metrics`)).text();
      expect(metrics).toMatch(/gateway_rate_limit_store_errors_total\{mode="open"[^}]*\} [1-9]/);
    } finally {
      redis.resume();
    }
  });

  it('when Redis is stopped, then the same, and counting returns to Redis when it is back', async () => {
    const open = await gatewayWith({ RATE_LIMIT_POINTS: '100' });
    const closed = await gatewayWith({ RATE_LIMIT_FAIL_MODE: 'closed' });
    await redis.stop();
    try {
      const openAnswer = await timed(() => graphqlRequest(open.graphqlUrl, cheap));
      const closedAnswer = await timed(() => graphqlRequest(closed.graphqlUrl, cheap));
      expect(openAnswer.result.status).toBe(200);
      expect(closedAnswer.result.status).toBe(503);
      expect(openAnswer.ms).toBeLessThan(1_500);
      expect(closedAnswer.ms).toBeLessThan(1_500);
    } finally {
      await redis.restart();
    }
    // ioredis reconnects in the background; the closed gateway serves again once it has.
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await graphqlRequest(closed.graphqlUrl, cheap)).status;
      if (status !== 200) await delay(200);
    }
    expect(status).toBe(200);
  });
});
