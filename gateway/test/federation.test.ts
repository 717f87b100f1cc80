import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInternalTokenVerifier, generateKeySet, readPublicKeySet } from '@fedshop/auth';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@fedshop/logger';
import { graphqlRequest, issueTestAccessToken, testKeys } from '@fedshop/testing';
import { startAccountsSubgraph } from './fixtures/accounts-subgraph.js';
import type { FixtureSubgraph } from './fixtures/fixture-subgraph.js';
import { startReviewsSubgraph } from './fixtures/reviews-subgraph.js';
import { composeFixtures, startTestGateway, type TestGateway } from './fixtures/test-gateway.js';

const tokens = {
  issue: (viewer: { userId: string; role: 'ADMIN' | 'CUSTOMER' }) => issueTestAccessToken(viewer),
};
/** What a subgraph named `accounts` accepts: the gateway's internal token for it. */
const verifyForAccounts = createInternalTokenVerifier({
  keys: readPublicKeySet(testKeys.internal.publicFile, 'test internal keys'),
  audience: 'accounts',
});
const forged = { 'x-fedshop-user-id': 'u1', 'x-fedshop-user-role': 'ADMIN' };

async function internalIdentityIn(headers: Header[]) {
  const authorization = headerValue(headers, 'authorization') ?? '';
  expect(authorization).toMatch(/^Bearer /);
  return verifyForAccounts(authorization.slice('Bearer '.length));
}
const usersWithReviews = /* GraphQL */ `
  query UsersWithReviews {
    users {
      id
      name
      reviews {
        body
      }
    }
  }
`;
const receivedHeaders = /* GraphQL */ `
  query ReceivedHeaders {
    receivedHeaders {
      name
      value
    }
  }
`;

type Header = { name: string; value: string };
const headerValue = (headers: Header[], name: string) =>
  headers.find((header) => header.name === name)?.value;

let accounts: FixtureSubgraph;
let reviews: FixtureSubgraph;
let gateway: TestGateway;
const logger = createLogger({ service: 'gateway', level: 'silent' });
// Observed, not replaced: the gateway logs through the real logger.
const loggedWarnings = vi.spyOn(logger, 'warn');

beforeAll(async () => {
  [accounts, reviews] = await Promise.all([startAccountsSubgraph(), startReviewsSubgraph()]);
  // The supergraph names a dead URL for reviews; SUBGRAPH_URLS points the gateway at the
  // real one, as docker compose does with service host names.
  const supergraph = composeFixtures([accounts, { ...reviews, url: 'http://127.0.0.1:9/graphql' }]);
  gateway = await startTestGateway(
    supergraph,
    {
      SUBGRAPH_TIMEOUT_MS: '1000',
      CORS_ORIGINS: 'https://shop.example',
      SUBGRAPH_URLS: `reviews=${reviews.url},revews=http://127.0.0.1:9/graphql`,
    },
    logger,
  );
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([accounts?.stop(), reviews?.stop()]);
});

describe('federated queries', () => {
  it('when a query spans two subgraphs, then the gateway joins their data', async () => {
    const response = await graphqlRequest(gateway.graphqlUrl, usersWithReviews);

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      users: [
        {
          id: 'u1',
          name: 'Ada',
          reviews: [{ body: 'Works as described' }, { body: 'Fast delivery' }],
        },
        { id: 'u2', name: 'Grace', reviews: [{ body: 'Would buy again' }] },
      ],
    });
  });

  it('when SUBGRAPH_URLS names a subgraph the supergraph lacks, then a warning names it', () => {
    const warning = loggedWarnings.mock.calls.find(([, message]) =>
      String(message).includes('SUBGRAPH_URLS names a subgraph'),
    );

    expect(warning?.[0]).toMatchObject({ subgraph: 'revews' });
  });

  it('when a GET query carries the preflight header, then it is answered', async () => {
    const url = `${gateway.graphqlUrl}?query=${encodeURIComponent('{ users { id } }')}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { users: [{ id: 'u1' }, { id: 'u2' }] } });
  });

  it('when a subgraph fails with a code, then the code and the service name reach the client', async () => {
    const response = await graphqlRequest(
      gateway.graphqlUrl,
      '{ failWithCode(code: "NOT_FOUND") }',
    );

    expect(response.body.errors?.[0]).toMatchObject({
      message: 'failed with NOT_FOUND',
      extensions: { code: 'NOT_FOUND', serviceName: 'accounts' },
    });
  });
});

describe('identity forwarding', () => {
  it('when the token is valid, then the subgraph receives an internal token for it carrying the caller, not the client token', async () => {
    const token = await tokens.issue({ userId: 'u1', role: 'ADMIN' });

    const response = await graphqlRequest<{ receivedHeaders: Header[] }>(
      gateway.graphqlUrl,
      receivedHeaders,
      { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'trace-identity-1' } },
    );

    const headers = response.body.data?.receivedHeaders ?? [];
    expect(response.status).toBe(200);
    expect(await internalIdentityIn(headers)).toEqual({
      viewer: { userId: 'u1', role: 'ADMIN' },
      service: false,
      requestId: 'trace-identity-1',
      clientIp: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(headerValue(headers, 'x-request-id')).toBe('trace-identity-1');
    expect(JSON.stringify(headers)).not.toContain(token);
  });

  it('when a client sends identity headers itself, then they are not forwarded and change nothing', async () => {
    const token = await tokens.issue({ userId: 'u2', role: 'CUSTOMER' });

    const signedIn = await graphqlRequest<{ receivedHeaders: Header[] }>(
      gateway.graphqlUrl,
      receivedHeaders,
      { headers: { ...forged, authorization: `Bearer ${token}`, 'x-custom': 'client' } },
    );
    const anonymous = await graphqlRequest<{ receivedHeaders: Header[] }>(
      gateway.graphqlUrl,
      receivedHeaders,
      { headers: forged },
    );

    const signedInHeaders = signedIn.body.data?.receivedHeaders ?? [];
    expect((await internalIdentityIn(signedInHeaders)).viewer).toEqual({
      userId: 'u2',
      role: 'CUSTOMER',
    });
    expect(headerValue(signedInHeaders, 'x-custom')).toBeUndefined();
    expect(headerValue(signedInHeaders, 'x-fedshop-user-id')).toBeUndefined();
    const anonymousHeaders = anonymous.body.data?.receivedHeaders ?? [];
    expect((await internalIdentityIn(anonymousHeaders)).viewer).toBeNull();
    expect(headerValue(anonymousHeaders, 'x-fedshop-user-role')).toBeUndefined();
  });

  it('when the internal token for one subgraph is shown to another, then it is refused', async () => {
    const response = await graphqlRequest<{ receivedHeaders: Header[] }>(
      gateway.graphqlUrl,
      receivedHeaders,
    );
    const authorization = headerValue(response.body.data?.receivedHeaders ?? [], 'authorization')!;
    const verifyForReviews = createInternalTokenVerifier({
      keys: readPublicKeySet(testKeys.internal.publicFile, 'test internal keys'),
      audience: 'reviews',
    });

    await expect(verifyForReviews(authorization.slice('Bearer '.length))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'The internal token is invalid',
    });
  });
});

describe('authentication at the edge', () => {
  it('when no token is sent, then the request runs anonymously', async () => {
    const response = await graphqlRequest<{ receivedHeaders: Header[] }>(
      gateway.graphqlUrl,
      receivedHeaders,
      { headers: { authorization: '' } },
    );

    expect(response.status).toBe(200);
    const headers = response.body.data?.receivedHeaders ?? [];
    expect(headerValue(headers, 'x-request-id')).toBe(response.headers.get('x-request-id'));
    expect((await internalIdentityIn(headers)).viewer).toBeNull();
  });

  it('when the token is not a valid JWT, then 401 UNAUTHENTICATED without echoing it', async () => {
    const response = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }', {
      headers: { authorization: 'Bearer not-a-real-token-abc123' },
    });

    expect(response.status).toBe(401);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(response.body)).not.toContain('not-a-real-token-abc123');
  });

  it('when the token is signed with a key the users service does not publish, then 401 UNAUTHENTICATED', async () => {
    const { privateSet } = await generateKeySet(testKeys.token.kid);
    const dir = await mkdtemp(join(tmpdir(), 'fedshop-foreign-'));
    const privateFile = join(dir, 'keys.json');
    await writeFile(privateFile, JSON.stringify(privateSet));
    const token = await issueTestAccessToken({ userId: 'u1', role: 'ADMIN' }, { privateFile });

    const response = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }', {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('when the token has expired, then 401 UNAUTHENTICATED saying so', async () => {
    // Past the 30 s clock-skew tolerance.
    const token = await issueTestAccessToken(
      { userId: 'u1', role: 'CUSTOMER' },
      { lifetime: '-2m' },
    );

    const response = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }', {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.body.errors?.[0]?.message).toBe('The token has expired');
  });

  it('when the Authorization header is "Bearer" with no token, then 401 saying the token is missing', async () => {
    const response = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }', {
      headers: { authorization: 'Bearer ' },
    });

    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.body.errors?.[0]?.message).toBe('The token is missing');
  });

  it('when the Authorization header is not a bearer token, then 401 UNAUTHENTICATED', async () => {
    const response = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }', {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });

    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('rejected requests', () => {
  it('when the body is malformed JSON, then 400 with a JSON error', async () => {
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ users { id } ',
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({
      errors: [
        { message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } },
      ],
    });
  });

  it('when a field does not exist, then 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await graphqlRequest(gateway.graphqlUrl, '{ users { id password } }');

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toContain('password');
  });

  it('when a variable has the wrong type, then 400 BAD_USER_INPUT', async () => {
    const response = await graphqlRequest(
      gateway.graphqlUrl,
      'query User($id: ID!) { user(id: $id) { id } }',
      { variables: { id: { not: 'an id' } } },
    );

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('when a document has several operations and no operationName, then 400 naming the problem', async () => {
    const response = await graphqlRequest(
      gateway.graphqlUrl,
      'query A { users { id } } query B { users { name } }',
    );

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]).toMatchObject({
      message: 'Must provide operation name if query contains multiple operations.',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
    });
  });

  it('when operationName names no operation of the document, then 400 naming it', async () => {
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { users { id } }', operationName: 'B' }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [
        {
          message: 'Unknown operation named "B".',
          extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
        },
      ],
    });
  });
});

describe('CSRF prevention', () => {
  it('when a GET query has no preflight header, then 400 and nothing runs', async () => {
    const url = `${gateway.graphqlUrl}?query=${encodeURIComponent('{ users { id } }')}`;
    const response = await fetch(url);

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });

  it('when a text/plain POST has no preflight header, then 400', async () => {
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ users { id } }' }),
    });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(gateway.graphqlUrl, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });

  it('when Apollo Studio sends a preflight, then it is allowed with credentials', async () => {
    const response = await preflight('https://studio.apollographql.com');

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(
      'https://studio.apollographql.com',
    );
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('when a CORS_ORIGINS origin sends a preflight, then it is allowed', async () => {
    const response = await preflight('https://shop.example');

    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('when an unknown origin sends a preflight, then it is not allowed', async () => {
    const response = await preflight('https://evil.example');

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('subgraph outages', () => {
  it('when a subgraph is down, then partial data and an error naming it; back up, then whole again', async () => {
    await reviews.stop();
    try {
      const down = await graphqlRequest(gateway.graphqlUrl, usersWithReviews);

      expect(down.status).toBe(200);
      expect(down.body.data).toEqual({
        users: [
          { id: 'u1', name: 'Ada', reviews: null },
          { id: 'u2', name: 'Grace', reviews: null },
        ],
      });
      expect(down.body.errors).toHaveLength(1);
      expect(down.body.errors?.[0]).toMatchObject({
        message: 'The reviews service is unavailable',
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'reviews' },
      });
      expect(JSON.stringify(down.body)).not.toContain('127.0.0.1');
    } finally {
      await reviews.start();
    }

    const recovered = await graphqlRequest(gateway.graphqlUrl, usersWithReviews);
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.data?.users).toHaveLength(2);
  });

  it('when a subgraph answers later than SUBGRAPH_TIMEOUT_MS, then an error naming it', async () => {
    const started = Date.now();
    const response = await graphqlRequest(
      gateway.graphqlUrl,
      '{ users { id } slowReviews(delayMs: 5000) { id } }',
    );

    // Answered at the 1 s deadline, well before the subgraph's 5 s.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(response.body.data).toEqual({ users: [{ id: 'u1' }, { id: 'u2' }], slowReviews: null });
    expect(response.body.errors?.[0]).toMatchObject({
      message: 'The reviews service did not answer in time',
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'reviews' },
    });
  });
});

describe('service endpoints', () => {
  it('when the supergraph is loaded, then /readyz is 200 (Redis is degraded mode, not readiness)', async () => {
    const response = await fetch(`${gateway.url}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      checks: { supergraph: 'ok' },
    });
  });

  it('when /healthz and /metrics are asked, then they answer', async () => {
    const health = await fetch(`${gateway.url}/healthz`);
    const metrics = await fetch(`${gateway.url}/metrics`);

    expect(health.status).toBe(200);
    expect(await metrics.text()).toContain('http_request_duration_seconds');
  });
});
