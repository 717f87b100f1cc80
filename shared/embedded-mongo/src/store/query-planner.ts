import type { Document } from 'bson';
import { isOperatorObject } from './is-operator-object.js';
import type { IndexCatalog } from './index-catalog.js';
import { requiredFieldConditions } from './required-field-conditions.js';

/** Whether an equality value can be answered from an index's element keys. */
function indexable(value: unknown): boolean {
  return (
    value !== null &&
    value !== undefined &&
    !(value instanceof RegExp) &&
    !Array.isArray(value) &&
    !isOperatorObject(value)
  );
}

/** The values a filter condition requires a field to equal, or undefined if not equality. */
function equalityValues(condition: unknown): unknown[] | undefined {
  if (!isOperatorObject(condition)) return indexable(condition) ? [condition] : undefined;
  if ('$eq' in condition) return indexable(condition.$eq) ? [condition.$eq] : undefined;
  const $in = condition.$in;
  if (Array.isArray($in) && $in.every(indexable)) return $in;
  return undefined;
}

/**
 * Narrows a filter to the ids of candidate documents using single-field indexes (the
 * `_id` index included), so equality and `$in` lookups do not scan the collection.
 * Candidates are a superset: callers still test each one against the whole filter.
 * Returns undefined when no index applies and the collection must be scanned.
 */
export function candidateIds(
  filter: Document,
  indexes: IndexCatalog,
): ReadonlySet<string> | undefined {
  let best: ReadonlySet<string> | undefined;
  const consider = (ids: ReadonlySet<string> | undefined): void => {
    if (ids && (!best || ids.size < best.size)) best = ids;
  };
  for (const [field, condition] of requiredFieldConditions(filter)) {
    if (/(^|\.)\d+(\.|$)/.test(field)) continue;
    const values = equalityValues(condition);
    if (!values) continue;
    const index = indexes.equalityIndexFor(field);
    if (!index) continue;
    if (values.length === 1) {
      consider(index.lookup(values[0]));
    } else {
      const union = new Set<string>();
      for (const value of values) for (const id of index.lookup(value)) union.add(id);
      consider(union);
    }
  }
  return best;
}
