import type { GraphQLError } from 'graphql';
import { boundaryError, ErrorCode } from '@fedshop/errors';

/** Seconds a client is told to wait when the budget store is unavailable (fail mode closed). */
export const unavailableRetryAfterSeconds = 1;

/** 429 RATE_LIMITED: `Retry-After` in whole seconds (at least 1), also in `extensions`. */
export function rateLimited(
  retryAfterSeconds: number,
  headers: Readonly<Record<string, string>> = {},
): GraphQLError {
  return boundaryError({
    code: ErrorCode.RATE_LIMITED,
    message: `Too many requests: the budget is spent; retry after ${retryAfterSeconds} s`,
    status: 429,
    headers: { ...headers, 'Retry-After': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  });
}

/** 503 SERVICE_UNAVAILABLE while Redis cannot count and the fail mode is closed. */
export function budgetUnavailable(): GraphQLError {
  return boundaryError({
    code: ErrorCode.SERVICE_UNAVAILABLE,
    message: 'Rate limits cannot be checked right now; retry shortly',
    status: 503,
    headers: { 'Retry-After': String(unavailableRetryAfterSeconds) },
    extensions: { retryAfterSeconds: unavailableRetryAfterSeconds },
  });
}
