import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { GraphQLError } from 'graphql';
import { boundaryError, ErrorCode, sendBoundaryError } from '@fedshop/errors';
import type { Logger } from '@fedshop/logger';
import { requestIdOf } from './request-id.js';

/** @defaultValue 1 MiB: far above any real GraphQL document, far below a memory problem. */
export const defaultJsonBodyLimit = '1mb';

export function useJsonBody(limit = defaultJsonBodyLimit): RequestHandler {
  return express.json({ limit });
}

interface HttpFailure {
  type?: string;
  status?: number;
}

/**
 * Turns body-parser failures into GraphQL-shaped JSON errors (malformed JSON is 400, an
 * oversized body 413) and anything else into a masked 500, so no HTML stack page or
 * internal detail ever reaches a client.
 */
export function handleHttpErrors(logger: Logger): ErrorRequestHandler {
  return (error: HttpFailure, req, res, next) => {
    if (res.headersSent) return next(error);
    const clientError = clientErrorFor(error);
    if (!clientError)
      logger.error({ err: error, requestId: requestIdOf(req) }, 'unhandled HTTP error');
    sendBoundaryError(
      res,
      clientError ??
        boundaryError({
          code: ErrorCode.INTERNAL_SERVER_ERROR,
          message: 'Internal server error',
          status: 500,
        }),
    );
  };
}

function clientErrorFor({ type, status }: HttpFailure): GraphQLError | undefined {
  const badRequest = (httpStatus: number, message: string) =>
    boundaryError({ code: ErrorCode.BAD_REQUEST, message, status: httpStatus });
  if (type === 'entity.parse.failed') return badRequest(400, 'The request body is not valid JSON');
  if (type === 'entity.too.large') return badRequest(413, 'The request body is too large');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return badRequest(status, 'The request could not be read');
  }
  return undefined;
}
