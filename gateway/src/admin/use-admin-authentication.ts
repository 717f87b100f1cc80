import type { Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { AccessTokenVerifier, Viewer } from '@fedshop/auth';
import { AppError, boundaryError, ErrorCode, sendBoundaryError } from '@fedshop/errors';
import { viewerFromAuthorization } from '../edge/use-authentication.js';
import { setAdminCaller, type AdminCaller } from './admin-caller.js';
import type { AdminSessions } from './admin-session.js';
import { sessionCookieOf } from './session-cookie.js';

export interface UseAdminAuthenticationOptions {
  /** The gateway's client-token verifier (the same one `/graphql` uses). */
  verifyAccessToken: AccessTokenVerifier;
  sessions: AdminSessions;
  /** Where a browser without a usable session is sent (the dashboard's sign-in page). */
  signInPath: string;
}

/**
 * ADMIN only: the caller proves who it is with a bearer access token (checked first; a
 * presented one must be valid) or else with a dashboard session cookie. Anonymous is 401,
 * any other role 403. A browser asking for a page without a usable session is sent to the
 * sign-in page instead of a JSON error.
 */
export function useAdminAuthentication({
  verifyAccessToken,
  sessions,
  signInPath,
}: UseAdminAuthenticationOptions): RequestHandler {
  async function callerOf(req: Request): Promise<AdminCaller | null> {
    const bearer = await viewerFromAuthorization(req.headers.authorization, verifyAccessToken);
    if (bearer) return { viewer: bearer, via: 'bearer' };
    const cookie = sessionCookieOf(req);
    if (cookie === undefined) return null;
    try {
      return { viewer: await sessions.verify(cookie), via: 'cookie' };
    } catch (error) {
      if (error instanceof AppError) throw refusal(401, ErrorCode.UNAUTHENTICATED, error.message);
      throw error;
    }
  }

  return (req, res, next) => {
    callerOf(req).then(
      (caller) => {
        if (caller === null) {
          return refuse(req, res, refusal(401, ErrorCode.UNAUTHENTICATED, signInMessage));
        }
        setAdminCaller(req, caller);
        if (!isAdmin(caller.viewer)) {
          return refuse(
            req,
            res,
            refusal(403, ErrorCode.FORBIDDEN, 'The queue dashboard is for administrators'),
          );
        }
        next();
      },
      (error: unknown) => {
        if (error instanceof GraphQLError) refuse(req, res, error);
        else next(error);
      },
    );
  };

  function refuse(req: Request, res: Response, error: GraphQLError): void {
    const status = (error.extensions.http as { status?: number } | undefined)?.status;
    if (status === 401 && wantsPage(req)) {
      res.redirect(303, signInPath);
      return;
    }
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="fedshop-admin"');
    sendBoundaryError(res, error);
  }
}

const signInMessage =
  'Sign in: an ADMIN access token as "Authorization: Bearer <token>", or a dashboard session';

const isAdmin = (viewer: Viewer) => viewer.role === 'ADMIN';

/** A browser navigating to a page (not the dashboard's own API calls). */
function wantsPage(req: Request): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') && req.accepts(['json', 'html']) === 'html'
  );
}

function refusal(status: number, code: ErrorCode, message: string): GraphQLError {
  return boundaryError({ code, message, status });
}
