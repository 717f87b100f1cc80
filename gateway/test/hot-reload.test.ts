import { writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@fedshop/logger';
import { graphqlRequest, type GraphQLResponse } from '@fedshop/testing';
import {
  accountsTypeDefsWithoutNickname,
  startAccountsSubgraph,
} from './fixtures/accounts-subgraph.js';
import type { FixtureSubgraph } from './fixtures/fixture-subgraph.js';
import { startReviewsSubgraph } from './fixtures/reviews-subgraph.js';
import { composeFixtures, startTestGateway, type TestGateway } from './fixtures/test-gateway.js';

const nicknames = '{ users { id nickname } }';

let accounts: FixtureSubgraph;
let reviews: FixtureSubgraph;
let gateway: TestGateway;
const logger = createLogger({ service: 'gateway', level: 'silent' });
// Observed, not replaced: the gateway logs through the real logger.
const loggedErrors = vi.spyOn(logger, 'error');

beforeAll(async () => {
  [accounts, reviews] = await Promise.all([startAccountsSubgraph(), startReviewsSubgraph()]);
  gateway = await startTestGateway(
    composeFixtures([accounts, reviews], { accounts: accountsTypeDefsWithoutNickname }),
    {},
    logger,
  );
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([accounts?.stop(), reviews?.stop()]);
});

const rejectedReloads = () =>
  loggedErrors.mock.calls.filter(([, message]) => String(message).includes('does not load')).length;

/** Polls until `check` holds or the deadline passes. */
async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await delay(50);
}

/** Polls until `accept` holds or the deadline passes; returns the last response. */
async function pollQuery(
  query: string,
  accept: (response: GraphQLResponse) => boolean,
  timeoutMs = 5_000,
): Promise<GraphQLResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await graphqlRequest(gateway.graphqlUrl, query);
    if (accept(response) || Date.now() > deadline) return response;
    await delay(50);
  }
}

describe('supergraph hot reload', () => {
  it('when the supergraph file gains a field, then the field is served without a restart', async () => {
    const before = await graphqlRequest(gateway.graphqlUrl, nicknames);
    expect(before.status).toBe(400);
    expect(before.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    await writeFile(gateway.supergraphPath, composeFixtures([accounts, reviews]));

    const after = await pollQuery(nicknames, (response) => response.status === 200);
    expect(after.body).toEqual({
      data: {
        users: [
          { id: 'u1', nickname: 'ada' },
          { id: 'u2', nickname: 'amazing-grace' },
        ],
      },
    });
  });

  it('when the file is replaced by a broken supergraph, then the previous schema keeps serving', async () => {
    await writeFile(gateway.supergraphPath, 'schema { query: Query');
    await waitFor(() => rejectedReloads() === 1);
    expect(rejectedReloads()).toBe(1);
    const whileBroken = await graphqlRequest(gateway.graphqlUrl, nicknames);
    expect(whileBroken.status).toBe(200);
    expect(whileBroken.body.data?.users).toHaveLength(2);

    // Valid SDL that is not a supergraph is rejected too.
    await writeFile(gateway.supergraphPath, 'type Query { hello: String }');
    await waitFor(() => rejectedReloads() === 2);
    expect(rejectedReloads()).toBe(2);
    const notSupergraph = await graphqlRequest(gateway.graphqlUrl, nicknames);
    expect(notSupergraph.status).toBe(200);
    expect(notSupergraph.body.data?.users).toHaveLength(2);

    // A good file afterwards is picked up again.
    await writeFile(
      gateway.supergraphPath,
      composeFixtures([accounts, reviews], { accounts: accountsTypeDefsWithoutNickname }),
    );
    const restored = await pollQuery(nicknames, (response) => response.status === 400);
    expect(restored.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
