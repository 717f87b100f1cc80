import { Types } from 'mongoose';
import { viewerToHeaders, type Viewer } from '@fedshop/auth';

export const newId = () => new Types.ObjectId().toHexString();

export function buildViewer(overrides: Partial<Viewer> = {}): Viewer {
  return { userId: newId(), role: 'CUSTOMER', ...overrides };
}

/** The identity headers the gateway forwards for this viewer; none for an anonymous caller. */
export const as = (viewer: Viewer | null): Record<string, string> =>
  viewer ? viewerToHeaders(viewer) : {};
