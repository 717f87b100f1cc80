import type { Request } from 'express';

// Keyed by the request itself, like the edge state; set by the budget step.
const keys = new WeakMap<Request, string>();

export function setCallerKey(req: Request, key: string): void {
  keys.set(req, key);
}

/** Whose budget the request spends; undefined when the budget step did not run. */
export function callerKeyOf(req: Request): string | undefined {
  return keys.get(req);
}
