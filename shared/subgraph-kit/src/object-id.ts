import { Types } from 'mongoose';

const objectIdPattern = /^[0-9a-f]{24}$/i;

/**
 * The ObjectId an API id stands for, or null when it cannot be one (so lookups miss).
 * Takes `unknown` because entity representations carry untyped client JSON (`_Any`).
 */
export function parseObjectId(id: unknown): Types.ObjectId | null {
  return typeof id === 'string' && objectIdPattern.test(id) ? new Types.ObjectId(id) : null;
}

/**
 * An id as the services issue and store it (lower-case hex), or null when it cannot be
 * an ObjectId, so ids compare equal whatever case the client used.
 */
export function canonicalId(id: unknown): string | null {
  return typeof id === 'string' && objectIdPattern.test(id) ? id.toLowerCase() : null;
}
