import type { RequestHandler } from 'express';
import { sendBoundaryError } from '@fedshop/errors';
import { operationTooComplex } from '../limits/limit-error.js';

export interface UseBatchLimitOptions {
  /** Operations one HTTP request may batch (`MAX_BATCHED_OPERATIONS`); 1 turns batching off. */
  maxOperations: number;
}

/**
 * A JSON array of operations longer than the limit is answered 400 OPERATION_TOO_COMPLEX
 * here, before any operation is parsed. (With batching off, Apollo refuses any array.)
 */
export function useBatchLimit({ maxOperations }: UseBatchLimitOptions): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (Array.isArray(body) && body.length > Math.max(maxOperations, 1)) {
      sendBoundaryError(
        res,
        operationTooComplex({
          limitName: 'MAX_BATCHED_OPERATIONS',
          limit: maxOperations,
          found: body.length,
        }),
      );
      return;
    }
    next();
  };
}
