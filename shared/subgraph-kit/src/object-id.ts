import { Types } from 'mongoose';

const objectIdPattern = /^[0-9a-f]{24}$/i;

/** The ObjectId an API id stands for, or null when it cannot be one (so lookups miss). */
export function parseObjectId(id: string): Types.ObjectId | null {
  return objectIdPattern.test(id) ? new Types.ObjectId(id) : null;
}
