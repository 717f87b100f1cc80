import { Types } from 'mongoose';
import type { Viewer } from '@fedshop/auth';
import { internalTokenHeaders } from '@fedshop/testing';

export const newId = () => new Types.ObjectId().toHexString();

export function buildViewer(overrides: Partial<Viewer> = {}): Viewer {
  return { userId: newId(), role: 'CUSTOMER', ...overrides };
}

/** The internal token the gateway sends orders for this viewer (null: an anonymous caller). */
export const as = (viewer: Viewer | null): Record<string, string> =>
  internalTokenHeaders('orders', viewer);
