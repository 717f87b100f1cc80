import { circuitBreaker, ConsecutiveBreaker, handleWhen } from 'cockatiel';
import type { Logger } from '@fedshop/logger';
import { isAvailabilityFailure } from '../subgraph-failures.js';
import type { SubgraphPolicy } from '../subgraph-fetch.js';
import type { PolicyMetrics } from './policy-metrics.js';

export interface CircuitBreakerOptions {
  serviceName: string;
  /** Consecutive failed attempts that open the circuit (`CIRCUIT_BREAKER_THRESHOLD`). */
  threshold: number;
  /** An open circuit fails fast this long, then lets one probe through (`CIRCUIT_BREAKER_RESET_MS`). */
  resetMs: number;
  logger: Logger;
  metrics: PolicyMetrics;
}

/**
 * One circuit per subgraph (cockatiel): after `threshold` attempts in a row that found it not
 * serving, calls fail at once with "is unavailable" instead of each waiting for a timeout;
 * after `resetMs` one probe goes through (the others wait for it), and its success closes
 * the circuit. 4xx answers and bad answers do not count.
 */
export function subgraphCircuitBreaker({
  serviceName,
  threshold,
  resetMs,
  logger,
  metrics,
}: CircuitBreakerOptions): SubgraphPolicy {
  const breaker = circuitBreaker(handleWhen(isAvailabilityFailure), {
    halfOpenAfter: resetMs,
    breaker: new ConsecutiveBreaker(threshold),
  });
  metrics.circuit(serviceName, 'closed');
  breaker.onBreak(() => {
    logger.warn({ serviceName, resetMs }, 'subgraph circuit opened');
    metrics.circuit(serviceName, 'open');
  });
  breaker.onHalfOpen(() => {
    logger.info({ serviceName }, 'subgraph circuit probing');
    metrics.circuit(serviceName, 'half-open');
  });
  breaker.onReset(() => {
    logger.info({ serviceName }, 'subgraph circuit closed');
    metrics.circuit(serviceName, 'closed');
  });
  return (next) => (fetch) => breaker.execute(() => next(fetch));
}
