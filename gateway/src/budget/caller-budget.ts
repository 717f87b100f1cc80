import type { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '@fedshop/logger';

export type FailMode = 'open' | 'closed';

/** A caller's budget after a look or a charge. */
export interface BudgetState {
  /** False when this charge (or an empty budget) is refused. */
  allowed: boolean;
  remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  resetSeconds: number;
}

export interface CallerBudget {
  readonly points: number;
  readonly windowSeconds: number;
  /** The budget left, charging nothing; `unavailable` when Redis fails and the mode is closed. */
  peek(key: string): Promise<BudgetState | 'unavailable'>;
  /** Charges `cost` points; refused (allowed false) when the budget does not cover it. */
  charge(key: string, cost: number): Promise<BudgetState | 'unavailable'>;
}

export interface CallerBudgetOptions {
  redis: Redis;
  points: number;
  windowSeconds: number;
  keyPrefix: string;
  failMode: FailMode;
  logger: Logger;
  metrics: Registry;
}

/**
 * Each caller's budget of points per window, in Redis so every gateway replica spends the
 * same one (rate-limiter-flexible, fixed windows). When Redis fails (down, or a stalled
 * command past its timeout) the mode decides: `open` counts in this process's memory instead
 * (the insurance limiter), `closed` refuses. One log line when an outage starts and one when it
 * ends; every failed call is counted in `gateway_rate_limit_store_errors_total`.
 */
export function createCallerBudget({
  redis,
  points,
  windowSeconds,
  keyPrefix,
  failMode,
  logger,
  metrics,
}: CallerBudgetOptions): CallerBudget {
  const options = { points, duration: windowSeconds, keyPrefix };
  const shared = new RateLimiterRedis({
    ...options,
    storeClient: redis,
    rejectIfRedisNotReady: true,
  });
  const insurance = new RateLimiterMemory(options);
  const storeErrors = new Counter({
    name: 'gateway_rate_limit_store_errors_total',
    help: 'Rate-limit calls that Redis failed (the fail mode decided)',
    labelNames: ['mode'],
    registers: [metrics],
  });
  let outage = false;

  async function withFailover(
    use: (limiter: RateLimiterRedis | RateLimiterMemory) => Promise<RateLimiterRes | null>,
  ): Promise<BudgetState | 'unavailable'> {
    let result: RateLimiterRes | null;
    let allowed = true;
    try {
      result = await use(shared);
      if (outage) {
        outage = false;
        logger.info('rate limiting is back on Redis');
      }
    } catch (error) {
      // rate-limiter-flexible rejects with a RateLimiterRes for "over the limit".
      if (error instanceof RateLimiterRes) {
        result = error;
        allowed = false;
      } else {
        storeErrors.inc({ mode: failMode });
        if (!outage) {
          outage = true;
          logger.warn(
            { err: error, failMode },
            failMode === 'open'
              ? 'Redis cannot count rate limits; counting in this process until it answers'
              : 'Redis cannot count rate limits; refusing requests until it answers',
          );
        }
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
    return stateOf(result, allowed);
  }

  function stateOf(result: RateLimiterRes | null, allowed: boolean): BudgetState {
    const consumed = result?.consumedPoints ?? 0;
    return {
      allowed: allowed && consumed <= points,
      remaining: Math.max(0, points - consumed),
      resetSeconds: Math.max(1, Math.ceil((result?.msBeforeNext ?? windowSeconds * 1000) / 1000)),
    };
  }

  return {
    points,
    windowSeconds,
    peek: async (key) => {
      const state = await withFailover((limiter) => limiter.get(key));
      // An exhausted budget refuses even a look: nothing is charged.
      return state === 'unavailable' ? state : { ...state, allowed: state.remaining > 0 };
    },
    charge: (key, cost) => withFailover((limiter) => limiter.consume(key, cost)),
  };
}
