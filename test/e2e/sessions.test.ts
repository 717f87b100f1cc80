import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@fedshop/testing';
import {
  buildSignUp,
  startFedshopSystem,
  testAdmin,
  type FedshopSystem,
} from '../support/fedshop-system.js';

// Sessions through the gateway, as a client holds them: short access tokens (2 s here, and
// no clock skew at the gateway, so "expired" is observable) renewed with refresh tokens.

interface Session {
  token: string;
  refreshToken: string;
  expiresAt: string;
  user: { id: string; role: string };
}

const payload = 'token refreshToken expiresAt user { id role }';
const accessTokenSeconds = 2;

let system: FedshopSystem;
let url: string;

beforeAll(async () => {
  system = await startFedshopSystem({
    usersEnv: { ACCESS_TOKEN_TTL: `${accessTokenSeconds}s` },
    gatewayEnv: { CLOCK_SKEW_SECONDS: '0' },
  });
  url = system.gateway.graphqlUrl;
});

afterAll(async () => {
  await system?.stop();
});

const bearer = (session: Session) => ({ authorization: `Bearer ${session.token}` });

async function signUp(): Promise<Session> {
  const { body } = await graphqlRequest<{ signUp: Session }>(
    url,
    `mutation ($input: SignUpInput!) { signUp(input: $input) { ${payload} } }`,
    { variables: { input: buildSignUp() } },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.signUp;
}

async function logIn(credentials: { email: string; password: string }): Promise<Session> {
  const { body } = await graphqlRequest<{ logIn: Session }>(
    url,
    `mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { ${payload} } }`,
    { variables: credentials },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.logIn;
}

const refresh = (refreshToken: unknown) =>
  graphqlRequest<{ refreshSession: Session }>(
    url,
    `mutation ($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${payload} } }`,
    { variables: { refreshToken } },
  );

const logOut = (refreshToken: unknown, session: Session) =>
  graphqlRequest<{ logOut: boolean }>(
    url,
    'mutation ($refreshToken: String!) { logOut(refreshToken: $refreshToken) }',
    { variables: { refreshToken }, headers: bearer(session) },
  );

const setUserRole = (id: string, role: string, session: Session) =>
  graphqlRequest<{ setUserRole: { id: string; role: string } }>(
    url,
    'mutation ($id: ID!, $role: Role!) { setUserRole(id: $id, role: $role) { id role } }',
    { variables: { id, role }, headers: bearer(session) },
  );

const me = (session: Session) =>
  graphqlRequest<{ me: { id: string; role: string } | null }>(url, '{ me { id role } }', {
    headers: bearer(session),
  });

/** Every refusal of a refresh token looks the same. */
const codesOf = (body: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) =>
  body.errors?.map((error) => [error.message, error.extensions?.code]);
const refused = [['The refresh token is invalid or has expired', 'UNAUTHENTICATED']];

describe('sessions through the gateway', () => {
  it('when the access token expires, then the refresh token renews it', async () => {
    const session = await signUp();
    expect((await me(session)).body.data?.me?.id).toBe(session.user.id);
    await delay(accessTokenSeconds * 1000 + 1100);
    expect((await me(session)).status).toBe(401);

    const renewed = (await refresh(session.refreshToken)).body.data!.refreshSession;

    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.now());
    expect((await me(renewed)).body.data?.me).toEqual(session.user);
  });

  it('when a refresh token is reused after rotation, then the family is revoked: the newer one fails too', async () => {
    const session = await signUp();
    const next = (await refresh(session.refreshToken)).body.data!.refreshSession;

    expect(codesOf((await refresh(session.refreshToken)).body)).toEqual(refused);
    expect(codesOf((await refresh(next.refreshToken)).body)).toEqual(refused);
  });

  it('when a refresh token is used after logOut, then it is refused', async () => {
    const session = await signUp();
    expect((await logOut(session.refreshToken, session)).body).toEqual({ data: { logOut: true } });
    expect(codesOf((await refresh(session.refreshToken)).body)).toEqual(refused);
  });

  it("when a user logs out with another user's token, then it is refused and that session lives on", async () => {
    const victim = await signUp();
    const attacker = await signUp();
    expect(codesOf((await logOut(victim.refreshToken, attacker)).body)).toEqual(refused);
    expect((await refresh(victim.refreshToken)).body.errors).toBeUndefined();
  });

  it('when an admin is demoted, then their refresh tokens die and their rights end with the current access token', async () => {
    const root = await logIn(testAdmin);
    const credentials = buildSignUp();
    const signedUp = await graphqlRequest<{ signUp: Session }>(
      url,
      'mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } } }',
      { variables: { input: credentials } },
    );
    const userId = signedUp.body.data!.signUp.user.id;
    expect((await setUserRole(userId, 'ADMIN', root)).body.errors).toBeUndefined();
    const promoted = await logIn(credentials);
    expect(promoted.user.role).toBe('ADMIN');

    expect((await setUserRole(userId, 'CUSTOMER', root)).body).toEqual({
      data: { setUserRole: { id: userId, role: 'CUSTOMER' } },
    });

    expect(codesOf((await refresh(promoted.refreshToken)).body)).toEqual(refused);
    await delay(accessTokenSeconds * 1000 + 1100);
    expect((await setUserRole(userId, 'ADMIN', promoted)).status).toBe(401);
    const again = await logIn(credentials);
    expect(again.user.role).toBe('CUSTOMER');
    expect(
      (await setUserRole(userId, 'ADMIN', again)).body.errors?.map((e) => e.extensions?.code),
    ).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['garbage', 'garbage'],
    ['a JWT', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'],
    ['an unknown family', `${'Z'.repeat(22)}.${'Y'.repeat(43)}`],
  ])('when the refresh token is %s, then the same refusal', async (_case, token) => {
    const { status, body } = await refresh(token);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(codesOf(body)).toEqual(refused);
  });

  it.each([
    ['refreshSession', { $gt: '' }],
    ['refreshSession', { $where: 'true' }],
    ['logOut', { $ne: null }],
  ])(
    'when %s gets a NoSQL operator, then 400 BAD_USER_INPUT and nothing runs',
    async (field, value) => {
      const session = await signUp();
      const { status, body } =
        field === 'logOut' ? await logOut(value, session) : await refresh(value);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await refresh(session.refreshToken)).body.errors).toBeUndefined();
    },
  );
});
