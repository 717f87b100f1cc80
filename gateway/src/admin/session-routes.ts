import express, { Router, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { decodeJwt } from 'jose';
import type { AccessTokenVerifier, Viewer } from '@fedshop/auth';
import { AppError, boundaryError, ErrorCode, sendBoundaryError } from '@fedshop/errors';
import type { TrustedProxies } from '../budget/caller-key.js';
import { viewerFromAuthorization } from '../edge/use-authentication.js';
import { setAdminCaller } from './admin-caller.js';
import type { AdminSessions } from './admin-session.js';
import { isSameOrigin } from './same-origin.js';
import { clearSessionCookie, setSessionCookie, type CookieScope } from './session-cookie.js';
import { endSessionPath, sessionPath } from './dashboard-paths.js';
import { signInPage } from './sign-in-page.js';

export interface SessionRoutesOptions {
  verifyAccessToken: AccessTokenVerifier;
  sessions: AdminSessions;
  proxies: TrustedProxies;
  /** The dashboard's mount path: the cookie's path and where a signed-in browser goes. */
  basePath: string;
}

/**
 * Opening and ending a dashboard session, before the dashboard's own authentication:
 * - `GET /session`: a sign-in page (paste an ADMIN access token);
 * - `POST /session`: with `Authorization: Bearer <token>` (scripts; answers 204) or the
 *   page's form field `token` (answers 303 to the dashboard); sets the session cookie;
 * - `POST /session/end`: clears it.
 * Forms must come from this origin (no login or logout CSRF); a bearer header needs no check.
 */
export function sessionRoutes({
  verifyAccessToken,
  sessions,
  proxies,
  basePath,
}: SessionRoutesOptions): Router {
  const scope: CookieScope = { path: basePath, proxies };
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 });

  router.get(sessionPath, (_req, res) => {
    res.type('html').send(signInPage({ basePath }));
  });

  router.post(sessionPath, form, (req, res, next) => {
    const fromForm = !hasAuthorization(req);
    openSession(req, fromForm)
      .then(async (viewer) => {
        setAdminCaller(req, { viewer, via: fromForm ? 'form' : 'bearer' });
        if (viewer.role !== 'ADMIN') {
          throw refusal(403, ErrorCode.FORBIDDEN, 'The queue dashboard is for administrators');
        }
        const token = fromForm ? formToken(req) : bearerToken(req);
        setSessionCookie(req, res, await sessions.issue(viewer, expiryOf(token)), scope);
        if (fromForm) res.redirect(303, `${basePath}/`);
        else res.status(204).end();
      })
      .catch((error: unknown) => {
        if (error instanceof GraphQLError) answer(req, res, error, fromForm, basePath);
        else next(error);
      });
  });

  router.post(endSessionPath, form, (req, res) => {
    const fromForm = !hasAuthorization(req);
    if (fromForm && !isSameOrigin(req, proxies)) return sendBoundaryError(res, crossOrigin());
    clearSessionCookie(req, res, scope);
    if (fromForm) res.redirect(303, `${basePath}${sessionPath}`);
    else res.status(204).end();
  });

  async function openSession(req: Request, fromForm: boolean): Promise<Viewer> {
    if (!fromForm) {
      const viewer = await viewerFromAuthorization(req.headers.authorization, verifyAccessToken);
      if (viewer) return viewer;
      throw refusal(401, ErrorCode.UNAUTHENTICATED, 'The token is missing');
    }
    if (!isSameOrigin(req, proxies)) throw crossOrigin();
    const token = formToken(req);
    if (token === undefined) throw refusal(401, ErrorCode.UNAUTHENTICATED, 'Paste an access token');
    try {
      return await verifyAccessToken(token);
    } catch (error) {
      if (error instanceof AppError) throw refusal(401, ErrorCode.UNAUTHENTICATED, error.message);
      throw error;
    }
  }

  return router;
}

const hasAuthorization = (req: Request) => (req.headers.authorization?.trim() ?? '') !== '';

function formToken(req: Request): string | undefined {
  const token = (req.body as Record<string, unknown> | undefined)?.token;
  return typeof token === 'string' && token.trim().length > 0 ? token.trim() : undefined;
}

function bearerToken(req: Request): string | undefined {
  return req.headers.authorization?.trim().split(/\s+/)[1];
}

/** The access token's own expiry (it was verified just before): the session never outlives it. */
function expiryOf(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  const { exp } = decodeJwt(token);
  return typeof exp === 'number' ? exp : undefined;
}

/** A form gets the sign-in page again with the reason; a script gets the JSON error. */
function answer(
  req: Request,
  res: Response,
  error: GraphQLError,
  fromForm: boolean,
  basePath: string,
): void {
  const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
  if (fromForm && req.accepts(['json', 'html']) === 'html') {
    res
      .status(status)
      .type('html')
      .send(signInPage({ basePath, error: error.message }));
    return;
  }
  sendBoundaryError(res, error);
}

function crossOrigin(): GraphQLError {
  return refusal(
    403,
    ErrorCode.FORBIDDEN,
    'Dashboard sessions are opened from the dashboard itself',
  );
}

function refusal(status: number, code: ErrorCode, message: string): GraphQLError {
  return boundaryError({ code, message, status });
}
