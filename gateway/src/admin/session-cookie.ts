import type { Request, Response } from 'express';
import type { TrustedProxies } from '../budget/caller-key.js';
import type { AdminSession } from './admin-session.js';

/** The dashboard session cookie; sent only to the dashboard's own path. */
export const sessionCookieName = 'fedshop_admin_session';

/**
 * The session cookie of this request, if any. A malformed `Cookie` header is no cookie
 * (never an error): the caller is then anonymous.
 */
export function sessionCookieOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== sessionCookieName) continue;
    const value = part.slice(separator + 1).trim();
    return value.length > 0 ? value : undefined;
  }
  return undefined;
}

/**
 * Whether the client reached us over HTTPS: TLS on this socket, or a trusted proxy
 * (`TRUSTED_PROXIES`) that says so in `X-Forwarded-Proto`.
 */
export function overHttps(req: Request, proxies: TrustedProxies): boolean {
  if (req.secure) return true;
  const peer = req.socket.remoteAddress;
  if (peer === undefined || !proxies.has(peer)) return false;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first?.toLowerCase() === 'https';
}

export interface CookieScope {
  /** The dashboard's mount path: the cookie goes nowhere else (never to `/graphql`). */
  path: string;
  proxies: TrustedProxies;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure over HTTPS. */
export function setSessionCookie(
  req: Request,
  res: Response,
  session: AdminSession,
  { path, proxies }: CookieScope,
): void {
  res.cookie(sessionCookieName, session.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: overHttps(req, proxies),
    path,
    maxAge: session.maxAgeSeconds * 1000,
  });
}

export function clearSessionCookie(req: Request, res: Response, { path, proxies }: CookieScope) {
  res.clearCookie(sessionCookieName, {
    httpOnly: true,
    sameSite: 'strict',
    secure: overHttps(req, proxies),
    path,
  });
}
