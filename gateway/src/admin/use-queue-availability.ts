import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { boundaryError, ErrorCode, sendBoundaryError } from '@fedshop/errors';

/** What a client is told to wait while Redis is away, in seconds. */
export const dashboardRetryAfterSeconds = 5;

/**
 * Answers 503 at once while the dashboard's Redis connection is not ready, instead of
 * letting its calls fail one by one; the rest of the gateway is untouched.
 */
export function useQueueAvailability({ connection }: { connection: Redis }): RequestHandler {
  return (_req, res, next) => {
    if (connection.status === 'ready') return next();
    sendBoundaryError(res, queuesUnavailable());
  };
}

export function queuesUnavailable() {
  return boundaryError({
    code: ErrorCode.SERVICE_UNAVAILABLE,
    message: 'The queues are unreachable right now; retry shortly',
    status: 503,
    headers: { 'Retry-After': String(dashboardRetryAfterSeconds) },
    extensions: { retryAfterSeconds: dashboardRetryAfterSeconds },
  });
}
