import type { Viewer } from '@fedshop/auth';
import type { RunningSubgraph } from '@fedshop/subgraph-kit';
import {
  subgraphRequest,
  startTestDatabaseServer,
  type TestDatabaseServer,
} from '@fedshop/testing';
import { developmentAdmin, loadUsersConfig, startUsersService } from '@fedshop/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignUpInput, buildUsersEnv } from './factories.js';
import { as } from './viewers.js';

// Who may use each root field and entity of the users subgraph, and who sees
// `User.email`, as written in the schema's `@auth` rules: a literal table, role by
// field, through HTTP.

type Role = 'anonymous' | 'customer' | 'other customer' | 'admin';
interface Account {
  id: string;
  email: string;
  name: string;
  password: string;
}

const operations = {
  me: `{ me { id email } }`,
  user: `query ($id: ID!) { user(id: $id) { id email } }`,
  signUp: `mutation ($input: SignUpInput!) { signUp(input: $input) { user { email } } }`,
  logIn: `mutation ($email: String!, $password: String!) {
    logIn(email: $email, password: $password) { user { id email } }
  }`,
  userEntity: `query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on User { id name } }
  }`,
  userEmail: `query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on User { id email } }
  }`,
  refreshSession: `mutation ($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) { user { id email } }
  }`,
  logOut: `mutation ($refreshToken: String!) { logOut(refreshToken: $refreshToken) }`,
  setUserRole: `mutation ($id: ID!) { setUserRole(id: $id, role: CUSTOMER) { id role } }`,
  _service: `{ _service { sdl } }`,
} as const;
type Field = keyof typeof operations;

let database: TestDatabaseServer;
let service: RunningSubgraph;
const accounts = {} as Record<'customer' | 'other customer' | 'admin', Account>;
const viewers = {} as Record<Role, Viewer | null>;

async function signUp(): Promise<Account> {
  const input = buildSignUpInput();
  const { body } = await subgraphRequest<{ signUp: { user: { id: string } } }>(
    'users',
    service.graphqlUrl,
    operations.signUp.replace('user { email }', 'user { id }'),
    { variables: { input } },
  );
  return { id: body.data!.signUp.user.id, ...input };
}

beforeAll(async () => {
  database = await startTestDatabaseServer();
  service = await startUsersService(
    loadUsersConfig(buildUsersEnv({ USERS_MONGODB_URI: database.uniqueDatabaseUri('users') })),
  );
  accounts.customer = await signUp();
  accounts['other customer'] = await signUp();
  const { body } = await subgraphRequest<{ logIn: { user: { id: string } } }>(
    'users',
    service.graphqlUrl,
    operations.logIn,
    { variables: developmentAdmin },
  );
  accounts.admin = { id: body.data!.logIn.user.id, name: 'Admin', ...developmentAdmin };
  viewers.anonymous = null;
  viewers.customer = { userId: accounts.customer.id, role: 'CUSTOMER' };
  viewers['other customer'] = { userId: accounts['other customer'].id, role: 'CUSTOMER' };
  viewers.admin = { userId: accounts.admin.id, role: 'ADMIN' };
});

/** A new session of `customer`'s, for the rows that spend or end one. */
async function freshRefreshToken(): Promise<string> {
  const { body } = await subgraphRequest<{ logIn: { refreshToken: string } }>(
    'users',
    service.graphqlUrl,
    `mutation ($email: String!, $password: String!) {
      logIn(email: $email, password: $password) { refreshToken }
    }`,
    { variables: { email: accounts.customer.email, password: accounts.customer.password } },
  );
  return body.data!.logIn.refreshToken;
}

afterAll(async () => {
  await service?.stop();
  await database?.stop();
});

type Expected = { data: unknown } | { data: unknown; code: string; path: (string | number)[] };

/** The table; `customer`'s account is the subject of `user(id)`, `logIn` and `_entities`. */
function table(): { role: Role; field: Field; expected: Expected }[] {
  const customer = accounts.customer;
  const own = (role: Exclude<Role, 'anonymous'>) => ({
    id: accounts[role].id,
    email: accounts[role].email,
  });
  const customerSeen = { id: customer.id, email: customer.email };
  const emailRefused = (path: (string | number)[]) => ({ code: 'FORBIDDEN', path });
  return [
    { role: 'anonymous', field: 'me', expected: { data: { me: null } } },
    { role: 'customer', field: 'me', expected: { data: { me: own('customer') } } },
    { role: 'other customer', field: 'me', expected: { data: { me: own('other customer') } } },
    { role: 'admin', field: 'me', expected: { data: { me: own('admin') } } },
    {
      role: 'anonymous',
      field: 'user',
      expected: { data: { user: null }, code: 'UNAUTHENTICATED', path: ['user'] },
    },
    { role: 'customer', field: 'user', expected: { data: { user: customerSeen } } },
    {
      role: 'other customer',
      field: 'user',
      expected: { data: { user: null }, code: 'FORBIDDEN', path: ['user'] },
    },
    { role: 'admin', field: 'user', expected: { data: { user: customerSeen } } },
    ...(['anonymous', 'customer', 'other customer', 'admin'] as const).flatMap((role) => [
      // Signing up answers with the new account, its email included, whoever asks.
      { role, field: 'signUp' as const, expected: { data: 'the new account' } },
      // Logging in answers with the account logged into, its email included.
      { role, field: 'logIn' as const, expected: { data: { logIn: { user: customerSeen } } } },
      {
        role,
        field: 'userEntity' as const,
        expected: { data: { _entities: [{ id: customer.id, name: customer.name }] } },
      },
    ]),
    {
      role: 'anonymous',
      field: 'userEmail',
      expected: { data: { _entities: [null] }, ...emailRefused(['_entities', 0, 'email']) },
    },
    { role: 'customer', field: 'userEmail', expected: { data: { _entities: [customerSeen] } } },
    {
      role: 'other customer',
      field: 'userEmail',
      expected: { data: { _entities: [null] }, ...emailRefused(['_entities', 0, 'email']) },
    },
    { role: 'admin', field: 'userEmail', expected: { data: { _entities: [customerSeen] } } },
    // A fresh refresh token of `customer` for each of these rows.
    ...(['anonymous', 'customer', 'other customer', 'admin'] as const).map((role) => ({
      role,
      field: 'refreshSession' as const,
      expected: { data: { refreshSession: { user: customerSeen } } },
    })),
    {
      role: 'anonymous',
      field: 'logOut',
      expected: { data: null, code: 'UNAUTHENTICATED', path: ['logOut'] },
    },
    { role: 'customer', field: 'logOut', expected: { data: { logOut: true } } },
    // Only the caller's own session: anyone else's token is refused as if unknown.
    {
      role: 'other customer',
      field: 'logOut',
      expected: { data: null, code: 'UNAUTHENTICATED', path: ['logOut'] },
    },
    {
      role: 'admin',
      field: 'logOut',
      expected: { data: null, code: 'UNAUTHENTICATED', path: ['logOut'] },
    },
    {
      role: 'anonymous',
      field: 'setUserRole',
      expected: { data: null, code: 'UNAUTHENTICATED', path: ['setUserRole'] },
    },
    {
      role: 'customer',
      field: 'setUserRole',
      expected: { data: null, code: 'FORBIDDEN', path: ['setUserRole'] },
    },
    {
      role: 'other customer',
      field: 'setUserRole',
      expected: { data: null, code: 'FORBIDDEN', path: ['setUserRole'] },
    },
    {
      role: 'admin',
      field: 'setUserRole',
      expected: { data: { setUserRole: { id: customer.id, role: 'CUSTOMER' } } },
    },
  ];
}

describe('users: who may use what', () => {
  it('when every role asks for every field, then each gets what the table says', async () => {
    const rows = table();
    expect(rows).toHaveLength(36);
    for (const { role, field, expected } of rows) {
      const signUpInput = buildSignUpInput();
      const refreshToken = await freshRefreshToken();
      const { body } = await subgraphRequest('users', service.graphqlUrl, operations[field], {
        variables: {
          id: accounts.customer.id,
          email: accounts.customer.email,
          password: accounts.customer.password,
          refreshToken,
          input: signUpInput,
          representations: [{ __typename: 'User', id: accounts.customer.id }],
        },
        headers: as(viewers[role]),
      });
      const data =
        expected.data === 'the new account'
          ? { signUp: { user: { email: signUpInput.email } } }
          : expected.data;
      const errors = 'code' in expected ? [[expected.path, expected.code]] : undefined;

      expect({
        role,
        field,
        data: body.data,
        errors: body.errors?.map((error) => [error.path, error.extensions?.code]),
      }).toEqual({ role, field, data, errors });
    }
  });

  it.each(['anonymous', 'customer', 'other customer', 'admin'] as const)(
    'when %s asks for _service, then the SDL is served',
    async (role) => {
      const { body } = await subgraphRequest('users', service.graphqlUrl, operations._service, {
        headers: as(viewers[role]),
      });
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ _service: { sdl: expect.stringContaining('type User') } });
    },
  );
});
