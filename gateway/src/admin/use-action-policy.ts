import type { RequestHandler } from 'express';
import { boundaryError, ErrorCode, sendBoundaryError } from '@fedshop/errors';
import { dashboardActionOf } from './dashboard-actions.js';
import { isSafeMethod } from './same-origin.js';

/** Refuses the dashboard actions that are off by policy (see `dashboard-actions.ts`), for anyone. */
export function useActionPolicy(): RequestHandler {
  return (req, res, next) => {
    if (isSafeMethod(req.method)) return next();
    const { action, allowed } = dashboardActionOf(req.method, req.path);
    if (allowed) return next();
    sendBoundaryError(
      res,
      boundaryError({
        code: ErrorCode.FORBIDDEN,
        message: `${action} is disabled on this dashboard`,
        status: 403,
      }),
    );
  };
}
