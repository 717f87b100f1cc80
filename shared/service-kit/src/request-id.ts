import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

export const defaultRequestIdHeader = 'x-request-id';

/** Accept a caller's id only when it is short and plain, so it is safe to log and echo. */
const acceptableRequestId = /^[\w.:-]{1,128}$/;

// Set once per request by `useRequestId`; a WeakMap so nothing outlives the request.
const requestIds = new WeakMap<Request, string>();

/**
 * Gives every request an id: the caller's `x-request-id` when acceptable, else a new
 * UUID. It is echoed in the response and read back with `requestIdOf(req)`.
 */
export function useRequestId(header = defaultRequestIdHeader): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(header);
    const requestId = incoming && acceptableRequestId.test(incoming) ? incoming : randomUUID();
    requestIds.set(req, requestId);
    res.setHeader(header, requestId);
    next();
  };
}

/** The id `useRequestId` gave this request. */
export function requestIdOf(req: Request): string {
  const requestId = requestIds.get(req);
  if (requestId === undefined) throw new Error('useRequestId must run before requestIdOf');
  return requestId;
}
