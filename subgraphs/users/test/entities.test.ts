import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import type { Viewer } from '@fedshop/auth';
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
import {
  createNotificationRepository,
  createUserRepository,
  createUsersApp,
  loadUsersConfig,
} from '@fedshop/users';
import { createSessionRepository } from '../src/sessions/session-repository.js';
import { buildSignUpInput } from './factories.js';
import { entitiesQuery, entitiesWithEmailQuery, signUpMutation } from './operations.js';

interface EntityUser {
  id: string;
  name: string;
  email?: string;
  role?: string;
  createdAt?: string;
}

let database: TestDatabaseServer;
let connection: Connection;
let server: ListeningServer;
let stopApollo: () => Promise<void>;
let graphqlUrl: string;
/** Operations on the users collection, recorded through mongoose's per-connection debug hook. */
const userQueries: string[] = [];
const users: EntityUser[] = [];
const missingId = '0123456789abcdef01234567';

const representations = (ids: string[]) => ids.map((id) => ({ __typename: 'User', id }));

async function entities(query: string, ids: string[], viewer?: Viewer) {
  return subgraphRequest<{ _entities: (EntityUser | null)[] }>('users', graphqlUrl, query, {
    variables: { representations: representations(ids) },
    headers: internalTokenHeaders('users', viewer ?? null),
  });
}

beforeAll(async () => {
  database = await startTestDatabaseServer();
  const logger = createLogger({ service: 'users', level: 'silent' });
  connection = await connectDatabase({ uri: database.uniqueDatabaseUri('users_entities'), logger });
  connection.set('debug', (collection: string, method: string) => {
    if (collection === 'users') userQueries.push(method);
  });
  const { app, apollo } = await createUsersApp({
    repositories: {
      users: await createUserRepository(connection),
      sessions: await createSessionRepository(connection),
      notifications: await createNotificationRepository(connection),
    },
    config: loadUsersConfig({
      ...testKeyEnvironment,
      NODE_ENV: 'test',
      ...testKeyEnvironment,
    }),
    logger,
  });
  stopApollo = () => apollo.stop();
  server = await listen(app, 0, '127.0.0.1');
  graphqlUrl = `${server.url}/graphql`;
  for (let index = 0; index < 3; index += 1) {
    const { body } = await subgraphRequest<{ signUp: { user: EntityUser } }>(
      'users',
      graphqlUrl,
      signUpMutation,
      { variables: { input: buildSignUpInput({ name: `Entity ${index}` }) } },
    );
    users.push(body.data!.signUp.user);
  }
});

afterAll(async () => {
  await server?.close();
  await stopApollo?.();
  await connection?.close();
  await database?.stop();
});

describe('User entity references', () => {
  it('when several users are referenced, then they resolve in order with null for a missing id, in ONE query', async () => {
    const [first, second, third] = users as [EntityUser, EntityUser, EntityUser];
    userQueries.length = 0;

    const { body } = await entities(entitiesQuery, [
      third.id,
      first.id,
      missingId,
      'not-an-object-id',
      second.id,
      first.id,
    ]);

    expect(body.errors).toBeUndefined();
    const expected = (user: EntityUser) => ({
      id: user.id,
      name: user.name,
      role: 'CUSTOMER',
      createdAt: user.createdAt,
    });
    expect(body.data?._entities).toEqual([
      expected(third),
      expected(first),
      null,
      null,
      expected(second),
      expected(first),
    ]);
    expect(userQueries).toEqual(['find']);
  });

  it('when an anonymous caller asks for names, then names resolve', async () => {
    const [first] = users as [EntityUser];
    const { body } = await entities(entitiesQuery, [first.id]);
    expect(body.data?._entities).toEqual([expect.objectContaining({ name: first.name })]);
  });

  it('when another customer asks for the email, then that field is FORBIDDEN', async () => {
    const [first, second] = users as [EntityUser, EntityUser];
    const { body } = await entities(entitiesWithEmailQuery, [first.id], {
      userId: second.id,
      role: 'CUSTOMER',
    });
    expect(body.data?._entities).toEqual([null]);
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['_entities', 0, 'email'],
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
  });

  it('when the user themself or an admin asks for the email, then it is shown', async () => {
    const [first, second] = users as [EntityUser, EntityUser];
    const asSelf = await entities(entitiesWithEmailQuery, [first.id], {
      userId: first.id,
      role: 'CUSTOMER',
    });
    expect(asSelf.body).toEqual({
      data: {
        _entities: [{ id: first.id, name: first.name, email: expect.stringContaining('@') }],
      },
    });
    const asAdmin = await entities(entitiesWithEmailQuery, [first.id, second.id], {
      userId: missingId,
      role: 'ADMIN',
    });
    expect(asAdmin.body.errors).toBeUndefined();
    expect(asAdmin.body.data?._entities.map((user) => user?.email)).toEqual([
      expect.stringContaining('@'),
      expect.stringContaining('@'),
    ]);
  });

  it('when a user is referenced by an upper-case id, then it resolves like the lower-case one', async () => {
    const [user] = users;
    const { body } = await entities(entitiesQuery, [user!.id.toUpperCase(), user!.id]);
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities.map((entity) => entity?.id)).toEqual([user!.id, user!.id]);
  });

  it('when a representation id is not a string, then that entity fails with BAD_USER_INPUT naming id and the others resolve', async () => {
    const [user] = users;
    const { body } = await subgraphRequest<{ _entities: (EntityUser | null)[] }>(
      'users',
      graphqlUrl,
      entitiesQuery,
      {
        variables: {
          representations: [
            { __typename: 'User', id: [user!.id] },
            { __typename: 'User', id: user!.id },
          ],
        },
      },
    );
    expect(body.data?._entities.map((entity) => entity?.id ?? null)).toEqual([null, user!.id]);
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['_entities', 0],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'id' }),
      }),
    ]);
  });
});
