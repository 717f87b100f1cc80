import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@fedshop/testing';
import { startAccountsSubgraph } from './fixtures/accounts-subgraph.js';
import type { FixtureSubgraph } from './fixtures/fixture-subgraph.js';
import { startReviewsSubgraph } from './fixtures/reviews-subgraph.js';
import { composeFixtures, startTestGateway, type TestGateway } from './fixtures/test-gateway.js';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let accounts: FixtureSubgraph;
let reviews: FixtureSubgraph;
let gateway: TestGateway;

beforeAll(async () => {
  [accounts, reviews] = await Promise.all([startAccountsSubgraph(), startReviewsSubgraph()]);
  gateway = await startTestGateway(composeFixtures([accounts, reviews]), {
    NODE_ENV: 'production',
    REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
  });
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([accounts?.stop(), reviews?.stop()]);
});

describe('a production gateway', () => {
  it('when Redis cannot be reached, then the gateway stays ready and queries still work (fail open)', async () => {
    const ready = await fetch(`${gateway.url}/readyz`);
    const query = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }');

    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { supergraph: 'ok' } });
    expect(query.body.data).toEqual({ users: [{ id: 'u1' }, { id: 'u2' }] });
  });

  it('when introspection is asked, then it is refused', async () => {
    const response = await graphqlRequest(gateway.graphqlUrl, '{ __schema { types { name } } }');

    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('when a field is misspelt, then the error suggests no name', async () => {
    const response = await graphqlRequest(gateway.graphqlUrl, '{ users { nam } }');

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toBe('Cannot query field "nam" on type "User".');
  });

  it('when a browser opens /graphql, then no Sandbox is served', async () => {
    const response = await fetch(gateway.graphqlUrl, { headers: { accept: 'text/html' } });
    const body = await response.text();

    // With the landing page disabled, a browser's GET is just a GraphQL request that CSRF
    // prevention refuses: a JSON error, never a page.
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body).not.toContain('<html');
    expect(JSON.parse(body)).toMatchObject({
      errors: [{ extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('when a subgraph fails unexpectedly, then the message is masked and has no stack', async () => {
    const response = await graphqlRequest(
      gateway.graphqlUrl,
      '{ failWithCode(code: "INTERNAL_SERVER_ERROR") }',
    );

    expect(response.body.errors?.[0]).toEqual({
      message: 'Internal server error',
      path: ['failWithCode'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('when a subgraph fails with a known code, then the code passes through', async () => {
    const response = await graphqlRequest(
      gateway.graphqlUrl,
      '{ failWithCode(code: "FORBIDDEN") }',
    );

    expect(response.body.errors?.[0]).toMatchObject({
      message: 'failed with FORBIDDEN',
      extensions: { code: 'FORBIDDEN', serviceName: 'accounts' },
    });
    expect(response.body.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
  });
});

describe('a development gateway', () => {
  it('when a browser opens /graphql, then Apollo Sandbox is served', async () => {
    const development = await startTestGateway(composeFixtures([accounts, reviews]), {
      NODE_ENV: 'development',
    });
    try {
      const response = await fetch(development.graphqlUrl, { headers: { accept: 'text/html' } });
      const introspection = await graphqlRequest(development.graphqlUrl, '{ __typename }');

      expect(await response.text()).toContain('sandbox');
      expect(introspection.body.data).toEqual({ __typename: 'Query' });
    } finally {
      await development.stop();
    }
  });
});
