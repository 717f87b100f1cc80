import type { Document } from 'bson';
import { bsonTypeName } from '../bson/bson-type-name.js';
import { isPlainObject, toView } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';

/**
 * Typed command arguments, checked the way MongoDB's IDL parser checks them: a value of
 * the wrong BSON type is TypeMismatch (14) naming `<path>.<field>` and the expected types,
 * a negative count is Location51024. `path` is the command name, or e.g. `update.updates`
 * for a field of a statement. Absent and null mean "not given".
 */

const numericTypes = ['long', 'int', 'decimal', 'double'];

function wrongType(path: string, field: string, value: unknown, expected: string[]): never {
  const wanted =
    expected.length === 1 ? `type '${expected[0]}'` : `types '[${expected.join(', ')}]'`;
  throw MongoCommandError.of(
    'TypeMismatch',
    `BSON field '${path}.${field}' is the wrong type '${bsonTypeName(value)}', expected ${wanted}`,
  );
}

function isNumeric(value: unknown): boolean {
  return numericTypes.includes(bsonTypeName(value));
}

function toNumber(value: unknown): number {
  const view = toView(value);
  // Decimal128 has no numeric view; its string form parses exactly enough for counts.
  return typeof view === 'number' ? view : Number(String(value));
}

/** A number of any numeric BSON type (int, long, double, decimal). */
export function optionalNumber(doc: Document, path: string, field: string): number | undefined {
  const value: unknown = doc[field];
  if (value === undefined || value === null) return undefined;
  if (!isNumeric(value)) wrongType(path, field, value, numericTypes);
  return toNumber(value);
}

/** A count such as `skip` or `batchSize`: numeric and not negative. */
export function optionalNonNegativeNumber(
  doc: Document,
  path: string,
  field: string,
): number | undefined {
  const n = optionalNumber(doc, path, field);
  if (n !== undefined && n < 0) {
    throw MongoCommandError.of(
      'Location51024',
      `BSON field '${field}' value must be >= 0, actual value '${Math.trunc(n)}'`,
    );
  }
  return n;
}

/** A flag; MongoDB also takes numbers for these (non-zero is true). */
export function optionalBoolean(doc: Document, path: string, field: string): boolean | undefined {
  const value: unknown = doc[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (!isNumeric(value)) wrongType(path, field, value, ['bool', ...numericTypes]);
  return toNumber(value) !== 0;
}

export function optionalDocument(doc: Document, path: string, field: string): Document | undefined {
  const value: unknown = doc[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) wrongType(path, field, value, ['object']);
  return value;
}

export function optionalArray(doc: Document, path: string, field: string): unknown[] | undefined {
  const value: unknown = doc[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) wrongType(path, field, value, ['array']);
  return value;
}

/** An array argument that must be given, e.g. `update.updates`. */
export function requiredArray(doc: Document, path: string, field: string): unknown[] {
  const value = optionalArray(doc, path, field);
  if (value === undefined) {
    throw MongoCommandError.of(
      'Location40414',
      `BSON field '${path}.${field}' is missing but a required field`,
    );
  }
  return value;
}

/** An array whose every element is a document, e.g. the statements of `delete`. */
export function requiredDocumentArray(doc: Document, path: string, field: string): Document[] {
  const items = requiredArray(doc, path, field);
  items.forEach((item, index) => {
    if (!isPlainObject(item)) wrongType(`${path}.${field}`, String(index), item, ['object']);
  });
  return items as Document[];
}

/** Like {@link requiredDocumentArray}, for an optional array such as `arrayFilters`. */
export function optionalDocumentArray(
  doc: Document,
  path: string,
  field: string,
): Document[] | undefined {
  if (doc[field] === undefined || doc[field] === null) return undefined;
  return requiredDocumentArray(doc, path, field);
}
