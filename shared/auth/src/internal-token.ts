import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { unauthenticated } from '@fedshop/errors';
import { tokenAlgorithm, type PublicKeySet, type SigningKey } from './key-set.js';
import { isRole, type Viewer } from './viewer.js';

/** `iss` of every internal token: the gateway. */
export const internalTokenIssuer = 'fedshop-gateway';

/** `role` of the gateway's own calls (schema loads, health checks). */
export const serviceRole = 'SERVICE';

/** Internal tokens live one minute at most: they are signed per request. */
export const internalTokenLifetimeSeconds = 60;

/** Who a subgraph call is for, as the gateway established it. */
export interface InternalIdentity {
  /** The verified caller; null for anonymous requests and for the gateway's own calls. */
  viewer: Viewer | null;
  /** True for the gateway's own calls (role SERVICE). */
  service: boolean;
  /** The client request's id (`rid`); absent for the gateway's own calls. */
  requestId?: string;
  /** The client IP as the gateway resolved it (`ip`). */
  clientIp?: string;
}

export interface InternalTokenClaims {
  /** The subgraph it is for (`aud`). */
  audience: string;
  /** The caller; null for an anonymous request. Omit both for the gateway's own calls. */
  viewer?: Viewer | null;
  requestId?: string;
  clientIp?: string;
}

/** Signs internal tokens with the gateway's internal key (`INTERNAL_SIGNING_KEYS_FILE`). */
export function createInternalTokenSigner(signingKey: SigningKey) {
  return async ({
    audience,
    viewer,
    requestId,
    clientIp,
  }: InternalTokenClaims): Promise<string> => {
    const gatewayCall = viewer === undefined;
    const claims: Record<string, string> = {
      role: gatewayCall ? serviceRole : (viewer?.role ?? 'ANONYMOUS'),
      ...(requestId ? { rid: requestId } : {}),
      ...(clientIp ? { ip: clientIp } : {}),
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: tokenAlgorithm, kid: signingKey.kid, typ: 'JWT' })
      .setIssuer(internalTokenIssuer)
      .setAudience(audience)
      .setSubject(gatewayCall ? internalTokenIssuer : (viewer?.userId ?? 'anonymous'))
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${internalTokenLifetimeSeconds}s`)
      .sign(signingKey.key);
  };
}

export type InternalTokenSigner = ReturnType<typeof createInternalTokenSigner>;

export interface InternalTokenVerifierOptions {
  /** The gateway's public keys (`INTERNAL_JWKS_FILE`); several at once, so the key rotates. */
  keys: PublicKeySet;
  /** This subgraph's name: a token for another subgraph is refused. */
  audience: string;
  /** @defaultValue 30 (`CLOCK_SKEW_SECONDS`) */
  clockSkewSeconds?: number;
}

/**
 * Verifies the gateway's token on a subgraph request and says who the call is for. Any
 * failure is UNAUTHENTICATED with a reason that names no key and echoes no token.
 */
export function createInternalTokenVerifier({
  keys,
  audience,
  clockSkewSeconds = 30,
}: InternalTokenVerifierOptions) {
  const keySet = createLocalJWKSet(keys);
  return async (token: string): Promise<InternalIdentity> => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        issuer: internalTokenIssuer,
        audience,
        algorithms: [tokenAlgorithm],
        clockTolerance: clockSkewSeconds,
        maxTokenAge: internalTokenLifetimeSeconds + clockSkewSeconds,
        requiredClaims: ['sub', 'exp', 'iat', 'jti', 'role'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        throw unauthenticated('The internal token has expired');
      if (error instanceof joseErrors.JOSEError)
        throw unauthenticated('The internal token is invalid');
      throw error;
    }
    const request = {
      ...(typeof payload.rid === 'string' ? { requestId: payload.rid } : {}),
      ...(typeof payload.ip === 'string' ? { clientIp: payload.ip } : {}),
    };
    if (payload.role === serviceRole) return { viewer: null, service: true, ...request };
    if (payload.role === 'ANONYMOUS') return { viewer: null, service: false, ...request };
    if (!isRole(payload.role) || typeof payload.sub !== 'string') {
      throw unauthenticated('The internal token does not carry a caller');
    }
    return { viewer: { userId: payload.sub, role: payload.role }, service: false, ...request };
  };
}

export type InternalTokenVerifier = ReturnType<typeof createInternalTokenVerifier>;
