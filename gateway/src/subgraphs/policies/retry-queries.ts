import { setTimeout as sleep } from 'node:timers/promises';
import { failureSummary, isRetryable } from '../subgraph-failures.js';
import type { SubgraphPolicy } from '../subgraph-fetch.js';
import { uncountedPolicies, type PolicyMetrics } from './policy-metrics.js';

export interface RetryQueriesOptions {
  /** Attempts in all, the first included (`SUBGRAPH_MAX_ATTEMPTS`); 1 = no retry. */
  maxAttempts: number;
  /** @defaultValue `defaultRetryBaseDelayMs` */
  baseDelayMs?: number;
  /** @defaultValue `defaultRetryMaxDelayMs` */
  maxDelayMs?: number;
  /** @defaultValue nothing counted */
  metrics?: PolicyMetrics;
}

export const defaultRetryBaseDelayMs = 50;
export const defaultRetryMaxDelayMs = 1_000;
/** A retry is skipped unless at least this much time is left after its backoff. */
export const minRetryBudgetMs = 50;

/**
 * Query fetches (also those inside a mutation's plan) are retried after a transient failure
 * (no connection, a timed-out attempt, 502/503/504), with full-jitter exponential backoff so
 * retrying gateways do not stampede a recovering subgraph, and only while the request's
 * deadline leaves room. A mutation fetch is sent once: it may have run before it failed.
 * (cockatiel's retry knows no per-request deadline, so this loop is ours.)
 */
export function retryQueries({
  maxAttempts,
  baseDelayMs = defaultRetryBaseDelayMs,
  maxDelayMs = defaultRetryMaxDelayMs,
  metrics = uncountedPolicies,
}: RetryQueriesOptions): SubgraphPolicy {
  return (next) => async (fetch) => {
    if (fetch.operation !== 'query' || !fetch.context) return next(fetch);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await next(fetch);
      } catch (error) {
        if (attempt >= maxAttempts || !isRetryable(error)) throw error;
        const delayMs = Math.round(
          Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)),
        );
        if (fetch.deadline.remainingMs() < delayMs + minRetryBudgetMs) throw error;
        fetch.logger.info(
          { serviceName: fetch.serviceName, attempt, delayMs, failure: failureSummary(error) },
          'retrying a subgraph query',
        );
        metrics.retried(fetch.serviceName);
        await sleep(delayMs);
      }
    }
  };
}
