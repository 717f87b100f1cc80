import { isPlainObject } from '../bson/value-view.js';

/** `{ $gt: 1 }` rather than an embedded document to compare with: a key starts with `$`. */
export function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'));
}
