import { createLocalJWKSet, SignJWT, UnsecuredJWT, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createAccessTokenIssuer,
  createAccessTokenVerifier,
  createInternalTokenSigner,
  createInternalTokenVerifier,
  generateKeySet,
  signingKeyOf,
  type PrivateKeySet,
  type PublicKeySet,
} from '@fedshop/auth';

const viewer = { userId: 'u1', role: 'CUSTOMER' } as const;

async function keyPair(
  kid: string,
): Promise<{ privateSet: PrivateKeySet; publicSet: PublicKeySet }> {
  return generateKeySet(kid);
}

const current = await keyPair('k-current');
const next = await keyPair('k-next');
const stranger = await keyPair('k-current');
const published: PublicKeySet = { keys: [...current.publicSet.keys, ...next.publicSet.keys] };
const verify = createAccessTokenVerifier({ keys: createLocalJWKSet(published) });
const issue = async (set: PrivateKeySet, lifetime = '15m') =>
  (
    await createAccessTokenIssuer({
      signingKey: await signingKeyOf(set, undefined, 'test'),
      lifetime,
    })(viewer)
  ).token;
const signingKey = await signingKeyOf(current.privateSet, undefined, 'test');

async function refusal(token: string): Promise<string> {
  const error = await verify(token).then(
    () => undefined,
    (caught: { code?: string; message: string }) => caught,
  );
  expect(error?.code).toBe('UNAUTHENTICATED');
  return error!.message;
}

/** A token with the given claims, signed with the current key (for claims the issuer always sets). */
function craft(claims: Record<string, unknown>) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k-current' })
    .sign(signingKey.key);
}

const now = () => Math.floor(Date.now() / 1000);
const complete = () => ({
  sub: 'u1',
  role: 'CUSTOMER',
  iss: 'fedshop-users',
  aud: 'fedshop',
  iat: now(),
  exp: now() + 600,
  jti: 'j1',
});

describe('access tokens', () => {
  it('when issued, then the header names the key and verifying returns the viewer', async () => {
    const token = await issue(current.privateSet);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: 'k-current' });
    await expect(verify(token)).resolves.toEqual(viewer);
  });

  it('when the key rotates, then tokens of the old and the new key both verify while both are published', async () => {
    await expect(verify(await issue(current.privateSet))).resolves.toEqual(viewer);
    await expect(verify(await issue(next.privateSet))).resolves.toEqual(viewer);
  });

  it('when signed by an unpublished key with a known kid, then it is refused', async () => {
    expect(await refusal(await issue(stranger.privateSet))).toBe('The token is invalid');
  });

  it('when alg is none, then it is refused', async () => {
    const token = new UnsecuredJWT(complete()).encode();
    expect(await refusal(token)).toBe('The token is invalid');
  });

  it('when HS256 is keyed with the public key, then it is refused', async () => {
    const publicJwk = JSON.stringify(current.publicSet.keys[0]);
    const token = await new SignJWT(complete())
      .setProtectedHeader({ alg: 'HS256', kid: 'k-current' })
      .sign(new TextEncoder().encode(publicJwk));
    expect(await refusal(token)).toBe('The token is invalid');
  });

  it('when the kid is unknown, then it is refused', async () => {
    const token = await new SignJWT(complete())
      .setProtectedHeader({ alg: 'ES256', kid: 'nobody' })
      .sign(signingKey.key);
    expect(await refusal(token)).toBe('The token is invalid');
  });

  it('when a required claim is missing (exp, jti, iat), then it is refused', async () => {
    for (const claim of ['exp', 'jti', 'iat', 'sub', 'role']) {
      const { [claim as keyof ReturnType<typeof complete>]: _dropped, ...claims } = complete();
      expect(await refusal(await craft(claims)), claim).toMatch(/invalid|does not carry/);
    }
  });

  it('when expired beyond the clock skew, then it is refused saying so; within the skew it passes', async () => {
    expect(await refusal(await issue(current.privateSet, '-2m'))).toBe('The token has expired');
    await expect(verify(await craft({ ...complete(), exp: now() - 10 }))).resolves.toEqual(viewer);
  });

  it('when not valid yet (nbf beyond the skew), then it is refused', async () => {
    expect(await refusal(await craft({ ...complete(), nbf: now() + 300 }))).toBe(
      'The token is invalid',
    );
  });

  it('when iss or aud is wrong, then it is refused', async () => {
    expect(await refusal(await craft({ ...complete(), iss: 'someone-else' }))).toBe(
      'The token is invalid',
    );
    expect(await refusal(await craft({ ...complete(), aud: 'another-app' }))).toBe(
      'The token is invalid',
    );
  });

  it('when the token is garbage, then it is refused', async () => {
    expect(await refusal('not.a.jwt')).toBe('The token is invalid');
    expect(await refusal('x'.repeat(65_536))).toBe('The token is invalid');
  });
});

const gatewayKey = await keyPair('internal-1');
const otherGatewayKey = await keyPair('internal-1');
const sign = createInternalTokenSigner(
  await signingKeyOf(gatewayKey.privateSet, undefined, 'test'),
);
const forOrders = createInternalTokenVerifier({ keys: gatewayKey.publicSet, audience: 'orders' });

describe('internal tokens', () => {
  it('when signed for a subgraph, then that subgraph reads the caller, request id and client IP', async () => {
    const token = await sign({
      audience: 'orders',
      viewer,
      requestId: 'r-1',
      clientIp: '203.0.113.9',
    });
    await expect(forOrders(token)).resolves.toEqual({
      viewer,
      service: false,
      requestId: 'r-1',
      clientIp: '203.0.113.9',
    });
  });

  it('when anonymous or the gateway itself, then no viewer, and the gateway is marked SERVICE', async () => {
    await expect(forOrders(await sign({ audience: 'orders', viewer: null }))).resolves.toEqual({
      viewer: null,
      service: false,
    });
    await expect(forOrders(await sign({ audience: 'orders' }))).resolves.toEqual({
      viewer: null,
      service: true,
    });
  });

  it('when replayed to another subgraph, then it is refused', async () => {
    const token = await sign({ audience: 'products', viewer });
    await expect(forOrders(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('when signed by another key, then it is refused', async () => {
    const foreign = createInternalTokenSigner(
      await signingKeyOf(otherGatewayKey.privateSet, undefined, 'test'),
    );
    await expect(forOrders(await foreign({ audience: 'orders', viewer }))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('when expired, then it is refused saying so', async () => {
    const key = await signingKeyOf(gatewayKey.privateSet, undefined, 'test');
    const token = await new SignJWT({ role: 'CUSTOMER' })
      .setProtectedHeader({ alg: 'ES256', kid: 'internal-1' })
      .setIssuer('fedshop-gateway')
      .setAudience('orders')
      .setSubject('u1')
      .setJti('j')
      .setIssuedAt(now() - 300)
      .setExpirationTime(now() - 120)
      .sign(key.key);
    await expect(forOrders(token)).rejects.toMatchObject({
      message: 'The internal token has expired',
    });
  });
});
