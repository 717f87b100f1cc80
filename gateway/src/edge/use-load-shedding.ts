import type { RequestHandler } from 'express';
import { Counter, type Registry } from 'prom-client';
import { boundaryError, ErrorCode, sendBoundaryError } from '@fedshop/errors';

export interface UseLoadSheddingOptions {
  /** Requests at `/graphql` in flight at once (`GATEWAY_MAX_INFLIGHT`); 0 = unbounded. */
  maxInflight: number;
  metrics: Registry;
}

/** What a shed client is told to wait, in seconds. */
export const shedRetryAfterSeconds = 1;

/**
 * Overload is shed, not queued: past `maxInflight` GraphQL requests in flight, a request is
 * answered 503 SERVICE_UNAVAILABLE with `Retry-After` at once, so the accepted ones keep their
 * latency. Health checks and metrics are outside `/graphql` and never shed.
 */
export function useLoadShedding({ maxInflight, metrics }: UseLoadSheddingOptions): RequestHandler {
  const shed = new Counter({
    name: 'gateway_requests_shed_total',
    help: 'GraphQL requests refused because GATEWAY_MAX_INFLIGHT were in flight',
    registers: [metrics],
  });
  let inflight = 0;
  return (_req, res, next) => {
    if (maxInflight === 0) return next();
    if (inflight >= maxInflight) {
      shed.inc();
      sendBoundaryError(
        res,
        boundaryError({
          code: ErrorCode.SERVICE_UNAVAILABLE,
          message: 'The gateway is at capacity; retry shortly',
          status: 503,
          headers: { 'Retry-After': String(shedRetryAfterSeconds) },
          extensions: { retryAfterSeconds: shedRetryAfterSeconds },
        }),
      );
      return;
    }
    inflight += 1;
    // 'close' fires once, whether the answer was sent or the client went away.
    res.once('close', () => {
      inflight -= 1;
    });
    next();
  };
}
