/** MongoDB's error code for a write that breaks a unique index (E11000). */
export const duplicateKeyErrorCode = 11000;

interface DuplicateKeyFields {
  code?: unknown;
  keyPattern?: unknown;
  keyValue?: unknown;
}

/**
 * Whether a write failed on a unique index (E11000). With `key`, only when that index
 * covers the field, as the server reports it in `keyPattern` (or `keyValue`).
 */
export function isDuplicateKeyError(error: unknown, key?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, keyPattern, keyValue } = error as DuplicateKeyFields;
  if (code !== duplicateKeyErrorCode) return false;
  if (key === undefined) return true;
  return hasField(keyPattern, key) || hasField(keyValue, key);
}

function hasField(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key);
}
