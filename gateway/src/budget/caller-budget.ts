import type { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from '@fedshop/logger';
import { createFailoverLimiter, type FailMode, type LimitState } from '@fedshop/rate-limits';

export type { FailMode } from '@fedshop/rate-limits';

/** A caller's budget after a look or a charge. */
export type BudgetState = Pick<LimitState, 'allowed' | 'remaining' | 'resetSeconds'>;

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
 * same one (`@fedshop/rate-limits`' failover limiter: fixed windows, an in-memory insurance
 * limiter when the mode is `open`, a refusal when it is `closed`). Every call Redis failed is
 * counted in `gateway_rate_limit_store_errors_total`.
 */
export function createCallerBudget({ metrics, ...options }: CallerBudgetOptions): CallerBudget {
  const storeErrors = new Counter({
    name: 'gateway_rate_limit_store_errors_total',
    help: 'Rate-limit calls that Redis failed (the fail mode decided)',
    labelNames: ['mode'],
    registers: [metrics],
  });
  const limiter = createFailoverLimiter({
    ...options,
    name: 'rate limits',
    onStoreError: (mode) => storeErrors.inc({ mode }),
  });
  return {
    points: limiter.points,
    windowSeconds: limiter.windowSeconds,
    peek: (key) => limiter.peek(key),
    charge: (key, cost) => limiter.consume(key, cost),
  };
}
