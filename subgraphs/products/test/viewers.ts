import type { Viewer } from '@fedshop/auth';
import { internalTokenHeaders } from '@fedshop/testing';

export const admin: Viewer = { userId: '64b000000000000000000001', role: 'ADMIN' };
export const customer: Viewer = { userId: '64b000000000000000000002', role: 'CUSTOMER' };

/** The internal token the gateway would send products for this viewer (null: anonymous). */
export const as = (viewer: Viewer | null): Record<string, string> =>
  internalTokenHeaders('products', viewer);
