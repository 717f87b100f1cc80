import type { Logger } from '@fedshop/logger';
import type { SubgraphCallSettings } from '../../config.js';
import type { FetchStep, SubgraphPolicy } from '../subgraph-fetch.js';
import { attemptTimeout } from './attempt-timeout.js';
import { subgraphCircuitBreaker } from './circuit-breaker.js';
import { requestDeadline } from './request-deadline.js';
import type { PolicyMetrics } from './policy-metrics.js';
import { retryQueries } from './retry-queries.js';
import { shareInflightQueries } from './share-inflight-queries.js';

/**
 * The policies around every fetch toward one subgraph, outermost first. The deadline bounds
 * all the rest; a shared fetch is shared with its retries; every attempt passes the breaker
 * (so an open circuit also stops retries) and gets its own timeout. The size cap is in the
 * transport, where the bytes arrive.
 */
export function subgraphPolicies(
  serviceName: string,
  settings: SubgraphCallSettings,
  logger: Logger,
  metrics: PolicyMetrics,
): SubgraphPolicy[] {
  return [
    requestDeadline,
    shareInflightQueries(),
    retryQueries({ maxAttempts: settings.maxAttempts, metrics }),
    subgraphCircuitBreaker({
      serviceName,
      threshold: settings.breakerThreshold,
      resetMs: settings.breakerResetMs,
      logger,
      metrics,
    }),
    attemptTimeout(settings.subgraphTimeoutMs),
  ];
}

/** `policies[0](policies[1](…(send)))`. */
export function applyPolicies(policies: readonly SubgraphPolicy[], send: FetchStep): FetchStep {
  return policies.reduceRight((next, policy) => policy(next), send);
}
