import { viewerToHeaders, type Viewer } from '@fedshop/auth';

export const admin: Viewer = { userId: '64b000000000000000000001', role: 'ADMIN' };
export const customer: Viewer = { userId: '64b000000000000000000002', role: 'CUSTOMER' };

/** The identity headers the gateway would forward for this viewer; none when anonymous. */
export const as = (viewer: Viewer | null): Record<string, string> =>
  viewer ? viewerToHeaders(viewer) : {};
