import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { tooManyRequests } from '@fedshop/errors';
import type { Logger } from '@fedshop/logger';
import { addressKey, createFailoverLimiter, type LimitState } from '@fedshop/rate-limits';
import { normaliseEmail } from '../users/email.js';

/** Defaults of the variables below (ARCHITECTURE.md: "sign-up / log-in limits"). */
export const authLimitDefaults = {
  /** `AUTH_RATE_LIMIT_POINTS`: sign-ups, log-ins and refreshes per client address… */
  points: 20,
  /** `AUTH_RATE_LIMIT_WINDOW_SECONDS`: …per minute. */
  windowSeconds: 60,
  /** `LOGIN_FAILURES_PER_EMAIL`: failed log-ins for one email from one address… */
  loginFailures: 10,
  /** `LOGIN_FAILURES_WINDOW_SECONDS`: …per 15 minutes. */
  loginFailuresWindowSeconds: 900,
  /** `AUTH_RATE_LIMIT_KEY_PREFIX`. */
  keyPrefix: 'fedshop:auth-limits',
} as const;

/** Redis commands of these limits fail after this long (a paused Redis hangs, it does not fail). */
export const authLimitRedisTimeoutMs = 100;

export interface AuthLimitSettings {
  points: number;
  windowSeconds: number;
  loginFailures: number;
  loginFailuresWindowSeconds: number;
  keyPrefix: string;
}

/** The client address from the internal token's `ip`; absent only on direct calls (tests). */
export type ClientIp = string | undefined;

export interface AuthLimits {
  /** One sign-up, log-in or refresh from this address; RATE_LIMITED past the limit. */
  attempt(clientIp: ClientIp): Promise<void>;
  /**
   * Counts a log-in for this email from this address as failed until `succeeded` says
   * otherwise: charged before the password is checked, so concurrent guesses cannot all
   * pass a check made before any of them failed. RATE_LIMITED past the limit.
   */
  logInAttempt(email: string, clientIp: ClientIp): Promise<{ succeeded(): Promise<void> }>;
}

export interface AuthLimitsOptions extends AuthLimitSettings {
  /** A fail-fast client: while Redis is away each process counts in memory (insurance). */
  redis: Redis;
  logger: Logger;
}

/**
 * Password-guessing limits of the users service, in Redis (shared by every replica) with an
 * in-memory insurance limiter when Redis is unavailable. Failed log-ins are keyed by email
 * and address together, so an attacker cannot lock a victim out from one address; the email
 * is hashed, so Redis holds no address book.
 */
export function createAuthLimits({
  redis,
  logger,
  points,
  windowSeconds,
  loginFailures,
  loginFailuresWindowSeconds,
  keyPrefix,
}: AuthLimitsOptions): AuthLimits {
  const perAddress = createFailoverLimiter({
    redis,
    logger,
    name: 'sign-in attempts',
    points,
    windowSeconds,
    keyPrefix: `${keyPrefix}:address`,
  });
  const failures = createFailoverLimiter({
    redis,
    logger,
    name: 'failed log-ins',
    points: loginFailures,
    windowSeconds: loginFailuresWindowSeconds,
    keyPrefix: `${keyPrefix}:failures`,
  });
  const address = (clientIp: ClientIp) => addressKey(clientIp ?? 'unknown');
  const refuseOver = (state: LimitState | 'unavailable') => {
    // The fail mode is open, so 'unavailable' never comes back; let it through regardless.
    if (state !== 'unavailable' && !state.allowed) throw tooManyRequests(state.resetSeconds);
  };

  return {
    async attempt(clientIp) {
      refuseOver(await perAddress.consume(address(clientIp)));
    },
    async logInAttempt(email, clientIp) {
      const emailHash = createHash('sha256').update(normaliseEmail(email)).digest('base64url');
      const key = `${emailHash}:${address(clientIp)}`;
      refuseOver(await failures.consume(key));
      return { succeeded: () => failures.reset(key) };
    },
  };
}
