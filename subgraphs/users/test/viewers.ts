import type { Viewer } from '@fedshop/auth';
import { internalTokenHeaders } from '@fedshop/testing';

/** The internal token the gateway would send users for this viewer (null: anonymous). */
export const as = (viewer: Viewer | null): Record<string, string> =>
  internalTokenHeaders('users', viewer);
