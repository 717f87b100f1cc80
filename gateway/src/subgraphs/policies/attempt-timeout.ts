import { deadlineExceeded } from '../deadline.js';
import type { SubgraphPolicy } from '../subgraph-fetch.js';

/** Each attempt gets min(`SUBGRAPH_TIMEOUT_MS`, what is left of the request's deadline). */
export function attemptTimeout(timeoutMs: number): SubgraphPolicy {
  return (next) => (fetch) => {
    // AbortSignal.timeout takes whole milliseconds.
    const ms = Math.floor(Math.min(timeoutMs, fetch.deadline.remainingMs()));
    if (ms <= 0) return Promise.reject(deadlineExceeded());
    return next({ ...fetch, signal: AbortSignal.timeout(ms) });
  };
}
