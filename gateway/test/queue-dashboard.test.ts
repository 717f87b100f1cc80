import { randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger, type MemoryLogger } from '@fedshop/logger';
import {
  graphqlRequest,
  issueTestAccessToken,
  sharedRedisUrl,
  startPrivateRedis,
  startQueueTestScope,
  type PrivateRedis,
  type QueueTestScope,
} from '@fedshop/testing';
import { startAccountsSubgraph } from './fixtures/accounts-subgraph.js';
import type { FixtureSubgraph } from './fixtures/fixture-subgraph.js';
import { composeFixtures, startTestGateway, type TestGateway } from './fixtures/test-gateway.js';

let scope: QueueTestScope;
let prefix: string;
let accounts: FixtureSubgraph;
let gateway: TestGateway;
let memory: MemoryLogger;
let adminToken: string;
let customerToken: string;
let dashboard: string;

beforeAll(async () => {
  scope = startQueueTestScope();
  prefix = scope.prefix;
  accounts = await startAccountsSubgraph();
  memory = createMemoryLogger({ service: 'gateway', level: 'info' });
  gateway = await startTestGateway(
    composeFixtures([accounts]),
    { REDIS_URL: sharedRedisUrl, QUEUE_PREFIX: prefix, TRUSTED_PROXIES: '127.0.0.1,::1' },
    memory.logger,
  );
  dashboard = `${gateway.url}/admin/queues`;
  adminToken = await issueTestAccessToken({ userId: 'admin-1', role: 'ADMIN' });
  customerToken = await issueTestAccessToken({ userId: 'customer-1', role: 'CUSTOMER' });
});

afterAll(async () => {
  await gateway?.stop();
  await accounts?.stop();
  await scope?.cleanup();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function openSession(token = adminToken): Promise<string> {
  const response = await fetch(`${dashboard}/session`, { method: 'POST', headers: bearer(token) });
  expect(response.status).toBe(204);
  return cookieOf(response);
}

function cookieOf(response: Response): string {
  const setCookie = response.headers.get('set-cookie') ?? '';
  const pair = setCookie.split(';')[0] ?? '';
  expect(pair).toMatch(/^fedshop_admin_session=.+/);
  return pair;
}

function auditLines(action: string): Array<Record<string, unknown>> {
  return memory
    .lines()
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => (line.audit as { action?: string } | undefined)?.action === action);
}

describe('queue dashboard access', () => {
  it('when anonymous, then the API is 401 and a browser is sent to the sign-in page', async () => {
    const api = await fetch(`${dashboard}/api/queues`);
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await api.json()) as { errors: { extensions: unknown }[] }).errors[0]).toEqual({
      message: expect.stringContaining('ADMIN'),
      extensions: { code: 'UNAUTHENTICATED' },
    });

    const page = await fetch(`${dashboard}/`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/queues/session');
    expect(await page.text()).not.toContain('fedshop queues');
  });

  it('when the bearer token is a customer, forged or expired, then it is refused', async () => {
    const customer = await fetch(`${dashboard}/api/queues`, { headers: bearer(customerToken) });
    expect(customer.status).toBe(403);
    expect(((await customer.json()) as { errors: { extensions: unknown }[] }).errors[0]).toEqual(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    );

    const forged = await fetch(`${dashboard}/api/queues`, { headers: bearer(`${adminToken}x`) });
    expect(forged.status).toBe(401);
    const expired = await issueTestAccessToken(
      { userId: 'admin-1', role: 'ADMIN' },
      { lifetime: '-1m' },
    );
    expect((await fetch(`${dashboard}/api/queues`, { headers: bearer(expired) })).status).toBe(401);
  });

  it('when an admin presents a bearer token, then the board and its API are served', async () => {
    const api = await fetch(`${dashboard}/api/queues`, { headers: bearer(adminToken) });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string }[] };
    expect(queues.map(({ name }) => name).sort()).toEqual([
      'order-events',
      'release-stock',
      'reserve-stock',
      'stock-replies',
    ]);

    const page = await fetch(`${dashboard}/`, {
      headers: { ...bearer(adminToken), accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/"');
    expect(html).toContain('fedshop queues');
  });

  it('when an admin opens a session, then the cookie is HttpOnly, SameSite=Strict, scoped to the dashboard and serves it', async () => {
    const response = await fetch(`${dashboard}/session`, {
      method: 'POST',
      headers: bearer(adminToken),
    });
    expect(response.status).toBe(204);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/admin\/queues(;|$)/);
    expect(setCookie).not.toMatch(/Secure/i);
    const maxAge = Number(/Max-Age=(\d+)/i.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(900);
    const cookie = cookieOf(response);

    const api = await fetch(`${dashboard}/api/queues`, { headers: { cookie } });
    expect(api.status).toBe(200);
    const page = await fetch(`${dashboard}/`, { headers: { cookie, accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('fedshop queues');
  });

  it('when a trusted proxy says the client came over HTTPS, then the cookie is Secure', async () => {
    const response = await fetch(`${dashboard}/session`, {
      method: 'POST',
      headers: { ...bearer(adminToken), 'x-forwarded-proto': 'https' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('when a customer asks for a session, or the cookie is tampered with, then there is none', async () => {
    const customer = await fetch(`${dashboard}/session`, {
      method: 'POST',
      headers: bearer(customerToken),
    });
    expect(customer.status).toBe(403);
    expect(customer.headers.get('set-cookie')).toBeNull();

    const cookie = await openSession();
    const tampered = `${cookie.slice(0, -3)}abc`;
    expect((await fetch(`${dashboard}/api/queues`, { headers: { cookie: tampered } })).status).toBe(
      401,
    );
    // An access token is not a session either.
    const token = `fedshop_admin_session=${adminToken}`;
    expect((await fetch(`${dashboard}/api/queues`, { headers: { cookie: token } })).status).toBe(
      401,
    );
  });

  it('when the sign-in form is posted from the dashboard, then a session opens; from elsewhere, it is refused', async () => {
    const page = await fetch(`${dashboard}/session`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post" action="/admin/queues/session">');

    const body = new URLSearchParams({ token: adminToken }).toString();
    const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
    const signedIn = await fetch(`${dashboard}/session`, {
      method: 'POST',
      headers: { ...form, origin: gateway.url },
      body,
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/admin/queues/');
    const cookie = cookieOf(signedIn);
    expect((await fetch(`${dashboard}/api/queues`, { headers: { cookie } })).status).toBe(200);

    const crossSite = await fetch(`${dashboard}/session`, {
      method: 'POST',
      headers: { ...form, origin: 'https://evil.example' },
      body,
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();

    const ended = await fetch(`${dashboard}/session/end`, {
      method: 'POST',
      headers: { ...form, origin: gateway.url, cookie },
      redirect: 'manual',
    });
    expect(ended.status).toBe(303);
    expect(ended.headers.get('set-cookie')).toMatch(
      /fedshop_admin_session=;.*Expires=Thu, 01 Jan 1970/,
    );
  });
});

describe('the session cookie at /graphql', () => {
  it('when the cookie is sent to /graphql, then the caller is anonymous and the cookie goes no further', async () => {
    const cookie = await openSession();
    const response = await graphqlRequest<{ receivedHeaders: { name: string; value: string }[] }>(
      gateway.graphqlUrl,
      '{ receivedHeaders { name value } }',
      { headers: { cookie } },
    );
    expect(response.status).toBe(200);
    const headers = response.body.data?.receivedHeaders ?? [];
    expect(headers.map(({ name }) => name)).not.toContain('cookie');
    const internal = headers.find(({ name }) => name === 'authorization')?.value ?? '';
    const claims = decodeJwt(internal.replace(/^Bearer /, ''));
    expect(claims.role).toBe('ANONYMOUS');
    expect(claims.sub).toBe('anonymous');
  });

  it('when the session token is presented as a bearer token at /graphql, then it is 401', async () => {
    const session = (await openSession()).split('=')[1]!;
    const response = await graphqlRequest(gateway.graphqlUrl, '{ users { id } }', {
      headers: bearer(session),
    });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('dashboard headers', () => {
  it('when any dashboard answer is sent, refusals included, then it forbids framing and carries the CSP', async () => {
    const answers = await Promise.all([
      fetch(`${dashboard}/`, { headers: { ...bearer(adminToken), accept: 'text/html' } }),
      fetch(`${dashboard}/api/queues`, { headers: bearer(adminToken) }),
      fetch(`${dashboard}/api/queues`),
      fetch(`${dashboard}/session`),
    ]);
    for (const answer of answers) {
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      const csp = answer.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('x-powered-by')).toBeNull();
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
    // The scripts the page loads are served under the same policy.
    const html = await answers[0]!.text();
    const script = /<script defer src="([^"]+)"/.exec(html)?.[1];
    const asset = await fetch(`${dashboard}/${script}`, { headers: bearer(adminToken) });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('dashboard actions', () => {
  let queue: Queue;
  let connection: Redis;

  beforeAll(async () => {
    connection = new Redis(sharedRedisUrl, { maxRetriesPerRequest: null });
    queue = new Queue('reserve-stock', { connection, prefix });
  });

  afterAll(async () => {
    await queue?.close();
    connection?.disconnect();
  });

  /** A job that fails for good (one attempt), as an exhausted one would. */
  async function failedJob(): Promise<string> {
    const job = await queue.add('reserve', { v: 1, probe: randomUUID() }, { attempts: 1 });
    const worker = new Worker(
      'reserve-stock',
      async () => {
        throw new UnrecoverableError('probe failure');
      },
      { connection: connection.duplicate(), prefix, autorun: false },
    );
    const failed = new Promise<void>((resolve) => worker.on('failed', () => resolve()));
    void worker.run();
    await failed;
    await worker.close();
    expect(await queue.getJobState(job.id!)).toBe('failed');
    return job.id!;
  }

  it('when an admin retries a failed job, then it is waiting again and the audit log says who, what and in which request', async () => {
    const jobId = await failedJob();
    const requestId = `retry-${randomUUID()}`;
    const response = await fetch(`${dashboard}/api/queues/reserve-stock/${jobId}/retry`, {
      method: 'PUT',
      headers: { ...bearer(adminToken), 'x-request-id': requestId },
    });
    expect(response.status).toBeLessThan(300);
    expect(['waiting', 'prioritized']).toContain(await queue.getJobState(jobId));

    const lines = auditLines('queues.retryJob').filter((line) => line.requestId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual(
      expect.objectContaining({
        msg: 'audit',
        requestId,
        time: expect.any(String),
        audit: {
          action: 'queues.retryJob',
          actor: { userId: 'admin-1', role: 'ADMIN' },
          targetId: `reserve-stock/${jobId}`,
          outcome: 'succeeded',
        },
      }),
    );
  });

  it('when a customer or an anonymous caller tries an action, then it is refused, nothing changes and the attempt is audited', async () => {
    const jobId = await failedJob();
    const customerRequest = `refused-${randomUUID()}`;
    const customer = await fetch(`${dashboard}/api/queues/reserve-stock/${jobId}/clean`, {
      method: 'PUT',
      headers: { ...bearer(customerToken), 'x-request-id': customerRequest },
    });
    expect(customer.status).toBe(403);
    const anonymous = await fetch(`${dashboard}/api/queues/reserve-stock/retry/failed`, {
      method: 'PUT',
    });
    expect(anonymous.status).toBe(401);
    expect(await queue.getJobState(jobId)).toBe('failed');

    expect(
      auditLines('queues.removeJob').find((line) => line.requestId === customerRequest)?.audit,
    ).toEqual({
      action: 'queues.removeJob',
      actor: { userId: 'customer-1', role: 'CUSTOMER' },
      targetId: `reserve-stock/${jobId}`,
      outcome: 'refused',
      code: 'FORBIDDEN',
    });
    expect(auditLines('queues.retryAll').at(-1)?.audit).toEqual(
      expect.objectContaining({ actor: null, outcome: 'refused', code: 'UNAUTHENTICATED' }),
    );
  });

  it('when a cookie-borne action does not come from the dashboard page, then it is refused (CSRF); from the page, it runs', async () => {
    const jobId = await failedJob();
    const cookie = await openSession();
    const url = `${dashboard}/api/queues/reserve-stock/${jobId}/retry`;
    const noOrigin = await fetch(url, { method: 'PUT', headers: { cookie } });
    expect(noOrigin.status).toBe(403);
    const crossSite = await fetch(url, {
      method: 'PUT',
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(await queue.getJobState(jobId)).toBe('failed');

    const fromPage = await fetch(url, {
      method: 'PUT',
      headers: { cookie, origin: gateway.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(fromPage.status).toBeLessThan(300);
    expect(['waiting', 'prioritized']).toContain(await queue.getJobState(jobId));
  });

  it('when an admin tries to edit job data, add a job or obliterate a queue, then it is off by policy', async () => {
    const jobId = await failedJob();
    const edit = await fetch(`${dashboard}/api/queues/reserve-stock/${jobId}/update-data`, {
      method: 'PATCH',
      headers: { ...bearer(adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({ data: { v: 1, orderId: 'someone-else' } }),
    });
    expect(edit.status).toBe(403);
    const add = await fetch(`${dashboard}/api/queues/reserve-stock/add`, {
      method: 'POST',
      headers: { ...bearer(adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', data: {} }),
    });
    expect(add.status).toBe(403);
    const obliterate = await fetch(`${dashboard}/api/queues/reserve-stock/obliterate`, {
      method: 'PUT',
      headers: bearer(adminToken),
    });
    expect(obliterate.status).toBe(403);
    expect((await queue.getJob(jobId))?.data).toEqual(expect.objectContaining({ v: 1 }));
    expect(await queue.getJobState(jobId)).toBe('failed');
    expect(auditLines('queues.updateJobData').at(-1)?.audit).toEqual(
      expect.objectContaining({ outcome: 'refused', actor: { userId: 'admin-1', role: 'ADMIN' } }),
    );
  });
});

describe('queue dashboard without Redis', () => {
  let redis: PrivateRedis;
  let degraded: TestGateway;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    degraded = await startTestGateway(composeFixtures([accounts]), {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      QUEUE_DASHBOARD_REDIS_TIMEOUT_MS: '300',
    });
  });

  afterAll(async () => {
    await degraded?.stop();
    await redis?.stop();
  });

  const api = () =>
    fetch(`${degraded.url}/admin/queues/api/queues`, { headers: bearer(adminToken) });

  it('when Redis is paused or stopped, then the dashboard answers 503 quickly and the gateway stays up and ready', async () => {
    // The dashboard's connection is made in the background at start-up.
    await expect
      .poll(async () => (await api()).status, { timeout: 10_000, interval: 50 })
      .toBe(200);

    redis.pause();
    try {
      const started = performance.now();
      const hung = await api();
      expect(hung.status).toBe(503);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      redis.resume();
    }

    await redis.stop();
    // The connection notices the close at once; the next request sees it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const down = await api();
    expect(down.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(((await down.json()) as { errors: { extensions: unknown }[] }).errors[0]).toEqual({
      message: expect.not.stringContaining('127.0.0.1'),
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 },
    });
    expect((await fetch(`${degraded.url}/readyz`)).status).toBe(200);
    const graphql = await graphqlRequest<{ users: { id: string }[] }>(
      degraded.graphqlUrl,
      '{ users { id } }',
    );
    expect(graphql.status).toBe(200);
    expect(graphql.body.data?.users.length).toBeGreaterThan(0);

    await redis.restart();
    await expect
      .poll(async () => (await api()).status, { timeout: 10_000, interval: 200 })
      .toBe(200);
  });
});
