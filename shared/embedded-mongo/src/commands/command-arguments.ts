import type { Document } from 'bson';
import { rememberExactForm } from '../bson/exact-forms.js';
import { isPlainObject, toView } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';

/** The collection name a command addresses, e.g. `{ find: "users" }`. */
export function collectionName(command: Document, commandName: string): string {
  const name = command[commandName];
  if (typeof name !== 'string' || name.length === 0) {
    throw MongoCommandError.of(
      'InvalidNamespace',
      `collection name has invalid type ${name === undefined ? 'missing' : typeof name}`,
    );
  }
  return name;
}

/** An optional document argument, as a filter in view form. */
export function filterArgument(value: unknown, field: string): Document {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    throw MongoCommandError.of(
      'TypeMismatch',
      `BSON field '${field}' is the wrong type, expected type 'object'`,
    );
  }
  assertArrayOperands(value);
  const view = toView(value);
  rememberExactForm(view, value);
  return view;
}

const arrayOperators = new Set(['$in', '$nin', '$all']);

/** `$in`, `$nin` and `$all` need arrays; MongoDB says so before running anything. */
function assertArrayOperands(filter: unknown): void {
  if (Array.isArray(filter)) {
    for (const item of filter) assertArrayOperands(item);
    return;
  }
  if (!isPlainObject(filter)) return;
  for (const [key, value] of Object.entries(filter)) {
    if (arrayOperators.has(key) && !Array.isArray(value)) {
      throw MongoCommandError.of('BadValue', `${key} needs an array`);
    }
    assertArrayOperands(value);
  }
}

/** An optional numeric argument (int32, int64 or double in the command). */
export function numberArgument(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const n = Number(toView(value));
  return Number.isFinite(n) ? n : fallback;
}
