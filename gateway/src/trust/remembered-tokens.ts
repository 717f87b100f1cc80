import type { AccessTokenVerifier, Viewer } from '@fedshop/auth';
import { decodeJwt } from 'jose';

export interface RememberedTokensOptions {
  /** Tokens remembered at once; the oldest is forgotten first. @defaultValue 10 000 */
  maxEntries?: number;
  /**
   * How long a verification is trusted again, at most (never past the token's `exp`): a key
   * withdrawn from the key set stops its tokens within this. @defaultValue 60 s
   */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Remembers verified access tokens, so a client's every request does not pay for an ES256
 * verification. Only a token that passed the whole check is remembered, keyed by its
 * exact text (signature included): a forged or altered token is never found here. Refusals
 * are not remembered, so they cannot crowd out good entries.
 */
export function rememberVerifiedTokens(
  verify: AccessTokenVerifier,
  { maxEntries = 10_000, maxAgeMs = 60_000, now = Date.now }: RememberedTokensOptions = {},
): AccessTokenVerifier {
  const remembered = new Map<string, { viewer: Viewer; until: number }>();

  return async (token) => {
    const entry = remembered.get(token);
    if (entry && entry.until > now()) return entry.viewer;
    if (entry) remembered.delete(token);
    const viewer = await verify(token);
    const expiresAt = (decodeJwt(token).exp ?? 0) * 1000;
    const until = Math.min(expiresAt, now() + maxAgeMs);
    if (maxEntries > 0 && until > now()) {
      if (remembered.size >= maxEntries) {
        remembered.delete(remembered.keys().next().value!);
      }
      remembered.set(token, { viewer, until });
    }
    return viewer;
  };
}
