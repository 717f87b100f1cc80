import type { Request } from 'express';
import type { Viewer } from '@fedshop/auth';

/** What the edge has established about one request, read by later steps and Apollo's context. */
export interface EdgeState {
  requestId: string;
  /** The caller whose token was verified, or null for an anonymous request. */
  viewer: Viewer | null;
  /** The client's address, past trusted proxies (forwarded to subgraphs in internal tokens). */
  clientIp: string;
  /** Whose budget the request spends: `user:<id>`, else `ip:<address or /64>`. */
  callerKey: string;
}

// Keyed by the request itself, so the state lives exactly as long as the request.
const states = new WeakMap<Request, EdgeState>();

/** Called once per request, by the authentication step. */
export function setEdgeState(req: Request, state: EdgeState): void {
  if (states.has(req)) throw new Error('The edge state of a request is set once');
  states.set(req, state);
}

export function edgeStateOf(req: Request): EdgeState {
  const state = states.get(req);
  if (!state) throw new Error('The authentication step must run before the edge state is read');
  return state;
}
