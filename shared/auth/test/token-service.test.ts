import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@fedshop/errors';
import { createTokenService, viewerFromHeaders, viewerToHeaders } from '@fedshop/auth';

const secret = 'a-test-secret-that-is-long-enough-0123456789';

async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('token service', () => {
  it('when many tokens are issued and verified, then the secret is imported as a key once', async () => {
    const tokens = createTokenService({ secret });
    // Observed, not replaced: counts how often the secret is turned into a CryptoKey.
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    try {
      const token = await tokens.issue({ userId: 'u1', role: 'ADMIN' });
      const viewers = await Promise.all([1, 2, 3].map(() => tokens.verify(token)));

      expect(viewers).toEqual(Array(3).fill({ userId: 'u1', role: 'ADMIN' }));
      expect(importKey).toHaveBeenCalledTimes(1);
    } finally {
      importKey.mockRestore();
    }
  });

  it('when a token is issued, then verifying it returns the same viewer', async () => {
    const tokens = createTokenService({ secret });
    const token = await tokens.issue({ userId: 'u1', role: 'ADMIN' });
    await expect(tokens.verify(token)).resolves.toEqual({ userId: 'u1', role: 'ADMIN' });
  });

  it('when the token was signed with another secret, then it is UNAUTHENTICATED', async () => {
    const token = await createTokenService({ secret: `${secret}-other` }).issue({
      userId: 'u1',
      role: 'CUSTOMER',
    });
    const error = await rejectionOf(createTokenService({ secret }).verify(token));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toBe('The token is invalid');
  });

  it('when the token has expired, then the message says so', async () => {
    const token = await new SignJWT({ role: 'CUSTOMER' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('fedshop-users')
      .setAudience('fedshop')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(secret));
    const error = await rejectionOf(createTokenService({ secret }).verify(token));
    expect(error.message).toBe('The token has expired');
  });

  it('when the token is garbage, then it is UNAUTHENTICATED and the token is not echoed', async () => {
    const error = await rejectionOf(createTokenService({ secret }).verify('not.a.jwt'));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).not.toContain('not.a.jwt');
  });

  it('when the role claim is unknown, then the token is rejected', async () => {
    const token = await new SignJWT({ role: 'ROOT' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('fedshop-users')
      .setAudience('fedshop')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    const error = await rejectionOf(createTokenService({ secret }).verify(token));
    expect(error.code).toBe('UNAUTHENTICATED');
  });
});

describe('identity headers', () => {
  it('when a viewer is written to headers, then it reads back from a Headers object', () => {
    const headers = new Headers(viewerToHeaders({ userId: 'u9', role: 'CUSTOMER' }));
    expect(viewerFromHeaders(headers)).toEqual({ userId: 'u9', role: 'CUSTOMER' });
  });

  it('when the role header is not a known role, then there is no viewer', () => {
    expect(
      viewerFromHeaders({ 'x-fedshop-user-id': 'u9', 'x-fedshop-user-role': 'ROOT' }),
    ).toBeNull();
  });
});
