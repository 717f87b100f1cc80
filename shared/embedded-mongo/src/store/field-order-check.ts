import type { Document } from 'bson';
import { canonicalKey } from '../bson/canonical-key.js';
import { isPlainObject } from '../bson/value-view.js';
import { isOperatorObject } from './is-operator-object.js';
import { fieldValues } from './field-values.js';
import { requiredFieldConditions } from './required-field-conditions.js';

/** Embedded documents a condition requires equality with: `{ f: {..} }`, `$eq`, `$in`. */
function requiredDocuments(condition: unknown): Record<string, unknown>[] | undefined {
  if (isPlainObject(condition) && !isOperatorObject(condition)) return [condition];
  if (!isPlainObject(condition)) return undefined;
  if (isPlainObject(condition.$eq) && !isOperatorObject(condition.$eq)) return [condition.$eq];
  const $in = condition.$in;
  if (
    Array.isArray($in) &&
    $in.length > 0 &&
    $in.every((v) => isPlainObject(v) && !isOperatorObject(v))
  ) {
    return $in as Record<string, unknown>[];
  }
  return undefined;
}

/**
 * mingo compares embedded documents regardless of field order, MongoDB does not
 * (`{ size: { w: 21, h: 14 } }` does not match `{ size: { h: 14, w: 21 } }`). This builds
 * the extra check for a filter's embedded-document equalities (top level and `$and`), to
 * run on documents mingo already matched; undefined when the filter has none.
 */
export function fieldOrderCheck(filter: Document): ((view: Document) => boolean) | undefined {
  const checks: ((view: Document) => boolean)[] = [];
  for (const [field, condition] of requiredFieldConditions(filter)) {
    const docs = requiredDocuments(condition);
    if (!docs) continue;
    const wanted = new Set(docs.map(canonicalKey));
    checks.push((view) =>
      fieldValues(view, field).some((value) => wanted.has(canonicalKey(value))),
    );
  }
  if (checks.length === 0) return undefined;
  return (view) => checks.every((check) => check(view));
}
