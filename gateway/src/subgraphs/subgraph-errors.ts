import type { GraphQLError } from 'graphql';
import { boundaryError, ErrorCode } from '@fedshop/errors';
import { SubgraphHttpError, SubgraphResponseTooLarge } from './subgraph-failures.js';

/**
 * A subgraph fetch that failed in transport (refused, timed out, non-2xx, too large, open
 * circuit). The message names the service and nothing internal (no URL, no response body).
 */
export function subgraphUnavailable(serviceName: string, error: unknown): GraphQLError {
  const status = error instanceof SubgraphHttpError ? error.status : undefined;
  // A subgraph's 401/403 keeps its meaning for the client.
  // DOWNSTREAM_SERVICE_ERROR is what Apollo gateway gives errors that come from a subgraph,
  // so clients see one code for "a service failed", reached or not.
  const code =
    status === 401
      ? ErrorCode.UNAUTHENTICATED
      : status === 403
        ? ErrorCode.FORBIDDEN
        : ErrorCode.DOWNSTREAM_SERVICE_ERROR;
  return boundaryError({
    code,
    message: `The ${serviceName} service ${describeFailure(error, status)}`,
    extensions: { serviceName },
  });
}

function describeFailure(error: unknown, status: number | undefined): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'did not answer in time';
  if (status !== undefined) return `answered with HTTP ${status}`;
  if (error instanceof SubgraphResponseTooLarge) return 'answered more than the gateway accepts';
  // Refused, reset, or an open circuit (which stands for the same outage).
  return 'is unavailable';
}
