import { setTimeout as delay } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@fedshop/auth';
import type { RunningSubgraph } from '@fedshop/subgraph-kit';
import {
  subgraphRequest,
  startTestDatabaseServer,
  type TestDatabaseServer,
} from '@fedshop/testing';
import { developmentAdmin, loadUsersConfig, startUsersService } from '@fedshop/users';
import { invalidRefreshTokenMessage } from '../src/sessions/session-service.js';
import { buildSignUpInput, buildUsersEnv } from './factories.js';
import { as } from './viewers.js';

interface Session {
  token: string;
  refreshToken: string;
  expiresAt: string;
  user: { id: string; email: string; role: string };
}

const payload = 'token refreshToken expiresAt user { id email role }';
const signUpMutation = `mutation ($input: SignUpInput!) { signUp(input: $input) { ${payload} } }`;
const logInMutation = `mutation ($email: String!, $password: String!) {
  logIn(email: $email, password: $password) { ${payload} } }`;
const refreshMutation = `mutation ($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) { ${payload} } }`;
const logOutMutation = `mutation ($refreshToken: String!) { logOut(refreshToken: $refreshToken) }`;
const setRoleMutation = `mutation ($id: ID!, $role: Role!) { setUserRole(id: $id, role: $role) { id role } }`;

let database: TestDatabaseServer;
let service: RunningSubgraph;
let shortLived: RunningSubgraph;
let shortLivedUri: string;

async function send<T>(
  target: RunningSubgraph,
  query: string,
  variables: Record<string, unknown>,
  viewer: Viewer | null = null,
) {
  return subgraphRequest<T>('users', target.graphqlUrl, query, {
    variables,
    headers: as(viewer),
  });
}

async function signUp(target = service): Promise<Session> {
  const { body } = await send<{ signUp: Session }>(target, signUpMutation, {
    input: buildSignUpInput(),
  });
  expect(body.errors).toBeUndefined();
  return body.data!.signUp;
}

const refresh = (refreshToken: unknown, target = service) =>
  send<{ refreshSession: Session }>(target, refreshMutation, { refreshToken });

const viewerOf = (session: Session): Viewer => ({
  userId: session.user.id,
  role: session.user.role as Viewer['role'],
});

/** The one answer every refresh token that does not refresh gets. */
const refused = {
  data: null,
  errors: [
    {
      message: invalidRefreshTokenMessage,
      path: ['refreshSession'],
      locations: expect.any(Array),
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ],
};

beforeAll(async () => {
  database = await startTestDatabaseServer();
  shortLivedUri = database.uniqueDatabaseUri('users_short');
  [service, shortLived] = await Promise.all([
    startUsersService(
      loadUsersConfig(buildUsersEnv({ USERS_MONGODB_URI: database.uniqueDatabaseUri('users') })),
    ),
    startUsersService(
      loadUsersConfig(
        buildUsersEnv({
          USERS_MONGODB_URI: shortLivedUri,
          REFRESH_TOKEN_TTL: '1s',
          SESSION_SWEEP_MS: '100',
        }),
      ),
    ),
  ]);
});

afterAll(async () => {
  await Promise.all([service?.stop(), shortLived?.stop()]);
  await database?.stop();
});

describe('refreshSession', () => {
  it('when a fresh refresh token is used, then a new access token and the next refresh token come back', async () => {
    const session = await signUp();
    expect(session.refreshToken).toMatch(/^[\w-]{22}\.[\w-]{43}$/);
    // 15 minutes by default.
    const lifetime = Date.parse(session.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);

    const { body } = await refresh(session.refreshToken);

    expect(body.errors).toBeUndefined();
    const next = body.data!.refreshSession;
    expect(next.user).toEqual(session.user);
    expect(next.token).not.toBe(session.token);
    // Same session (family), new secret.
    expect(next.refreshToken.split('.')[0]).toBe(session.refreshToken.split('.')[0]);
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect((await refresh(next.refreshToken)).body.errors).toBeUndefined();
  });

  it('when a spent refresh token is used again, then it is refused and the whole session is revoked', async () => {
    const session = await signUp();
    const next = (await refresh(session.refreshToken)).body.data!.refreshSession;

    expect((await refresh(session.refreshToken)).body).toEqual(refused);
    // The newer token, possibly the thief's, is dead too.
    expect((await refresh(next.refreshToken)).body).toEqual(refused);
  });

  it('when two refreshes race with one token, then one wins and the loser revokes the session', async () => {
    const session = await signUp();
    const answers = await Promise.all([
      refresh(session.refreshToken),
      refresh(session.refreshToken),
    ]);
    const won = answers.filter(({ body }) => body.errors === undefined);
    const lost = answers.filter(({ body }) => body.errors !== undefined);
    expect([won.length, lost.length]).toEqual([1, 1]);
    expect(lost[0]!.body).toEqual(refused);
    expect((await refresh(won[0]!.body.data!.refreshSession.refreshToken)).body).toEqual(refused);
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['empty', ''],
    ['well-formed but unknown', `${'A'.repeat(22)}.${'B'.repeat(43)}`],
    ['64 KB long', 'x'.repeat(65_536)],
  ])('when the token is %s, then the same UNAUTHENTICATED answer', async (_case, token) => {
    expect((await refresh(token)).body).toEqual(refused);
  });

  it('when a NoSQL operator is sent as the token, then GraphQL refuses it before anything runs', async () => {
    const { status, body } = await refresh({ $ne: '' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('when the refresh token has expired, then it is refused, and the sweeper deletes the session', async () => {
    const session = await signUp(shortLived);
    await delay(1_100);
    expect((await refresh(session.refreshToken, shortLived)).body).toEqual(refused);

    const client = await MongoClient.connect(shortLivedUri);
    try {
      const sessions = client.db().collection('sessions');
      const familyId = session.refreshToken.split('.')[0];
      // SESSION_SWEEP_MS is 100 here; bounded poll.
      for (let attempt = 0; attempt < 50; attempt += 1) {
        if ((await sessions.countDocuments({ _id: familyId as never })) === 0) break;
        await delay(100);
      }
      expect(await sessions.countDocuments({ _id: familyId as never })).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('when the service starts, then the sessions carry a TTL index, which the embedded store accepts', async () => {
    const client = await MongoClient.connect(shortLivedUri);
    try {
      const indexes = await client.db().collection('sessions').indexes();
      expect(indexes).toContainEqual(
        expect.objectContaining({
          name: 'expires_ttl',
          key: { expiresAt: 1 },
          expireAfterSeconds: 0,
        }),
      );
    } finally {
      await client.close();
    }
  });
});

describe('logOut', () => {
  it('when the caller logs out, then that session refreshes no more and another of theirs still does', async () => {
    const input = buildSignUpInput();
    const session = (await send<{ signUp: Session }>(service, signUpMutation, { input })).body.data!
      .signUp;
    const other = (
      await send<{ logIn: Session }>(service, logInMutation, {
        email: input.email,
        password: input.password,
      })
    ).body.data!.logIn;

    const { body } = await send(
      service,
      logOutMutation,
      { refreshToken: session.refreshToken },
      viewerOf(session),
    );

    expect(body).toEqual({ data: { logOut: true } });
    expect((await refresh(session.refreshToken)).body).toEqual(refused);
    expect((await refresh(other.refreshToken)).body.errors).toBeUndefined();
    // Logging out twice: the session is no longer live, so the same refusal.
    const again = await send(
      service,
      logOutMutation,
      { refreshToken: session.refreshToken },
      viewerOf(session),
    );
    expect(again.body.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      [invalidRefreshTokenMessage, 'UNAUTHENTICATED'],
    ]);
  });

  it("when the token is another user's, then it is refused like garbage and their session lives on", async () => {
    const victim = await signUp();
    const attacker = await signUp();

    const { body } = await send(
      service,
      logOutMutation,
      { refreshToken: victim.refreshToken },
      viewerOf(attacker),
    );

    expect(body).toEqual({ ...refused, errors: [{ ...refused.errors[0], path: ['logOut'] }] });
    expect((await refresh(victim.refreshToken)).body.errors).toBeUndefined();
  });

  it('when the caller is anonymous, then UNAUTHENTICATED and nothing is revoked', async () => {
    const session = await signUp();
    const { body } = await send(service, logOutMutation, { refreshToken: session.refreshToken });
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await refresh(session.refreshToken)).body.errors).toBeUndefined();
  });
});

describe('setUserRole', () => {
  it("when an admin changes a user's role, then all that user's sessions end and the next log-in carries the new role", async () => {
    const input = buildSignUpInput();
    const first = (await send<{ signUp: Session }>(service, signUpMutation, { input })).body.data!
      .signUp;
    const second = (
      await send<{ logIn: Session }>(service, logInMutation, {
        email: input.email,
        password: input.password,
      })
    ).body.data!.logIn;
    const admin = (await send<{ logIn: Session }>(service, logInMutation, developmentAdmin)).body
      .data!.logIn;

    const { body } = await send(
      service,
      setRoleMutation,
      { id: first.user.id, role: 'ADMIN' },
      viewerOf(admin),
    );

    expect(body).toEqual({ data: { setUserRole: { id: first.user.id, role: 'ADMIN' } } });
    expect((await refresh(first.refreshToken)).body).toEqual(refused);
    expect((await refresh(second.refreshToken)).body).toEqual(refused);
    const again = await send<{ logIn: Session }>(service, logInMutation, {
      email: input.email,
      password: input.password,
    });
    expect(again.body.data?.logIn.user.role).toBe('ADMIN');
    // The admin's own session is untouched.
    expect((await refresh(admin.refreshToken)).body.errors).toBeUndefined();
  });

  it('when the user does not exist, then NOT_FOUND', async () => {
    const admin = (await send<{ logIn: Session }>(service, logInMutation, developmentAdmin)).body
      .data!.logIn;
    const { body } = await send(
      service,
      setRoleMutation,
      { id: '0123456789abcdef01234567', role: 'ADMIN' },
      viewerOf(admin),
    );
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('when the role is not a Role, then GraphQL refuses it', async () => {
    const customer = await signUp();
    const { status } = await send(
      service,
      setRoleMutation,
      { id: customer.user.id, role: { $ne: 'CUSTOMER' } },
      viewerOf(customer),
    );
    expect(status).toBe(400);
  });
});
