import { viewerToHeaders, type Viewer } from '@fedshop/auth';

/** The identity headers the gateway forwards for this viewer; none when anonymous. */
export const as = (viewer: Viewer | null): Record<string, string> =>
  viewer ? viewerToHeaders(viewer) : {};
