import type { Viewer } from '@fedshop/auth';

/** A user's private data (their account, their email) is for themself and admins. */
export function isSelfOrAdmin(viewer: Viewer | null, userId: string): boolean {
  return viewer !== null && (viewer.role === 'ADMIN' || viewer.userId === userId);
}
