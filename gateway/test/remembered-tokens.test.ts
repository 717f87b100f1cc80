import { createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createAccessTokenVerifier,
  readPublicKeySet,
  type AccessTokenVerifier,
} from '@fedshop/auth';
import { issueTestAccessToken, testKeys } from '@fedshop/testing';
import { rememberVerifiedTokens } from '../src/trust/remembered-tokens.js';

const realVerifier = createAccessTokenVerifier({
  keys: createLocalJWKSet(readPublicKeySet(testKeys.token.publicFile, 'test keys')),
});

/** The real verifier, counting how often it actually runs. */
function countingVerifier(): { verify: AccessTokenVerifier; calls: () => number } {
  let calls = 0;
  return {
    verify: async (token) => {
      calls += 1;
      return realVerifier(token);
    },
    calls: () => calls,
  };
}

function forge(token: string): string {
  const [header, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  const raised = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url');
  return [header, raised, token.split('.')[2]].join('.');
}

describe('remembered access tokens', () => {
  it('when one token comes twice, then it is verified once and gives the same viewer', async () => {
    const counter = countingVerifier();
    const verify = rememberVerifiedTokens(counter.verify);
    const token = await issueTestAccessToken({ userId: 'u-1', role: 'CUSTOMER' });

    expect(await verify(token)).toEqual({ userId: 'u-1', role: 'CUSTOMER' });
    expect(await verify(token)).toEqual({ userId: 'u-1', role: 'CUSTOMER' });
    expect(counter.calls()).toBe(1);
  });

  it('when a remembered token is altered (role raised, signature kept), then it is refused', async () => {
    const verify = rememberVerifiedTokens(countingVerifier().verify);
    const token = await issueTestAccessToken({ userId: 'u-2', role: 'CUSTOMER' });
    await verify(token);

    await expect(verify(forge(token))).rejects.toMatchObject({
      message: 'The token is invalid',
      code: 'UNAUTHENTICATED',
    });
  });

  it('when a token was refused, then it is checked again next time (refusals are not kept)', async () => {
    const counter = countingVerifier();
    const verify = rememberVerifiedTokens(counter.verify);
    const forged = forge(await issueTestAccessToken({ userId: 'u-3', role: 'CUSTOMER' }));

    await expect(verify(forged)).rejects.toThrow('The token is invalid');
    await expect(verify(forged)).rejects.toThrow('The token is invalid');
    expect(counter.calls()).toBe(2);
  });

  it('when the maximum age or the token expiry has passed, then it is verified again', async () => {
    let clock = Date.now();
    const counter = countingVerifier();
    const verify = rememberVerifiedTokens(counter.verify, { maxAgeMs: 1_000, now: () => clock });
    const token = await issueTestAccessToken(
      { userId: 'u-4', role: 'CUSTOMER' },
      { lifetime: '1h' },
    );

    await verify(token);
    clock += 999;
    await verify(token);
    expect(counter.calls()).toBe(1);
    clock += 2;
    await verify(token);
    expect(counter.calls()).toBe(2);

    // A short-lived token is remembered only until its own expiry, however long maxAge is.
    const shortLived = await issueTestAccessToken(
      { userId: 'u-5', role: 'CUSTOMER' },
      { lifetime: '5s' },
    );
    const long = rememberVerifiedTokens(counter.verify, { maxAgeMs: 3_600_000, now: () => clock });
    await long(shortLived);
    clock += 6_000;
    await long(shortLived).catch(() => undefined);
    expect(counter.calls()).toBe(4);
  });

  it('when more tokens come than it keeps, then the oldest is forgotten first', async () => {
    const counter = countingVerifier();
    const verify = rememberVerifiedTokens(counter.verify, { maxEntries: 1 });
    const first = await issueTestAccessToken({ userId: 'u-6', role: 'CUSTOMER' });
    const second = await issueTestAccessToken({ userId: 'u-7', role: 'CUSTOMER' });

    await verify(first);
    await verify(second);
    expect(await verify(second)).toEqual({ userId: 'u-7', role: 'CUSTOMER' });
    expect(counter.calls()).toBe(2);
    expect(await verify(first)).toEqual({ userId: 'u-6', role: 'CUSTOMER' });
    expect(counter.calls()).toBe(3);
  });
});
