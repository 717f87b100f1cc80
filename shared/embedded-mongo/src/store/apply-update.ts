import { Decimal128, type Document } from 'bson';
import { bsonTypeName as typeNameOf } from '../bson/bson-type-name.js';
import { formatValue } from '../bson/format-value.js';
import { Aggregator } from 'mingo';
import { update as mingoUpdate } from 'mingo/updater';
import { canonicalKey } from '../bson/canonical-key.js';
import {
  clonePlain,
  isPlainObject,
  restoreNumericTypes,
  setField,
  toView,
} from '../bson/value-view.js';
import { fromEngineError } from '../errors/engine-error.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import { getPath, setPath } from './field-values.js';
import { isOperatorObject } from './is-operator-object.js';
import { requiredFieldConditions } from './required-field-conditions.js';
import { applyArithmeticTypes } from './arithmetic-types.js';
import { pullElements } from './pull-elements.js';
import { resolvePositionalPaths } from './resolve-positional.js';
import { assertNoWrittenConflicts } from './update-paths.js';
import { renameFields, setFields, unsetFields } from './write-fields.js';

const supportedOperators = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
  '$bit',
  '$setOnInsert',
]);

/** Operators whose arguments are stored as given, so they keep their exact BSON types. */
const storingOperators = new Set(['$push', '$addToSet']);

export interface UpdateOptions {
  arrayFilters?: Document[];
  /** The query that selected the document (view form); resolves the positional `$`. */
  filter?: Document;
  /** True when the update builds a new document for an upsert. */
  inserting?: boolean;
}

export type UpdateKind = 'replacement' | 'operators' | 'pipeline';

export function updateKind(update: unknown): UpdateKind {
  if (Array.isArray(update)) return 'pipeline';
  if (!isPlainObject(update)) {
    throw MongoCommandError.of(
      'FailedToParse',
      'Update argument must be either an object or an array',
    );
  }
  const keys = Object.keys(update);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length === 0) return 'replacement';
  if (operators.length !== keys.length) {
    const plain = keys.find((k) => !k.startsWith('$'));
    throw MongoCommandError.of(
      'FailedToParse',
      `Unknown modifier: ${plain}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  for (const op of operators) {
    if (!supportedOperators.has(op)) {
      throw MongoCommandError.of(
        'FailedToParse',
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    // mingo would treat a string's characters as fields: `{ $set: "x" }` sets field "0".
    const args = update[op];
    if (!isPlainObject(args)) {
      throw MongoCommandError.of(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${bsonTypeName(args)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(args)}}`,
      );
    }
  }
  return 'operators';
}

/**
 * Applies an update (replacement document, update operators, or pipeline) to the exact
 * form of a document and returns the new exact form. The operators run on a copy of the
 * comparable view, so `$pull` conditions, positional `$` and array filters compare
 * numbers correctly; numeric types the document had are restored afterwards.
 */
export function applyUpdate(
  previous: Document,
  update: unknown,
  options: UpdateOptions = {},
): Document {
  let next: Document;
  switch (updateKind(update)) {
    case 'replacement':
      next = replaceDocument(previous, update as Document);
      break;
    case 'pipeline':
      next = runPipeline(previous, update as Document[]);
      break;
    case 'operators':
      next = applyOperators(previous, update as Document, options);
      break;
  }
  if (previous._id !== undefined && canonicalKey(next._id) !== canonicalKey(previous._id)) {
    throw immutableId();
  }
  return next;
}

function immutableId(): MongoCommandError {
  return MongoCommandError.of(
    'ImmutableField',
    `Performing an update on the path '_id' would modify the immutable field '_id'`,
  );
}

function replaceDocument(previous: Document, replacement: Document): Document {
  // The stored document keeps its `_id` (first), followed by the replacement's fields.
  const { _id, ...rest } = replacement;
  return { _id: _id === undefined ? previous._id : _id, ...rest };
}

function runPipeline(previous: Document, pipeline: Document[]): Document {
  const [result] = new Aggregator(toView(pipeline), {}).run([clonePlain(toView(previous))]);
  return restoreNumericTypes(result ?? {}, previous) as Document;
}

function applyOperators(previous: Document, update: Document, options: UpdateOptions): Document {
  assertNoWrittenConflicts(update);
  const working = clonePlain(toView(previous));
  const resolved = resolvePositionalPaths(
    working,
    update,
    options.filter,
    toView(options.arrayFilters),
  );
  // $set, $unset, $rename and $pull are applied to the exact form afterwards (they store
  // values as given or keep elements as they are); mingo runs the other operators.
  const own: Record<string, Document> = {};
  const spec: Record<string, unknown> = {};
  for (const [op, args] of Object.entries(resolved)) {
    if (!isPlainObject(args)) continue;
    if (op === '$setOnInsert') {
      if (options.inserting) own.$set = { ...own.$set, ...args };
    } else if (op === '$set') {
      own.$set = { ...own.$set, ...args };
    } else if (op === '$unset' || op === '$rename' || op === '$pull') {
      own[op] = args;
    } else {
      spec[op] = storingOperators.has(op) ? args : toView(args);
    }
  }
  const set = own.$set;
  if (
    set &&
    '_id' in set &&
    previous._id !== undefined &&
    canonicalKey(set._id) === canonicalKey(previous._id)
  ) {
    const { _id: _unchanged, ...rest } = set;
    own.$set = rest;
  }
  assertNumericTargets(working, spec);
  assertArrayTargets(working, spec);
  dedupeAddToSetOnMissingFields(working, spec);
  if (Object.keys(spec).length > 0) {
    try {
      // Paths are resolved already, so mingo needs no filter for the positional `$`.
      mingoUpdate(working, spec, [], {}, { cloneMode: 'copy' });
    } catch (error) {
      throw asBadValue(error);
    }
  }
  const next = restoreNumericTypes(working, previous) as Document;
  if (own.$set) setFields(next, own.$set);
  if (own.$unset) unsetFields(next, own.$unset);
  if (own.$rename) renameFields(next, own.$rename);
  if (own.$pull) pullElements(next, own.$pull);
  for (const op of ['$inc', '$mul'] as const) {
    const args = resolved[op] as unknown;
    if (isPlainObject(args)) applyArithmeticTypes(op, next, previous, args);
  }
  return withNewFieldsOrdered(next, previous);
}

/**
 * mingo appends `$addToSet: { f: { $each: [...] } }` to a missing field without removing
 * repeats; MongoDB creates the array with each distinct value once.
 */
function dedupeAddToSetOnMissingFields(view: Document, spec: Record<string, unknown>): void {
  if (!isPlainObject(spec.$addToSet)) return;
  const args: Record<string, unknown> = { ...spec.$addToSet };
  spec.$addToSet = args;
  for (const [path, value] of Object.entries(args)) {
    if (path.includes('$') || getPath(view, path) !== undefined) continue;
    if (!isPlainObject(value) || !Array.isArray(value.$each)) continue;
    const seen = new Set<string>();
    const distinct = value.$each.filter((item) => {
      const key = canonicalKey(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    args[path] = { ...value, $each: distinct };
  }
}

/** `$inc`/`$mul` on a field holding a non-number fail as in MongoDB (code 14). */
function assertNumericTargets(view: Document, spec: Record<string, unknown>): void {
  for (const op of ['$inc', '$mul']) {
    const args = spec[op];
    if (!isPlainObject(args)) continue;
    for (const path of Object.keys(args)) {
      if (path.includes('$')) continue;
      const current = getPath(view, path);
      if (current === undefined || typeof current === 'number' || current instanceof Decimal128)
        continue;
      throw MongoCommandError.of(
        'TypeMismatch',
        `Cannot apply ${op} to a value of non-numeric type. {_id: ${formatValue(view._id)}} has the field '${path.split('.').pop() ?? path}' of non-numeric type ${bsonTypeName(current)}`,
      );
    }
  }
}

/** Array operators on a field holding something else fail as in MongoDB. */
function assertArrayTargets(view: Document, spec: Record<string, unknown>): void {
  for (const op of ['$push', '$addToSet', '$pop', '$pullAll']) {
    const args = spec[op];
    if (!isPlainObject(args)) continue;
    for (const path of Object.keys(args)) {
      const current = getPath(view, path);
      if (current === undefined || Array.isArray(current)) continue;
      const field = path.split('.').pop() ?? path;
      const type = typeNameOf(current);
      if (op === '$push') {
        throw MongoCommandError.of(
          'BadValue',
          `The field '${field}' must be an array but is of type ${type} in document {_id: ${formatValue(view._id)}}`,
        );
      }
      if (op === '$addToSet') {
        throw MongoCommandError.of(
          'BadValue',
          `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${type}`,
        );
      }
      if (op === '$pop') {
        throw MongoCommandError.of(
          'TypeMismatch',
          `Path '${path}' contains an element of non-array type '${type}'`,
        );
      }
      throw MongoCommandError.of('BadValue', 'Cannot apply $pull to a non-array value');
    }
  }
}

function bsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (isPlainObject(value)) return 'object';
  return typeof value;
}

/**
 * Since MongoDB 5.0, update operators process fields in lexicographic order, so fields an
 * update adds come after the existing ones, sorted by name (numeric names numerically).
 */
function withNewFieldsOrdered(next: Document, previous: Document): Document {
  const added = Object.keys(next).filter((key) => !Object.hasOwn(previous, key));
  if (added.length < 2) return next;
  const out: Document = {};
  for (const key of Object.keys(next))
    if (Object.hasOwn(previous, key)) setField(out, key, next[key]);
  added.sort(compareFieldNames);
  for (const key of added) setField(out, key, next[key]);
  return out;
}

function compareFieldNames(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function asBadValue(error: unknown): MongoCommandError {
  if (error instanceof Error && error.message.includes("immutable field '_id'"))
    return immutableId();
  return fromEngineError(error);
}

/**
 * The document an upsert starts from: the equality conditions of the filter
 * (`{ a: 1 }`, `{ a: { $eq: 1 } }`, inside `$and`), as MongoDB seeds it.
 */
export function seedFromFilter(filter: Document): Document {
  const seed: Record<string, unknown> = {};
  for (const [field, condition] of requiredFieldConditions(filter)) {
    if (!isOperatorObject(condition)) setPath(seed, field, clonePlain(condition));
    else if ('$eq' in condition) setPath(seed, field, clonePlain(condition.$eq));
  }
  return seed;
}
