import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

export const defaultRequestIdHeader = 'x-request-id';

/** Accept a caller's id only when it is short and plain, so it is safe to log and echo. */
const acceptableRequestId = /^[\w.:-]{1,128}$/;

/**
 * Gives every request an id: the caller's `x-request-id` when acceptable, else a new
 * UUID. It is echoed in the response and read by loggers through `res.locals.requestId`.
 */
export function useRequestId(header = defaultRequestIdHeader): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(header);
    const requestId = incoming && acceptableRequestId.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader(header, requestId);
    next();
  };
}
