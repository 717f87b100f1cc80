import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
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
  // The documented defaults of the static limits; the cost limit is out of the way (a 12-level
  // walk of nested lists costs far more than MAX_OPERATION_COST and the budget allow: operation-cost.test.ts).
  gateway = await startTestGateway(composeFixtures([accounts, reviews]), {
    MAX_OPERATION_COST: '1000000000',
    RATE_LIMIT_POINTS: '1000000000',
  });
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([accounts?.stop(), reviews?.stop()]);
});

const subgraphCalls = () => accounts.requestCount() + reviews.requestCount();

/** `users { reviews { author { reviews { author ... } } } }`, `levels` fields deep. */
function nestedQuery(levels: number): string {
  let selection = 'id';
  for (let level = levels - 1; level >= 1; level -= 1) {
    const field = level === 1 ? 'users' : level % 2 === 0 ? 'reviews' : 'author';
    selection = `${field} { ${selection} }`;
  }
  return `{ ${selection} }`;
}

async function expectRejected(
  send: () => Promise<{ status: number; body: { errors?: { extensions?: object }[] } }>,
  limitName: string,
): Promise<void> {
  const before = subgraphCalls();
  const response = await send();
  expect(response.status).toBe(400);
  expect(response.body.errors?.[0]?.extensions).toMatchObject({
    code: 'OPERATION_TOO_COMPLEX',
    limitName,
  });
  expect(subgraphCalls()).toBe(before);
}

describe('static operation limits at their defaults', () => {
  it('when a query nests 20 levels, then 400 OPERATION_TOO_COMPLEX naming MAX_QUERY_DEPTH, no subgraph called', async () => {
    await expectRejected(
      () => graphqlRequest(gateway.graphqlUrl, nestedQuery(20)),
      'MAX_QUERY_DEPTH',
    );
  });

  it('when a query nests 12 levels (the default limit), then it runs', async () => {
    const response = await graphqlRequest(gateway.graphqlUrl, nestedQuery(12));
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('when a query has 31 aliases, then MAX_ALIASES is named', async () => {
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: users { id }`);
    await expectRejected(
      () => graphqlRequest(gateway.graphqlUrl, `{ ${aliases.join(' ')} }`),
      'MAX_ALIASES',
    );
  });

  it('when a query has 1,000 aliases, then it is rejected before any subgraph call', async () => {
    const aliases = Array.from({ length: 1000 }, (_, index) => `a${index}: users { id }`);
    const before = subgraphCalls();
    const response = await graphqlRequest(gateway.graphqlUrl, `{ ${aliases.join(' ')} }`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('OPERATION_TOO_COMPLEX');
    expect(subgraphCalls()).toBe(before);
  });

  it('when a query has 51 directives, then MAX_DIRECTIVES is named', async () => {
    const directives = Array.from({ length: 51 }, () => '@include(if: true)').join(' ');
    await expectRejected(
      () => graphqlRequest(gateway.graphqlUrl, `{ users { id ${directives} } }`),
      'MAX_DIRECTIVES',
    );
  });

  it('when a document of about 1 MB arrives, then MAX_QUERY_TOKENS is named', async () => {
    const query = `{ users { ${'id '.repeat(330_000)} } }`;
    expect(query.length).toBeGreaterThan(990_000);
    await expectRejected(() => graphqlRequest(gateway.graphqlUrl, query), 'MAX_QUERY_TOKENS');
  });

  it('when 100 operations are batched in one request, then MAX_BATCHED_OPERATIONS is named', async () => {
    const before = subgraphCalls();
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: 100 }, () => ({ query: '{ users { id } }' }))),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [
        {
          extensions: {
            code: 'OPERATION_TOO_COMPLEX',
            limitName: 'MAX_BATCHED_OPERATIONS',
            limit: 1,
          },
        },
      ],
    });
    expect(subgraphCalls()).toBe(before);
  });

  it("when Apollo Sandbox's full introspection query is sent, then it is answered", async () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    const response = await graphqlRequest<{ __schema: { queryType: { name: string } } }>(
      gateway.graphqlUrl,
      query,
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.__schema.queryType.name).toBe('Query');
  });
});
