import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { InternalTokenClaims, Viewer } from '@fedshop/auth';
import { testKeys } from './test-keys.js';

let privateKey: KeyObject | undefined;

/**
 * An ES256 internal token signed with the test internal key, synchronously (node:crypto),
 * so test helpers that build headers stay plain functions. Same claims as the gateway's.
 */
function signTestInternalToken(claims: Record<string, unknown>): string {
  privateKey ??= createPrivateKey({
    key: (JSON.parse(readFileSync(testKeys.internal.privateFile, 'utf8')) as { keys: object[] })
      .keys[0] as import('node:crypto').JsonWebKey,
    format: 'jwk',
  });
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const input = `${encode({ alg: 'ES256', kid: testKeys.internal.kid, typ: 'JWT' })}.${encode({
    iss: 'fedshop-gateway',
    jti: randomUUID(),
    iat: now,
    exp: now + 60,
    ...claims,
  })}`;
  const signature = sign('sha256', Buffer.from(input), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * The headers the gateway would send subgraph `audience` for `viewer` (null: an anonymous
 * client): what component tests use to call a subgraph directly.
 */
export function internalTokenHeaders(
  audience: string,
  viewer: Viewer | null,
  { requestId, clientIp }: Omit<InternalTokenClaims, 'audience' | 'viewer'> = {},
): Record<string, string> {
  const token = signTestInternalToken({
    aud: audience,
    sub: viewer?.userId ?? 'anonymous',
    role: viewer?.role ?? 'ANONYMOUS',
    ...(requestId ? { rid: requestId } : {}),
    ...(clientIp ? { ip: clientIp } : {}),
  });
  return { authorization: `Bearer ${token}` };
}

/** The headers of the gateway's own calls (schema loads, health checks). */
export function serviceTokenHeaders(audience: string): Record<string, string> {
  return {
    authorization: `Bearer ${signTestInternalToken({ aud: audience, sub: 'fedshop-gateway', role: 'SERVICE' })}`,
  };
}
