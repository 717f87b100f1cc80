import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '@fedshop/logger';
import { graphqlRequest, issueTestAccessToken } from '@fedshop/testing';
import { startAccountsSubgraph } from './fixtures/accounts-subgraph.js';
import { startFaultProxy, type FaultProxy } from './fixtures/fault-proxy.js';
import type { FixtureSubgraph } from './fixtures/fixture-subgraph.js';
import { startReviewsSubgraph } from './fixtures/reviews-subgraph.js';
import { composeFixtures, startTestGateway, type TestGateway } from './fixtures/test-gateway.js';

// Each subgraph behind a fault proxy: a real HTTP hop that delays, holds, fails or floods.
let accounts: FixtureSubgraph;
let reviews: FixtureSubgraph;
let accountsProxy: FaultProxy;
let reviewsProxy: FaultProxy;
let supergraph: string;
const gateways: TestGateway[] = [];

beforeAll(async () => {
  [accounts, reviews] = await Promise.all([startAccountsSubgraph(), startReviewsSubgraph()]);
  [accountsProxy, reviewsProxy] = await Promise.all([
    startFaultProxy(accounts.url),
    startFaultProxy(reviews.url),
  ]);
  supergraph = composeFixtures([
    { ...accounts, url: accountsProxy.url },
    { ...reviews, url: reviewsProxy.url },
  ]);
});

afterEach(() => {
  accountsProxy.reset();
  reviewsProxy.reset();
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await Promise.all([accountsProxy?.stop(), reviewsProxy?.stop()]);
  await Promise.all([accounts?.stop(), reviews?.stop()]);
});

async function gatewayWith(env: Record<string, string>, logger = silent()): Promise<TestGateway> {
  const gateway = await startTestGateway(supergraph, env, logger);
  gateways.push(gateway);
  return gateway;
}

/** One subgraph's sample of a metric in the gateway's /metrics text (undefined when absent). */
async function metric(
  gateway: TestGateway,
  name: string,
  subgraph: string,
): Promise<number | undefined> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((each) => each.startsWith(`${name}{`) && each.includes(`subgraph="${subgraph}"`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

function silent() {
  return createMemoryLogger({ service: 'gateway', level: 'silent' }).logger;
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work;
  return { result, ms: performance.now() - start };
}

const reviewsFetches = (operation: 'query' | 'mutation') =>
  reviewsProxy.received().filter((fetch) => fetch.operation === operation).length;

describe('the request deadline', () => {
  it('when a subgraph sleeps, then the request answers by REQUEST_TIMEOUT_MS with the rest of its data', async () => {
    const gateway = await gatewayWith({ REQUEST_TIMEOUT_MS: '1500', SUBGRAPH_TIMEOUT_MS: '1000' });
    reviewsProxy.setMode({ kind: 'hold' });

    const { result, ms } = await timed(
      graphqlRequest(gateway.graphqlUrl, '{ users { id } slowReviews(delayMs: 0) { id } }'),
    );

    expect(result.body.data).toEqual({ users: [{ id: 'u1' }, { id: 'u2' }], slowReviews: null });
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors?.[0]).toMatchObject({
      message: 'The reviews service did not answer in time',
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'reviews' },
    });
    // The first attempt had 1 s, the retry what was left of the 1.5 s: never 2 x 1 s.
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(ms).toBeLessThan(2_500);
    expect(reviewsFetches('query')).toBe(2);
  });
});

describe('the circuit breaker', () => {
  it('when a subgraph keeps timing out, then its circuit opens and fails fast, then closes once it recovers', async () => {
    const gateway = await gatewayWith({
      SUBGRAPH_TIMEOUT_MS: '300',
      SUBGRAPH_MAX_ATTEMPTS: '1',
      CIRCUIT_BREAKER_THRESHOLD: '2',
      CIRCUIT_BREAKER_RESET_MS: '1000',
    });
    const reviewsQuery = () => graphqlRequest(gateway.graphqlUrl, '{ latestReviews { id } }');
    reviewsProxy.setMode({ kind: 'hold' });

    // Two attempts in a row find it not answering...
    for (let i = 0; i < 2; i += 1) {
      const { result, ms } = await timed(reviewsQuery());
      expect(result.body.errors?.[0]?.message).toBe('The reviews service did not answer in time');
      expect(ms).toBeGreaterThanOrEqual(290);
    }
    // ...so the next ones fail at once, without reaching it.
    const open = await timed(reviewsQuery());
    expect(open.result.body.errors?.[0]).toMatchObject({
      message: 'The reviews service is unavailable',
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'reviews' },
    });
    expect(open.ms).toBeLessThan(200);
    expect(reviewsFetches('query')).toBe(2);
    expect(await metric(gateway, 'gateway_subgraph_circuit_state', 'reviews')).toBe(2);
    expect(await metric(gateway, 'gateway_subgraph_circuit_opened_total', 'reviews')).toBe(1);

    // It recovers; after CIRCUIT_BREAKER_RESET_MS one probe goes through and closes the circuit.
    reviewsProxy.setMode({ kind: 'pass' });
    expect((await reviewsQuery()).body.errors?.[0]?.message).toBe(
      'The reviews service is unavailable',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const probe = await reviewsQuery();
    expect(probe.body.errors).toBeUndefined();
    expect(probe.body.data?.latestReviews).toHaveLength(3);
    const closed = await reviewsQuery();
    expect(closed.body.errors).toBeUndefined();
    expect(reviewsFetches('query')).toBe(4);
    expect(await metric(gateway, 'gateway_subgraph_circuit_state', 'reviews')).toBe(0);
    expect(await metric(gateway, 'gateway_subgraph_circuit_state', 'accounts')).toBe(0);
  });
});

describe('retries, sharing and the answer cap', () => {
  let gateway: TestGateway;
  const memory = createMemoryLogger({ service: 'gateway', level: 'info' });

  beforeAll(async () => {
    gateway = await gatewayWith(
      { SUBGRAPH_MAX_RESPONSE_BYTES: '65536', CIRCUIT_BREAKER_THRESHOLD: '100' },
      memory.logger,
    );
  });

  it('when a query fetch meets a 503 once, then it is retried and the answer is whole', async () => {
    reviewsProxy.setMode({ kind: 'status', status: 503, times: 1 });

    const response = await graphqlRequest(gateway.graphqlUrl, '{ latestReviews { id } }');

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      latestReviews: [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }],
    });
    expect(reviewsFetches('query')).toBe(2);
    expect(await metric(gateway, 'gateway_subgraph_retries_total', 'reviews')).toBe(1);
  });

  it('when a mutation fetch meets a 503, then it is sent once and the error names the service', async () => {
    reviewsProxy.setMode({ kind: 'status', status: 503, times: 1 });

    const response = await graphqlRequest(
      gateway.graphqlUrl,
      'mutation { addReview(authorId: "u1", body: "Sent once") { id } }',
    );

    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]).toMatchObject({
      message: 'The reviews service answered with HTTP 503',
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'reviews' },
    });
    expect(reviewsFetches('mutation')).toBe(1);
  });

  it("when a query fetch inside a mutation's plan meets a 503, then that fetch alone is retried", async () => {
    accountsProxy.setMode({ kind: 'status', status: 503, times: 1 });

    const response = await graphqlRequest(
      gateway.graphqlUrl,
      'mutation { addReview(authorId: "u2", body: "Joined") { body author { name } } }',
    );

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      addReview: { body: 'Joined', author: { name: 'Grace' } },
    });
    expect(reviewsFetches('mutation')).toBe(1);
    expect(accountsProxy.received().map(({ operation }) => operation)).toEqual(['query', 'query']);
  });

  it('when identical queries are in flight at once, then one fetch per caller serves them, and followers are logged', async () => {
    reviewsProxy.setMode({ kind: 'delay', ms: 400 });
    const ada = `Bearer ${await issueTestAccessToken({ userId: 'u1', role: 'CUSTOMER' })}`;
    const grace = `Bearer ${await issueTestAccessToken({ userId: 'u2', role: 'CUSTOMER' })}`;
    const ask = (authorization: string, requestId: string) =>
      graphqlRequest(gateway.graphqlUrl, '{ latestReviews { id body } }', {
        headers: { authorization, 'x-request-id': requestId },
      });

    const answers = await Promise.all([
      ask(ada, 'share-ada-1'),
      ask(ada, 'share-ada-2'),
      ask(ada, 'share-ada-3'),
      ask(grace, 'share-grace-1'),
    ]);

    for (const answer of answers) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.latestReviews).toHaveLength(3);
    }
    // Ada's three share one fetch; Grace's is her own (a different caller never shares).
    const fetches = reviewsProxy.received();
    expect(fetches).toHaveLength(2);
    expect(new Set(fetches.map(({ requestId }) => requestId?.split('-')[1]))).toEqual(
      new Set(['ada', 'grace']),
    );
    const shared = memory
      .lines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'subgraph fetch shared with an identical one in flight');
    const leader = fetches.find(({ requestId }) => requestId?.startsWith('share-ada'))?.requestId;
    expect(shared.map(({ requestId }) => requestId).sort()).toEqual(
      ['share-ada-1', 'share-ada-2', 'share-ada-3'].filter((id) => id !== leader),
    );
    expect(shared.every((line) => line.leaderRequestId === leader)).toBe(true);
    expect(shared.every((line) => line.serviceName === 'reviews')).toBe(true);
  });

  it('when a subgraph streams an answer past SUBGRAPH_MAX_RESPONSE_BYTES, then reading stops there and the error names it', async () => {
    reviewsProxy.setMode({ kind: 'endless' });

    const { result, ms } = await timed(
      graphqlRequest(gateway.graphqlUrl, '{ users { id } slowReviews(delayMs: 0) { id } }'),
    );

    expect(result.body.data).toEqual({ users: [{ id: 'u1' }, { id: 'u2' }], slowReviews: null });
    expect(result.body.errors?.[0]).toMatchObject({
      message: 'The reviews service answered more than the gateway accepts',
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'reviews' },
    });
    // Refused as the bytes came in: the endless answer was cut off, not read to a timeout.
    expect(ms).toBeLessThan(5_000);
    expect(reviewsProxy.streamedBytes()).toBeLessThan(10 * 1024 * 1024);
    // A deterministic refusal is not retried.
    expect(reviewsFetches('query')).toBe(1);
  });
});
