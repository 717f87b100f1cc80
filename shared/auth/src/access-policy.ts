import type { Viewer } from './viewer.js';

/**
 * The building block of the subgraphs' named `@auth` policies (the subgraph kit enforces
 * them; services and resolvers check nothing themselves).
 */

/** Whether the caller is that user, or an admin. */
export function isSelfOrAdmin(viewer: Viewer | null, userId: string): boolean {
  return viewer !== null && (viewer.role === 'ADMIN' || viewer.userId === userId);
}
