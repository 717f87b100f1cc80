import { deadlineExceeded } from '../deadline.js';
import type { SubgraphPolicy } from '../subgraph-fetch.js';

/**
 * The client request's deadline (`REQUEST_TIMEOUT_MS`) bounds everything below: retries,
 * backoff, waiting on a shared fetch or on a circuit's probe. Past it the fetch fails as
 * "did not answer in time", and the request answers with what it has.
 */
export const requestDeadline: SubgraphPolicy = (next) => (fetch) => {
  const left = fetch.deadline.remainingMs();
  if (left <= 0) return Promise.reject(deadlineExceeded());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(deadlineExceeded()), left);
    next(fetch)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
};
