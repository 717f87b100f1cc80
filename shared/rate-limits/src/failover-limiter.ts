import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '@fedshop/logger';

/** What a limiter does while Redis cannot count: count in memory (`open`) or refuse (`closed`). */
export type FailMode = 'open' | 'closed';

/** A key's state after a look or a charge. */
export interface LimitState {
  /** False when this charge (or an exhausted key) is refused. */
  allowed: boolean;
  /** Points spent in the current window. */
  consumed: number;
  remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  resetSeconds: number;
}

export interface FailoverLimiter {
  readonly points: number;
  readonly windowSeconds: number;
  /** The key's state, charging nothing; `unavailable` when Redis fails and the mode is closed. */
  peek(key: string): Promise<LimitState | 'unavailable'>;
  /** Charges `points` (default 1); refused (allowed false) past the limit. */
  consume(key: string, points?: number): Promise<LimitState | 'unavailable'>;
  /** Forgets the key (e.g. failures after a success), in Redis and in the insurance limiter. */
  reset(key: string): Promise<void>;
}

export interface FailoverLimiterOptions {
  /** A fail-fast client (see `createFailFastRedis`): a stalled command must fail, not wait. */
  redis: Redis;
  points: number;
  windowSeconds: number;
  /** Keys are `<keyPrefix>:<key>`; distinct per limiter (and per test). */
  keyPrefix: string;
  /** @defaultValue `'open'` */
  failMode?: FailMode;
  logger: Logger;
  /** Names the limiter in its outage log lines. */
  name: string;
  /** Called on every call Redis failed (for a metric). */
  onStoreError?: (failMode: FailMode) => void;
}

/**
 * Points per fixed window per key, in Redis so every replica counts the same
 * (rate-limiter-flexible). When Redis fails (down, or a command past its timeout) the fail
 * mode decides: `open` counts in this process's memory instead (the insurance limiter),
 * `closed` answers `unavailable`. One log line when an outage starts and one when it ends.
 */
export function createFailoverLimiter({
  redis,
  points,
  windowSeconds,
  keyPrefix,
  failMode = 'open',
  logger,
  name,
  onStoreError,
}: FailoverLimiterOptions): FailoverLimiter {
  const options = { points, duration: windowSeconds, keyPrefix };
  const shared = new RateLimiterRedis({
    ...options,
    storeClient: redis,
    rejectIfRedisNotReady: true,
  });
  const insurance = new RateLimiterMemory(options);
  let outage = false;

  function storeFailed(error: unknown): void {
    onStoreError?.(failMode);
    if (outage) return;
    outage = true;
    logger.warn(
      { err: error, limiter: name, failMode },
      failMode === 'open'
        ? `Redis cannot count ${name}; counting in this process until it answers`
        : `Redis cannot count ${name}; refusing until it answers`,
    );
  }

  function storeAnswered(): void {
    if (!outage) return;
    outage = false;
    logger.info({ limiter: name }, `${name} are counted on Redis again`);
  }

  async function withFailover(
    use: (limiter: RateLimiterRedis | RateLimiterMemory) => Promise<RateLimiterRes | null>,
  ): Promise<LimitState | 'unavailable'> {
    let result: RateLimiterRes | null;
    let allowed = true;
    try {
      result = await use(shared);
      storeAnswered();
    } catch (error) {
      // rate-limiter-flexible rejects with a RateLimiterRes for "over the limit".
      if (error instanceof RateLimiterRes) {
        storeAnswered();
        result = error;
        allowed = false;
      } else {
        storeFailed(error);
        if (failMode === 'closed') return 'unavailable';
        try {
          result = await use(insurance);
        } catch (insured) {
          if (!(insured instanceof RateLimiterRes)) throw insured;
          result = insured;
          allowed = false;
        }
      }
    }
    const consumed = result?.consumedPoints ?? 0;
    return {
      allowed: allowed && consumed <= points,
      consumed,
      remaining: Math.max(0, points - consumed),
      resetSeconds: Math.max(1, Math.ceil((result?.msBeforeNext ?? windowSeconds * 1000) / 1000)),
    };
  }

  return {
    points,
    windowSeconds,
    peek: async (key) => {
      const state = await withFailover((limiter) => limiter.get(key));
      // An exhausted key refuses even a look.
      return state === 'unavailable' ? state : { ...state, allowed: state.remaining > 0 };
    },
    consume: (key, cost = 1) => withFailover((limiter) => limiter.consume(key, cost)),
    reset: async (key) => {
      await insurance.delete(key);
      try {
        await shared.delete(key);
        storeAnswered();
      } catch (error) {
        storeFailed(error);
      }
    },
  };
}
