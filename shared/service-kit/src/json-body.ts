import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from '@fedshop/logger';

/** @defaultValue 1 MiB: far above any real GraphQL document, far below a memory problem. */
export const defaultJsonBodyLimit = '1mb';

export function useJsonBody(limit = defaultJsonBodyLimit): RequestHandler {
  return express.json({ limit });
}

/**
 * Turns body-parser failures into GraphQL-shaped JSON errors (malformed JSON is 400, an
 * oversized body 413) and anything else into a masked 500, so no HTML stack page or
 * internal detail ever reaches a client.
 */
export function handleHttpErrors(logger: Logger): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.parse.failed') {
      return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
    }
    if (error.type === 'entity.too.large') {
      return sendError(res, 413, 'BAD_REQUEST', 'The request body is too large');
    }
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      return sendError(res, error.status, 'BAD_REQUEST', 'The request could not be read');
    }
    logger.error({ err: error, requestId: res.locals.requestId }, 'unhandled HTTP error');
    return sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}

function sendError(
  res: Parameters<ErrorRequestHandler>[2],
  status: number,
  code: string,
  message: string,
) {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}
