import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import {
  isRole,
  tokenAlgorithm,
  type PublicKeySet,
  type SigningKey,
  type Viewer,
} from '@fedshop/auth';
import { unauthenticated } from '@fedshop/errors';

/** `iss` of a dashboard session: distinct from internal tokens, so neither passes for the other. */
export const adminSessionIssuer = 'fedshop-gateway-admin';
/** `aud` of a dashboard session: no subgraph and no client-token verifier accepts it. */
export const adminSessionAudience = 'fedshop-queue-dashboard';
/** The JOSE `typ` of a dashboard session. */
export const adminSessionType = 'fedshop-admin-session+jwt';
/** How long a dashboard session lasts at most. @defaultValue 900 s (`ADMIN_SESSION_TTL_SECONDS`) */
export const defaultAdminSessionTtlSeconds = 900;

export interface AdminSessionsOptions {
  /** The gateway's own key (`INTERNAL_SIGNING_KEYS_FILE`), shared by every replica. */
  signingKey: SigningKey;
  /** Its public halves (every key of the set, so a rotated-out key's sessions still verify). */
  publicKeys: PublicKeySet;
  /** @defaultValue {@link defaultAdminSessionTtlSeconds} */
  ttlSeconds?: number;
  /** `CLOCK_SKEW_SECONDS` */
  clockSkewSeconds: number;
}

export interface AdminSession {
  token: string;
  /** Seconds until it expires: the cookie's `Max-Age`. */
  maxAgeSeconds: number;
}

/**
 * Stateless dashboard sessions: a short-lived ES256 token in a cookie, so any gateway
 * replica verifies it and nothing is stored. It never outlives the access token that
 * opened it, and carries the caller as verified then (a demoted admin's session ends
 * with its TTL).
 */
export function createAdminSessions({
  signingKey,
  publicKeys,
  ttlSeconds = defaultAdminSessionTtlSeconds,
  clockSkewSeconds,
}: AdminSessionsOptions) {
  const keys = createLocalJWKSet(publicKeys);
  return {
    /** A session for `viewer`, ending at `notAfter` (epoch seconds) if that comes first. */
    async issue(viewer: Viewer, notAfter?: number): Promise<AdminSession> {
      const now = Math.floor(Date.now() / 1000);
      const expiresAt = Math.min(now + ttlSeconds, notAfter ?? Number.POSITIVE_INFINITY);
      const token = await new SignJWT({ role: viewer.role })
        .setProtectedHeader({ alg: tokenAlgorithm, kid: signingKey.kid, typ: adminSessionType })
        .setIssuer(adminSessionIssuer)
        .setAudience(adminSessionAudience)
        .setSubject(viewer.userId)
        .setJti(randomUUID())
        .setIssuedAt(now)
        .setExpirationTime(expiresAt)
        .sign(signingKey.key);
      return { token, maxAgeSeconds: Math.max(0, expiresAt - now) };
    },
    /** The session's caller; an UNAUTHENTICATED AppError that echoes nothing otherwise. */
    async verify(token: string): Promise<Viewer> {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: adminSessionIssuer,
          audience: adminSessionAudience,
          typ: adminSessionType,
          algorithms: [tokenAlgorithm],
          clockTolerance: clockSkewSeconds,
          maxTokenAge: ttlSeconds + clockSkewSeconds,
          requiredClaims: ['sub', 'role', 'iat', 'exp', 'jti'],
        }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired)
          throw unauthenticated('The dashboard session has expired');
        if (error instanceof joseErrors.JOSEError)
          throw unauthenticated('The dashboard session is invalid');
        throw error;
      }
      if (typeof payload.sub !== 'string' || !isRole(payload.role)) {
        throw unauthenticated('The dashboard session is invalid');
      }
      return { userId: payload.sub, role: payload.role };
    },
  };
}

export type AdminSessions = ReturnType<typeof createAdminSessions>;
