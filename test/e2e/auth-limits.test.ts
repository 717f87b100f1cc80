import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '@fedshop/testing';
import { buildSignUp, startFedshopSystem, type FedshopSystem } from '../support/fedshop-system.js';

// The users service's password-guessing limits seen through the gateway: the client address
// comes from the gateway (here from X-Forwarded-For, 127.0.0.1 being a trusted proxy), and a
// subgraph's RATE_LIMITED is answered with 429 and Retry-After like the gateway's own budget.

let system: FedshopSystem;
let url: string;

beforeAll(async () => {
  system = await startFedshopSystem({
    usersEnv: { LOGIN_FAILURES_PER_EMAIL: '3', AUTH_RATE_LIMIT_POINTS: '100' },
    gatewayEnv: { TRUSTED_PROXIES: '127.0.0.1' },
  });
  url = system.gateway.graphqlUrl;
});

afterAll(async () => {
  await system?.stop();
});

const logIn = (credentials: { email: string; password: string }, clientIp: string) =>
  graphqlRequest<{ logIn: { user: { id: string } } }>(
    url,
    'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { user { id } } }',
    { variables: credentials, headers: { 'x-forwarded-for': clientIp } },
  );

describe('password guessing through the gateway', () => {
  it('when one address guesses past the limit, then 429 RATE_LIMITED with Retry-After, and the owner elsewhere still logs in', async () => {
    const account = buildSignUp();
    const signedUp = await graphqlRequest(
      url,
      'mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } } }',
      { variables: { input: account } },
    );
    expect(signedUp.body.errors).toBeUndefined();
    const wrong = { email: account.email, password: 'a-wrong-password' };

    const answers = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      answers.push(await logIn(wrong, '203.0.113.9'));
    }

    expect(answers.map(({ status, body }) => [status, body.errors?.[0]?.extensions?.code])).toEqual(
      [
        [200, 'UNAUTHENTICATED'],
        [200, 'UNAUTHENTICATED'],
        [200, 'UNAUTHENTICATED'],
        [429, 'RATE_LIMITED'],
        [429, 'RATE_LIMITED'],
      ],
    );
    const refused = answers[4]!;
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 900).toBe(true);
    expect(refused.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(retryAfter);

    const owner = await logIn(account, '198.51.100.200');
    expect(owner.status).toBe(200);
    expect(owner.body.errors).toBeUndefined();
    expect(owner.body.data?.logIn.user.id).toEqual(expect.any(String));
  });
});
