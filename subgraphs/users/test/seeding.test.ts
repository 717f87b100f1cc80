import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { createLogger, createMemoryLogger } from '@fedshop/logger';
import { connectDatabase } from '@fedshop/subgraph-kit';
import {
  subgraphRequest,
  startTestDatabaseServer,
  type TestDatabaseServer,
} from '@fedshop/testing';
import { loadUsersConfig, seedAdmin, seedUsers, startUsersService } from '@fedshop/users';
import { buildSignUpInput, buildUsersEnv } from './factories.js';
import { logInMutation, signUpMutation } from './operations.js';

const logger = createLogger({ service: 'users', level: 'silent' });
let database: TestDatabaseServer;
const connections: Connection[] = [];

async function freshDatabase(prefix: string) {
  const uri = database.uniqueDatabaseUri(prefix);
  const connection = await connectDatabase({ uri, logger });
  connections.push(connection);
  return { uri, connection };
}

const usersIn = (connection: Connection) =>
  connection
    .collection('users')
    .find({}, { projection: { email: 1, role: 1 } })
    .toArray();

beforeAll(async () => {
  database = await startTestDatabaseServer();
});

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.close()));
  await database?.stop();
});

describe('seedAdmin', () => {
  it('when run twice, then one ADMIN exists and the second run changes nothing', async () => {
    const { connection } = await freshDatabase('users_seed');
    const credentials = { email: 'Root@Shop.Test', password: 'seeded-admin-password' };
    const logs = createMemoryLogger({ service: 'users' });

    const first = await seedAdmin({ connection, ...credentials, logger: logs.logger });
    const before = await usersIn(connection);
    const second = await seedAdmin({ connection, ...credentials, logger: logs.logger });
    const after = await usersIn(connection);

    expect(first).toEqual({ created: true });
    expect(second).toEqual({ created: false });
    expect(before).toEqual([expect.objectContaining({ email: 'root@shop.test', role: 'ADMIN' })]);
    expect(after).toEqual(before);
    // Worded and shaped like the products service's 'demo products seeded', on every run.
    const seeded = logs
      .lines()
      .map((line) => JSON.parse(line) as { msg: string; created?: boolean })
      .filter((line) => line.msg === 'admin account seeded')
      .map((line) => line.created);
    expect(seeded).toEqual([true, false]);
  });

  it('when seeding, then the password is stored as an argon2id hash and never logged', async () => {
    const { connection } = await freshDatabase('users_seed_hash');
    const logs = createMemoryLogger({ service: 'users' });
    await seedAdmin({
      connection,
      email: 'hash@shop.test',
      password: 'plain-admin-secret',
      logger: logs.logger,
    });
    const [stored] = await connection.collection('users').find({}).toArray();
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(stored)).not.toContain('plain-admin-secret');
    expect(logs.lines().join('\n')).toContain('admin account seeded');
    expect(logs.lines().join('\n')).not.toContain('plain-admin-secret');
  });
});

describe('seeding at start-up', () => {
  it('when the users collection is empty, then the configured admin is seeded and gets tokens of JWT_EXPIRES_IN', async () => {
    const { uri, connection } = await freshDatabase('users_start_seed');
    const env = buildUsersEnv({
      USERS_MONGODB_URI: uri,
      SEED_ADMIN_EMAIL: 'boss@shop.test',
      SEED_ADMIN_PASSWORD: 'boss-password-1',
      JWT_EXPIRES_IN: '15m',
    });
    const service = await startUsersService(loadUsersConfig(env), { logger });
    try {
      const { body } = await subgraphRequest<{
        logIn: { token: string; user: { role: string } };
      }>('users', service.graphqlUrl, logInMutation, {
        variables: { email: 'boss@shop.test', password: 'boss-password-1' },
      });
      expect(body.data?.logIn.user.role).toBe('ADMIN');
      const token = body.data!.logIn.token;
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
        iat: number;
        exp: number;
      };
      expect(claims.exp - claims.iat).toBe(15 * 60);
    } finally {
      await service.stop();
    }
    expect(await usersIn(connection)).toHaveLength(1);
  });

  it('when the collection already has users, then start-up seeds nothing', async () => {
    const { uri, connection } = await freshDatabase('users_start_noseed');
    const first = await startUsersService(
      loadUsersConfig(buildUsersEnv({ USERS_MONGODB_URI: uri })),
      {
        logger,
      },
    );
    // The development admin was seeded; now a customer exists too.
    await subgraphRequest('users', first.graphqlUrl, signUpMutation, {
      variables: { input: buildSignUpInput() },
    });
    await first.stop();

    const env = buildUsersEnv({
      USERS_MONGODB_URI: uri,
      SEED_ADMIN_EMAIL: 'another-admin@shop.test',
      SEED_ADMIN_PASSWORD: 'another-password',
    });
    const second = await startUsersService(loadUsersConfig(env), { logger });
    await second.stop();

    const emails = (await usersIn(connection)).map((user) => user.email);
    expect(emails).toHaveLength(2);
    expect(emails).not.toContain('another-admin@shop.test');
  });

  it('when production has no admin credentials, then seedUsers does nothing', async () => {
    const { uri, connection } = await freshDatabase('users_seed_prod');
    const config = loadUsersConfig(
      buildUsersEnv({ NODE_ENV: 'production', USERS_MONGODB_URI: uri }),
    );
    expect(await seedUsers(config, { logger })).toEqual({ created: false });
    expect(await usersIn(connection)).toEqual([]);
  });

  it('when seedUsers runs twice, then the admin exists once', async () => {
    const { uri, connection } = await freshDatabase('users_seed_script');
    const config = loadUsersConfig(buildUsersEnv({ USERS_MONGODB_URI: uri }));
    expect(await seedUsers(config, { logger })).toEqual({ created: true });
    expect(await seedUsers(config, { logger })).toEqual({ created: false });
    expect(await usersIn(connection)).toEqual([
      expect.objectContaining({ email: 'admin@fedshop.local', role: 'ADMIN' }),
    ]);
  });
});
