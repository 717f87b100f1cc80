import { connectDatabase, type RunningSubgraph } from '@fedshop/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '@fedshop/embedded-mongo';
import { createMemoryLogger } from '@fedshop/logger';
import { subgraphRequest } from '@fedshop/testing';
import { loadUsersConfig, startUsersService } from '@fedshop/users';
import { buildSignUpInput, buildUsersEnv } from './factories.js';
import { signUpMutation } from './operations.js';

// This file stops its database on purpose, so it owns an embedded server even when
// TEST_MONGODB_URI points the other suites at a shared real one.
let mongo: EmbeddedMongo;
let service: RunningSubgraph;
const logs = createMemoryLogger({ service: 'users', level: 'info' });

beforeAll(async () => {
  mongo = await startEmbeddedMongo({ port: 0 });
  const config = loadUsersConfig(
    buildUsersEnv({ NODE_ENV: 'production', USERS_MONGODB_URI: `${mongo.uri}/users_production` }),
  );
  service = await startUsersService(config, { logger: logs.logger });
});

afterAll(async () => {
  await service?.stop();
  await mongo?.stop();
});

describe('in production mode', () => {
  it('when no admin credentials are configured, then start-up seeds no account', async () => {
    const connection = await connectDatabase({
      uri: `${mongo.uri}/users_production`,
      logger: createMemoryLogger({ service: 'users-test', level: 'silent' }).logger,
    });
    try {
      expect(await connection.db!.collection('users').countDocuments()).toBe(0);
    } finally {
      await connection.close();
    }
    expect(logs.lines().join('\n')).not.toContain('admin account seeded');
  });

  it('when a client asks for the schema, then introspection is refused', async () => {
    const { body } = await subgraphRequest(
      'users',
      service.graphqlUrl,
      '{ __schema { types { name } } }',
    );
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('when a sign-up fails validation, then the error carries its code and field only (no stack)', async () => {
    const { body } = await subgraphRequest('users', service.graphqlUrl, signUpMutation, {
      variables: { input: buildSignUpInput({ email: 'nope' }) },
    });
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'email' });
  });

  it('when the database goes away, then /healthz stays 200 and /readyz turns 503', async () => {
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    await mongo.stop();
    const health = await fetch(`${service.url}/healthz`);
    const ready = await fetch(`${service.url}/readyz`);
    expect(health.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, checks: { database: 'failing' } });
  });
});
