import { BrokenCircuitError } from 'cockatiel';

/** The subgraph answered with a non-2xx status. */
export class SubgraphHttpError extends Error {
  override readonly name = 'SubgraphHttpError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The answer grew past `SUBGRAPH_MAX_RESPONSE_BYTES`; reading stopped there. */
export class SubgraphResponseTooLarge extends Error {
  override readonly name = 'SubgraphResponseTooLarge';
  constructor(readonly limitBytes: number) {
    super(`answer larger than ${limitBytes} bytes`);
  }
}

/** The answer was not a JSON object. */
export class SubgraphBadResponse extends Error {
  override readonly name = 'SubgraphBadResponse';
}

const transientStatuses = new Set([502, 503, 504]);

const isTimeout = (error: unknown) => error instanceof Error && error.name === 'TimeoutError';

/** undici reports a refused or reset connection as `TypeError: fetch failed`. */
const isConnectionFailure = (error: unknown) =>
  error instanceof TypeError && error.message === 'fetch failed';

/**
 * Says the subgraph is not serving (no answer, no connection, a gateway-like 5xx): counted by
 * its circuit breaker. A 4xx, a too-large or malformed answer says nothing about availability.
 */
export function isAvailabilityFailure(error: unknown): boolean {
  if (error instanceof SubgraphHttpError) return error.status >= 500;
  return isTimeout(error) || isConnectionFailure(error);
}

/** Worth another attempt of a query: a transient failure, not an open circuit or a 500. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof BrokenCircuitError) return false;
  if (error instanceof SubgraphHttpError) return transientStatuses.has(error.status);
  return isTimeout(error) || isConnectionFailure(error);
}

/** One line for logs (a DOMException's own fields would fill a page). */
export function failureSummary(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
