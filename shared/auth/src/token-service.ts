import { randomUUID } from 'node:crypto';
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { unauthenticated } from '@fedshop/errors';
import { tokenAlgorithm, type SigningKey } from './key-set.js';
import { isRole, type Viewer } from './viewer.js';

/** `iss` of access tokens: the users service. */
export const defaultIssuer = 'fedshop-users';
/** `aud` of access tokens: the platform's gateway. */
export const defaultAudience = 'fedshop';
/** `ACCESS_TOKEN_TTL`'s default, in jose's time-span syntax. */
export const defaultAccessTokenLifetime = '15m';
/** `CLOCK_SKEW_SECONDS`'s default. */
export const defaultClockSkewSeconds = 30;

export interface AccessToken {
  token: string;
  expiresAt: Date;
}

export interface AccessTokenIssuerOptions {
  /** The key named by `TOKEN_SIGNING_KID` (default: the first of `TOKEN_SIGNING_KEYS_FILE`). */
  signingKey: SigningKey;
  /** @defaultValue `defaultAccessTokenLifetime` */
  lifetime?: string;
  /** @defaultValue `defaultIssuer` */
  issuer?: string;
  /** @defaultValue `defaultAudience` */
  audience?: string;
}

/** Signs short-lived ES256 access tokens, `kid` in every header (users service). */
export function createAccessTokenIssuer({
  signingKey,
  lifetime = defaultAccessTokenLifetime,
  issuer = defaultIssuer,
  audience = defaultAudience,
}: AccessTokenIssuerOptions) {
  return async (viewer: Viewer): Promise<AccessToken> => {
    const issuedAt = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role: viewer.role })
      .setProtectedHeader({ alg: tokenAlgorithm, kid: signingKey.kid, typ: 'JWT' })
      .setSubject(viewer.userId)
      .setIssuer(issuer)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(lifetime)
      .sign(signingKey.key);
    return { token, expiresAt: new Date((decodeJwt(token).exp ?? issuedAt) * 1000) };
  };
}

export type AccessTokenIssuer = ReturnType<typeof createAccessTokenIssuer>;

export interface AccessTokenVerifierOptions {
  /** The users service's public keys: jose's remote set (`JWKS_URL`) or a local one (`JWKS_FILE`). */
  keys: JWTVerifyGetKey;
  /** @defaultValue `defaultClockSkewSeconds` */
  clockSkewSeconds?: number;
  /** @defaultValue `defaultIssuer` */
  issuer?: string;
  /** @defaultValue `defaultAudience` */
  audience?: string;
}

/**
 * Verifies a client's access token (gateway): ES256 only, from the published keys, with
 * every claim the platform relies on. Rejects with an UNAUTHENTICATED AppError saying why.
 */
export function createAccessTokenVerifier({
  keys,
  clockSkewSeconds = defaultClockSkewSeconds,
  issuer = defaultIssuer,
  audience = defaultAudience,
}: AccessTokenVerifierOptions) {
  return async (token: string): Promise<Viewer> => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer,
        audience,
        algorithms: [tokenAlgorithm],
        clockTolerance: clockSkewSeconds,
        requiredClaims: ['sub', 'role', 'iss', 'aud', 'iat', 'exp', 'jti'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired');
      if (error instanceof joseErrors.JOSEError) throw unauthenticated('The token is invalid');
      throw error;
    }
    if (typeof payload.sub !== 'string' || !isRole(payload.role)) {
      throw unauthenticated('The token does not carry a user and a role');
    }
    return { userId: payload.sub, role: payload.role };
  };
}

export type AccessTokenVerifier = ReturnType<typeof createAccessTokenVerifier>;
