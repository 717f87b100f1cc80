import type { Request } from 'express';
import type { Viewer } from '@fedshop/auth';

/** Who is using the dashboard, and how they proved it. */
export interface AdminCaller {
  viewer: Viewer;
  /**
   * `bearer`: an access token in this request's header; `cookie`: a dashboard session;
   * `form`: the token pasted into the sign-in page.
   */
  via: 'bearer' | 'cookie' | 'form';
}

// Keyed by the request itself, so the state lives exactly as long as the request.
const callers = new WeakMap<Request, AdminCaller>();

/** Set once per request, by the dashboard's authentication step. */
export function setAdminCaller(req: Request, caller: AdminCaller): void {
  if (callers.has(req)) throw new Error('The dashboard caller of a request is set once');
  callers.set(req, caller);
}

/** The caller, once authenticated (any role); undefined before, or for an anonymous request. */
export function adminCallerOf(req: Request): AdminCaller | undefined {
  return callers.get(req);
}
