import { forbidden, unauthenticated } from '@fedshop/errors';
import type { Role, Viewer } from './viewer.js';

/**
 * The access rules every subgraph applies, written once: who is signed in, who holds a
 * role, and who may see a user's own data.
 */

/** A signed-in caller, or UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** A signed-in caller holding `role`: anonymous callers must sign in, others are FORBIDDEN. */
export function requireRole(viewer: Viewer | null, role: Role, message?: string): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.role !== role) throw forbidden(message);
  return signedIn;
}

/** Whether the caller is that user, or an admin. */
export function isSelfOrAdmin(viewer: Viewer | null, userId: string): boolean {
  return viewer !== null && (viewer.role === 'ADMIN' || viewer.userId === userId);
}

/** A caller who owns the data (`ownerId`) or is an admin; anyone else is FORBIDDEN. */
export function requireOwnerOrAdmin(viewer: Viewer, ownerId: string, message?: string): Viewer {
  if (!isSelfOrAdmin(viewer, ownerId)) throw forbidden(message);
  return viewer;
}
