import type { Viewer } from '@fedshop/auth';
import { forbidden, unauthenticated } from '@fedshop/errors';

/** Every orders operation needs a signed-in caller. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** An order, and a user's list of orders, belong to that user; admins see everyone's. */
export function assertMayReadOrdersOf(viewer: Viewer, ownerId: string): void {
  if (viewer.role !== 'ADMIN' && viewer.userId !== ownerId) {
    throw forbidden('You can only access your own orders');
  }
}
