import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { createLogger } from '@fedshop/logger';
import { listen, type ListeningServer } from '@fedshop/service-kit';
import { connectDatabase } from '@fedshop/subgraph-kit';
import {
  subgraphRequest,
  startTestDatabaseServer,
  internalTokenHeaders,
  testKeyEnvironment,
  type TestDatabaseServer,
} from '@fedshop/testing';
import { createAccessTokenIssuer, readPrivateKeySet, signingKeyOf } from '@fedshop/auth';
import {
  createNotificationRepository,
  createUserRepository,
  createUsersApp,
  loadUsersConfig,
} from '@fedshop/users';
import { createPasswordHasher, type PasswordHasher } from '../src/users/password-hasher.js';
import { createFailFastRedis } from '@fedshop/rate-limits';
import { createAuthLimits } from '../src/limits/auth-limits.js';
import { createSessionRepository } from '../src/sessions/session-repository.js';
import { createSessionService } from '../src/sessions/session-service.js';
import { createUsersService } from '../src/users/users-service.js';
import { buildSignUpInput, buildUsersEnv } from './factories.js';
import { logInMutation, signUpMutation } from './operations.js';

const anonymous = internalTokenHeaders('users', null);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

describe('password hasher', () => {
  it('when no account matches, then verifyNothing costs about what a wrong-password verify costs', async () => {
    const hasher = createPasswordHasher();
    const stored = await hasher.hash('the-real-password');
    const wrong: number[] = [];
    const nothing: number[] = [];
    // Interleaved and in-process, so machine load hits both sides alike.
    for (let round = 0; round < 5; round += 1) {
      wrong.push(await timed(() => hasher.verify(stored, 'a-wrong-password')));
      nothing.push(await timed(() => hasher.verifyNothing('a-wrong-password')));
    }
    // Fastest runs: load from other suites only ever adds time. Skipping the dummy
    // verification makes the ratio about 0.001, so loose bounds still catch it.
    const ratio = Math.min(...nothing) / Math.min(...wrong);
    expect(ratio).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(4);
    expect(await hasher.verify(stored, 'the-real-password')).toBe(true);
    expect(await hasher.verifyNothing('the-real-password')).toBe(false);
  });
});

describe('logIn work per outcome', () => {
  let database: TestDatabaseServer;
  let connection: Connection;
  let server: ListeningServer;
  let stopApollo: () => Promise<void>;
  let graphqlUrl: string;
  const calls: string[] = [];

  beforeAll(async () => {
    database = await startTestDatabaseServer();
    const logger = createLogger({ service: 'users', level: 'silent' });
    connection = await connectDatabase({ uri: database.uniqueDatabaseUri('users_login'), logger });
    const real = createPasswordHasher();
    // Records which real method ran; behaviour is the real hasher's.
    const recording: PasswordHasher = {
      hash: (password) => real.hash(password),
      verify: (hash, password) => (calls.push('verify'), real.verify(hash, password)),
      verifyNothing: (password) => (calls.push('verifyNothing'), real.verifyNothing(password)),
    };
    const repository = await createUserRepository(connection);
    const sessionRepository = await createSessionRepository(connection);
    const signingKey = await signingKeyOf(
      readPrivateKeySet(testKeyEnvironment.TOKEN_SIGNING_KEYS_FILE, 'TOKEN_SIGNING_KEYS_FILE'),
      undefined,
      'TOKEN_SIGNING_KEYS_FILE',
    );
    const config = loadUsersConfig(buildUsersEnv());
    const redis = createFailFastRedis({ url: config.redisUrl, logger });
    const limits = createAuthLimits({ redis, logger, ...config.authLimits });
    const sessions = createSessionService({
      limits,
      repository: sessionRepository,
      users: repository,
      issueAccessToken: createAccessTokenIssuer({ signingKey }),
      refreshTokenTtlSeconds: 60,
    });
    const { app, apollo } = await createUsersApp({
      repositories: {
        users: repository,
        sessions: sessionRepository,
        notifications: await createNotificationRepository(connection),
      },
      config,
      logger,
      // The real service, with the recording hasher in place of the real one.
      services: {
        users: createUsersService({
          repository,
          hasher: recording,
          sessions,
          limits,
        }),
        sessions,
        closeClients: async () => redis.disconnect(),
      },
    });
    stopApollo = async () => {
      await apollo.stop();
      redis.disconnect();
    };
    server = await listen(app, 0, '127.0.0.1');
    graphqlUrl = `${server.url}/graphql`;
  });

  afterAll(async () => {
    await server?.close();
    await stopApollo?.();
    await connection?.close();
    await database?.stop();
  });

  it('when the email is unknown, then a password is still verified (against a dummy hash)', async () => {
    const input = buildSignUpInput();
    await subgraphRequest('users', graphqlUrl, signUpMutation, {
      variables: { input },
      headers: anonymous,
    });

    calls.length = 0;
    const wrong = await subgraphRequest('users', graphqlUrl, logInMutation, {
      headers: anonymous,
      variables: { email: input.email, password: 'not-the-password' },
    });
    const unknown = await subgraphRequest('users', graphqlUrl, logInMutation, {
      headers: anonymous,
      variables: { email: `unknown-${input.email}`, password: 'not-the-password' },
    });

    expect(calls).toEqual(['verify', 'verifyNothing']);
    expect(unknown.body.errors?.[0]).toMatchObject({
      message: 'Invalid email or password',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(unknown.body.errors).toEqual(wrong.body.errors);
  });
});
