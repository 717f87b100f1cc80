import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { unauthenticated } from '@fedshop/errors';
import { isRole, type Viewer } from './viewer.js';

export interface TokenServiceOptions {
  /** Shared HS256 secret (`JWT_SECRET`), at least 32 characters. */
  secret: string;
  /** @defaultValue `defaultIssuer` */
  issuer?: string;
  /** @defaultValue `defaultAudience` */
  audience?: string;
  /** Lifetime of issued tokens, in jose's time-span syntax. @defaultValue `'1h'` */
  expiresIn?: string;
}

export const defaultIssuer = 'fedshop-users';
export const defaultAudience = 'fedshop';
export const defaultTokenLifetime = '1h';
const algorithm = 'HS256';

export interface TokenService {
  issue(viewer: Viewer): Promise<string>;
  /** Resolves the viewer, or throws an UNAUTHENTICATED AppError saying why. */
  verify(token: string): Promise<Viewer>;
}

export function createTokenService({
  secret,
  issuer = defaultIssuer,
  audience = defaultAudience,
  expiresIn = defaultTokenLifetime,
}: TokenServiceOptions): TokenService {
  // jose imports a raw secret into a CryptoKey on every sign and verify; do it once instead,
  // lazily so construction stays synchronous.
  let cryptoKey: ReturnType<typeof crypto.subtle.importKey> | undefined;
  const hmacKey = () =>
    (cryptoKey ??= crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    ));
  return {
    issue: async (viewer) =>
      new SignJWT({ role: viewer.role })
        .setProtectedHeader({ alg: algorithm })
        .setSubject(viewer.userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(await hmacKey()),
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, await hmacKey(), {
          issuer,
          audience,
          algorithms: [algorithm],
        });
        if (typeof payload.sub !== 'string' || !isRole(payload.role)) {
          throw unauthenticated('The token does not carry a user and a role');
        }
        return { userId: payload.sub, role: payload.role };
      } catch (error) {
        throw error instanceof joseErrors.JWTExpired
          ? unauthenticated('The token has expired')
          : error instanceof joseErrors.JOSEError
            ? unauthenticated('The token is invalid')
            : error;
      }
    },
  };
}
