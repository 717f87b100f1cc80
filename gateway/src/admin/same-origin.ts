import type { Request, RequestHandler } from 'express';
import { boundaryError, ErrorCode, sendBoundaryError } from '@fedshop/errors';
import type { TrustedProxies } from '../budget/caller-key.js';
import { adminCallerOf } from './admin-caller.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string) => safeMethods.has(method.toUpperCase());

/**
 * Whether a request was sent by a page of this very origin. Browsers send `Origin` on
 * every cross-origin request and on same-origin ones that change state (POST, PUT, PATCH,
 * DELETE), and modern ones `Sec-Fetch-Site`; a request with neither is not from a page of
 * ours. The host compared is `Host` (or a trusted proxy's `X-Forwarded-Host`).
 */
export function isSameOrigin(req: Request, proxies: TrustedProxies): boolean {
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return fetchSite === 'same-origin';
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return originHost.length > 0 && originHost === requestHost(req, proxies);
}

function requestHost(req: Request, proxies: TrustedProxies): string | undefined {
  const peer = req.socket.remoteAddress;
  const forwarded = req.headers['x-forwarded-host'];
  if (peer !== undefined && proxies.has(peer) && typeof forwarded === 'string') {
    return forwarded.split(',')[0]?.trim();
  }
  return req.headers.host;
}

/**
 * CSRF defence for state-changing requests that ride on the session cookie: beyond
 * SameSite=Strict, they must come from a page of this origin. Bearer-authenticated
 * requests carry no ambient credential and pass.
 */
export function useSameOriginActions({ proxies }: { proxies: TrustedProxies }): RequestHandler {
  return (req, res, next) => {
    if (isSafeMethod(req.method) || adminCallerOf(req)?.via !== 'cookie') return next();
    if (isSameOrigin(req, proxies)) return next();
    sendBoundaryError(
      res,
      boundaryError({
        code: ErrorCode.FORBIDDEN,
        message: 'Dashboard actions with a session cookie must come from the dashboard itself',
        status: 403,
      }),
    );
  };
}
