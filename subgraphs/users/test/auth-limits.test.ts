import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '@fedshop/subgraph-kit';
import {
  internalTokenHeaders,
  startPrivateRedis,
  startTestDatabaseServer,
  subgraphRequest,
  type PrivateRedis,
  type TestDatabaseServer,
} from '@fedshop/testing';
import { loadUsersConfig, startUsersService } from '@fedshop/users';
import { buildSignUpInput, buildUsersEnv, type SignUpInputData } from './factories.js';

// Password-guessing limits, counted per client address as the gateway's internal token
// states it (`ip`), in Redis with an in-memory insurance limiter.

const signUpMutation = `mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } } }`;
const logInMutation = `mutation ($email: String!, $password: String!) {
  logIn(email: $email, password: $password) { user { id } } }`;
const refreshMutation = `mutation ($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) { user { id } } }`;

let database: TestDatabaseServer;
let redis: PrivateRedis;
/** Loose per-address limit (100), 10 failures per email and address. */
let guarded: RunningSubgraph;
/** 3 attempts per address per minute. */
let tight: RunningSubgraph;
/** 3 per address, on a private Redis that the outage test pauses and stops. */
let fragile: RunningSubgraph;

beforeAll(async () => {
  [database, redis] = await Promise.all([startTestDatabaseServer(), startPrivateRedis()]);
  const start = (env: Record<string, string>) =>
    startUsersService(
      loadUsersConfig(
        buildUsersEnv({ USERS_MONGODB_URI: database.uniqueDatabaseUri('users'), ...env }),
      ),
    );
  [guarded, tight, fragile] = await Promise.all([
    start({ AUTH_RATE_LIMIT_POINTS: '100' }),
    start({ AUTH_RATE_LIMIT_POINTS: '3' }),
    start({ AUTH_RATE_LIMIT_POINTS: '3', REDIS_URL: redis.url }),
  ]);
});

afterAll(async () => {
  await Promise.all([guarded?.stop(), tight?.stop(), fragile?.stop()]);
  await Promise.all([database?.stop(), redis?.stop()]);
});

const from = (clientIp: string) => internalTokenHeaders('users', null, { clientIp });

const send = (service: RunningSubgraph, query: string, variables: object, clientIp: string) =>
  subgraphRequest('users', service.graphqlUrl, query, {
    variables: { ...variables },
    headers: from(clientIp),
  });

const outcome = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  body.errors?.[0]?.extensions?.code ?? 'OK';

async function signUp(service: RunningSubgraph, clientIp: string, input = buildSignUpInput()) {
  return send(service, signUpMutation, { input }, clientIp);
}

async function accountOn(service: RunningSubgraph, clientIp: string): Promise<SignUpInputData> {
  const input = buildSignUpInput();
  expect(outcome((await signUp(service, clientIp, input)).body)).toBe('OK');
  return input;
}

describe('failed log-ins per email and address', () => {
  it('when 30 wrong passwords are sent for one email, then after 10 every attempt is RATE_LIMITED, and the right password from another address still works', async () => {
    const account = await accountOn(guarded, '198.51.100.1');
    const outcomes: unknown[] = [];
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const { body } = await send(
        guarded,
        logInMutation,
        { email: account.email, password: `wrong-password-${attempt}` },
        '203.0.113.66',
      );
      outcomes.push(outcome(body));
    }

    expect(outcomes).toEqual([
      ...Array(10).fill('UNAUTHENTICATED'),
      ...Array(20).fill('RATE_LIMITED'),
    ]);
    // The same email from the attacker's address is locked, even with the right password…
    const locked = await send(guarded, logInMutation, account, '203.0.113.66');
    expect(locked.body.errors?.[0]?.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    const retryAfter = locked.body.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 900).toBe(true);
    // …but the owner, elsewhere, is not locked out.
    expect(outcome((await send(guarded, logInMutation, account, '192.0.2.10')).body)).toBe('OK');
  });

  it('when a log-in succeeds, then the failures before it are forgotten', async () => {
    const account = await accountOn(guarded, '198.51.100.2');
    const wrong = { email: account.email, password: 'not-the-password' };
    for (let attempt = 0; attempt < 9; attempt += 1) {
      await send(guarded, logInMutation, wrong, '203.0.113.70');
    }
    expect(outcome((await send(guarded, logInMutation, account, '203.0.113.70')).body)).toBe('OK');
    for (let attempt = 0; attempt < 9; attempt += 1) {
      expect(outcome((await send(guarded, logInMutation, wrong, '203.0.113.70')).body)).toBe(
        'UNAUTHENTICATED',
      );
    }
  });
});

describe('attempts per client address', () => {
  it('when one address signs up past the limit, then RATE_LIMITED, while another address may', async () => {
    const outcomes = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      outcomes.push(outcome((await signUp(tight, '198.51.100.50')).body));
    }
    expect(outcomes).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
    expect(outcome((await signUp(tight, '198.51.100.51')).body)).toBe('OK');
  });

  it('when the addresses are IPv6 in one /64, then they share one count', async () => {
    const outcomes = [];
    for (const host of ['1', '2', '3', 'ffff']) {
      outcomes.push(outcome((await signUp(tight, `2001:db8:aa:bb::${host}`)).body));
    }
    expect(outcomes).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
  });

  it('when log-ins and refreshes come from one address, then they count in the same limit', async () => {
    const ip = '198.51.100.60';
    const account = await accountOn(tight, ip);
    const outcomes = [
      outcome((await send(tight, logInMutation, account, ip)).body),
      outcome((await send(tight, refreshMutation, { refreshToken: 'garbage' }, ip)).body),
      outcome((await send(tight, refreshMutation, { refreshToken: 'garbage' }, ip)).body),
    ];
    expect(outcomes).toEqual(['OK', 'UNAUTHENTICATED', 'RATE_LIMITED']);
  });
});

describe('Redis unavailable', () => {
  it.each(['paused', 'stopped'] as const)(
    'when Redis is %s, then the in-memory insurance limiter applies at once, without hanging',
    async (state) => {
      const ip = state === 'paused' ? '198.51.100.90' : '198.51.100.91';
      if (state === 'paused') redis.pause();
      else await redis.stop();
      try {
        const started = performance.now();
        const outcomes = [];
        for (let attempt = 0; attempt < 4; attempt += 1) {
          outcomes.push(outcome((await signUp(fragile, ip)).body));
        }
        expect(outcomes).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
        // Three argon2 hashes and a few 100 ms command timeouts, never a wait for Redis.
        expect(performance.now() - started).toBeLessThan(5_000);
      } finally {
        if (state === 'paused') redis.resume();
        else await redis.restart();
      }
    },
  );
});
