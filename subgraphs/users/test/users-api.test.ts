import type { RunningSubgraph } from '@fedshop/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier, readPublicKeySet, type Viewer } from '@fedshop/auth';
import { createLocalJWKSet } from 'jose';
import { createMemoryLogger } from '@fedshop/logger';
import {
  subgraphRequest,
  startTestDatabaseServer,
  internalTokenHeaders,
  testKeys,
  type TestDatabaseServer,
} from '@fedshop/testing';
import { developmentAdmin, loadUsersConfig, startUsersService } from '@fedshop/users';
import { buildSignUpInput, buildUsersEnv, type SignUpInputData } from './factories.js';
import { logInMutation, meQuery, signUpMutation, userQuery } from './operations.js';

interface UserData {
  id: string;
  email: string;
  name: string;
  role: 'CUSTOMER' | 'ADMIN';
  createdAt: string;
}
interface AuthData {
  token: string;
  user: UserData;
}

/** The gateway's check of a client token, against the keys users publishes. */
const verifyAccessToken = createAccessTokenVerifier({
  keys: createLocalJWKSet(readPublicKeySet(testKeys.token.publicFile, 'test token keys')),
});

let database: TestDatabaseServer;
let service: RunningSubgraph;
const logs = createMemoryLogger({ service: 'users', level: 'trace' });
/** Every response body the suite saw, to prove no password ever leaves the service. */
const responses: string[] = [];
const passwordsUsed: string[] = [developmentAdmin.password];

async function send<T>(query: string, variables: Record<string, unknown>, viewer?: Viewer) {
  const response = await subgraphRequest<T>('users', service.graphqlUrl, query, {
    variables,
    headers: internalTokenHeaders('users', viewer ?? null),
  });
  responses.push(JSON.stringify(response.body));
  return response;
}

async function signUp(input: SignUpInputData = buildSignUpInput()) {
  passwordsUsed.push(input.password);
  return send<{ signUp: AuthData }>(signUpMutation, { input });
}

async function signUpOk(input?: SignUpInputData): Promise<AuthData> {
  const { body } = await signUp(input);
  expect(body.errors).toBeUndefined();
  return body.data!.signUp;
}

const viewerOf = (user: UserData): Viewer => ({ userId: user.id, role: user.role });

beforeAll(async () => {
  database = await startTestDatabaseServer();
  const config = loadUsersConfig(
    buildUsersEnv({ USERS_MONGODB_URI: database.uniqueDatabaseUri('users_api') }),
  );
  service = await startUsersService(config, { logger: logs.logger });
});

afterAll(async () => {
  await service?.stop();
  await database?.stop();
});

describe('signUp', () => {
  it('when the input is valid, then it creates a CUSTOMER and returns a token for it', async () => {
    const input = buildSignUpInput({
      email: '  New.Person@Example.TEST ',
      name: '  Ada Lovelace ',
    });
    const { token, user } = await signUpOk(input);

    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      email: 'new.person@example.test',
      name: 'Ada Lovelace',
      role: 'CUSTOMER',
      createdAt: expect.any(String),
    });
    expect(new Date(user.createdAt).toISOString()).toBe(user.createdAt);
    expect(Math.abs(Date.now() - Date.parse(user.createdAt))).toBeLessThan(60_000);
    const viewer = await verifyAccessToken(token);
    expect(viewer).toEqual({ userId: user.id, role: 'CUSTOMER' });
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      iat: number;
      exp: number;
    };
    expect(claims.exp - claims.iat).toBe(900); // ACCESS_TOKEN_TTL defaults to 15m
  });

  it('when the email is taken in another letter case, then it is BAD_USER_INPUT on email', async () => {
    const first = buildSignUpInput();
    await signUpOk(first);
    const { body } = await signUp(buildSignUpInput({ email: first.email.toUpperCase() }));
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'An account with this email already exists',
        extensions: { code: 'BAD_USER_INPUT', field: 'email' },
      }),
    ]);
  });

  it('when two sign-ups for one email race, then exactly one account is created', async () => {
    const input = buildSignUpInput();
    const results = await Promise.all([
      signUp(input),
      signUp({ ...input, email: input.email.toUpperCase() }),
      signUp({ ...input, email: ` ${input.email} ` }),
    ]);
    const created = results.filter(({ body }) => body.data?.signUp);
    const rejected = results.flatMap(({ body }) => body.errors ?? []);
    expect(created).toHaveLength(1);
    expect(rejected).toHaveLength(2);
    for (const error of rejected) {
      expect(error).toMatchObject({
        message: 'An account with this email already exists',
        extensions: { code: 'BAD_USER_INPUT', field: 'email' },
      });
    }
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['email', { email: 'two@@example.test' }],
    ['email', { email: `${'x'.repeat(250)}@example.test` }],
    ['password', { password: 'short12' }],
    ['password', { password: 'p'.repeat(129) }],
    ['name', { name: '   ' }],
    ['name', { name: 'n'.repeat(101) }],
  ])('when %s is invalid (%j), then it is BAD_USER_INPUT naming that field', async (field, bad) => {
    const { body } = await signUp(buildSignUpInput(bad));
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(body.errors?.[0]?.message).toMatch(new RegExp(field, 'i'));
  });

  it('when the password and name are at their length limits, then the account is created', async () => {
    const { user } = await signUpOk(
      buildSignUpInput({ password: 'p'.repeat(128), name: 'n'.repeat(100) }),
    );
    expect(user.name).toBe('n'.repeat(100));
  });
});

describe('logIn', () => {
  it('when the credentials match, then it returns a token and the user', async () => {
    const input = buildSignUpInput();
    const { user } = await signUpOk(input);
    const { body } = await send<{ logIn: AuthData }>(logInMutation, {
      email: input.email.toUpperCase(),
      password: input.password,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.logIn.user).toEqual(user);
    const viewer = await verifyAccessToken(body.data!.logIn.token);
    expect(viewer).toEqual({ userId: user.id, role: 'CUSTOMER' });
  });

  it('when the seeded admin logs in, then the token carries the ADMIN role', async () => {
    const { body } = await send<{ logIn: AuthData }>(logInMutation, developmentAdmin);
    expect(body.data?.logIn.user).toMatchObject({ email: developmentAdmin.email, role: 'ADMIN' });
    const viewer = await verifyAccessToken(body.data!.logIn.token);
    expect(viewer.role).toBe('ADMIN');
  });

  it('when the password is wrong or the email unknown, then both fail alike', async () => {
    const input = buildSignUpInput();
    await signUpOk(input);
    const wrongPassword = await send(logInMutation, {
      email: input.email,
      password: `${input.password}-wrong`,
    });
    const unknownEmail = await send(logInMutation, {
      email: `nobody-${input.email}`,
      password: input.password,
    });
    const expected = [
      expect.objectContaining({
        message: 'Invalid email or password',
        extensions: { code: 'UNAUTHENTICATED' },
      }),
    ];
    expect(wrongPassword.body.errors).toEqual(expected);
    expect(unknownEmail.body.errors).toEqual(expected);
    expect(wrongPassword.body.data).toBeNull();
    expect(unknownEmail.body.data).toBeNull();
  });
});

describe('me', () => {
  it('when identity headers name a user, then it returns that user', async () => {
    const { user } = await signUpOk();
    const { body } = await send<{ me: UserData }>(meQuery, {}, viewerOf(user));
    expect(body).toEqual({ data: { me: user } });
  });

  it('when the request is anonymous, then it is null', async () => {
    const { body } = await send<{ me: UserData | null }>(meQuery, {});
    expect(body).toEqual({ data: { me: null } });
  });
});

describe('user(id)', () => {
  let alice: UserData;
  let bob: UserData;
  let admin: Viewer;

  beforeAll(async () => {
    alice = (await signUpOk()).user;
    bob = (await signUpOk()).user;
    const { body } = await send<{ logIn: AuthData }>(logInMutation, developmentAdmin);
    admin = viewerOf(body.data!.logIn.user);
  });

  it('when the caller asks for themself, then it returns them', async () => {
    const { body } = await send<{ user: UserData }>(userQuery, { id: alice.id }, viewerOf(alice));
    expect(body).toEqual({ data: { user: alice } });
  });

  it('when the caller asks for themself by an upper-case id, then it returns them', async () => {
    const { body } = await send<{ user: UserData }>(
      userQuery,
      { id: alice.id.toUpperCase() },
      viewerOf(alice),
    );
    expect(body).toEqual({ data: { user: alice } });
  });

  it('when an admin asks for anyone, then it returns them', async () => {
    const { body } = await send<{ user: UserData }>(userQuery, { id: alice.id }, admin);
    expect(body).toEqual({ data: { user: alice } });
  });

  it('when a customer asks for someone else, then it is FORBIDDEN', async () => {
    const { body } = await send(userQuery, { id: alice.id }, viewerOf(bob));
    expect(body.data).toEqual({ user: null });
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['user'], extensions: { code: 'FORBIDDEN' } }),
    ]);
  });

  it('when a customer asks for an id that does not exist, then it is FORBIDDEN too (no probing)', async () => {
    const { body } = await send(userQuery, { id: '0123456789abcdef01234567' }, viewerOf(bob));
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('when the request is anonymous, then it is UNAUTHENTICATED', async () => {
    const { body } = await send(userQuery, { id: alice.id });
    expect(body.data).toEqual({ user: null });
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it.each([
    ['unknown', '0123456789abcdef01234567'],
    ['malformed', 'not-an-object-id'],
  ])('when an admin asks for an %s id, then it is null without an error', async (_kind, id) => {
    const { body } = await send(userQuery, { id }, admin);
    expect(body).toEqual({ data: { user: null } });
  });
});

describe('secrets', () => {
  it('when the suite has run, then no password appeared in any response or log line', () => {
    const logText = logs.lines().join('\n');
    const responseText = responses.join('\n');
    expect(responses.length).toBeGreaterThan(20);
    expect(logs.lines().length).toBeGreaterThan(0);
    for (const password of passwordsUsed) {
      expect(responseText).not.toContain(password);
      expect(logText).not.toContain(password);
    }
    expect(responseText).not.toContain('passwordHash');
    expect(responseText).not.toContain('$argon2');
    expect(logText).not.toContain('$argon2');
  });
});
