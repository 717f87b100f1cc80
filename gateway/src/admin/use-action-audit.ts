import type { RequestHandler } from 'express';
import { ErrorCode } from '@fedshop/errors';
import { audit, type AuditOutcome, type Logger } from '@fedshop/logger';
import { requestIdOf } from '@fedshop/service-kit';
import { adminCallerOf } from './admin-caller.js';
import { dashboardActionOf } from './dashboard-actions.js';
import { isSafeMethod } from './same-origin.js';

/**
 * One audit line per state-changing dashboard request — retry, remove, clean, promote,
 * sessions — once it is answered, refused ones included (who tried what): the actor as
 * authenticated (null when anonymous), the target, the outcome and the request id.
 */
export function useActionAudit({ logger }: { logger: Logger }): RequestHandler {
  return (req, res, next) => {
    if (isSafeMethod(req.method)) return next();
    // Read now: below this step routers rewrite req.url while they run.
    const { action, targetId } = dashboardActionOf(req.method, req.path);
    const requestId = requestIdOf(req);
    res.once('close', () => {
      const answered = res.headersSent;
      const outcome = answered ? outcomeOf(res.statusCode) : 'failed';
      const viewer = adminCallerOf(req)?.viewer ?? null;
      audit(logger, {
        action,
        actor: viewer && { userId: viewer.userId, role: viewer.role },
        targetId,
        outcome,
        requestId,
        ...(outcome === 'succeeded' ? {} : { code: answered ? codeOf(res.statusCode) : 'ABORTED' }),
      });
    });
    next();
  };
}

function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'succeeded';
  return status === 401 || status === 403 ? 'refused' : 'failed';
}

function codeOf(status: number): string {
  switch (status) {
    case 400:
      return ErrorCode.BAD_REQUEST;
    case 401:
      return ErrorCode.UNAUTHENTICATED;
    case 403:
      return ErrorCode.FORBIDDEN;
    case 404:
      return ErrorCode.NOT_FOUND;
    case 503:
      return ErrorCode.SERVICE_UNAVAILABLE;
    default:
      return ErrorCode.INTERNAL_SERVER_ERROR;
  }
}
