import type { Viewer } from '@fedshop/auth';
import { forbidden, unauthenticated } from '@fedshop/errors';

/** Catalogue changes are for admins: anonymous callers must sign in, customers may not. */
export function requireAdmin(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  if (viewer.role !== 'ADMIN') throw forbidden('Only admins can change the catalogue');
  return viewer;
}
