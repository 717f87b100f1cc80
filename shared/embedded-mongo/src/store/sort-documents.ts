import type { Document } from 'bson';
import { compareValues } from '../bson/compare-values.js';
import { toView } from '../bson/value-view.js';
import { fieldValues } from './field-values.js';
import type { StoredDocument } from './stored-document.js';

/** Marks "the field is an empty array", which sorts before null and missing fields. */
const emptyArray = Symbol('empty array');

/**
 * The value a document sorts by on `path` (manual "Sort Order"): a missing field sorts as
 * null; for an array, an ascending sort uses its smallest element and a descending sort
 * its largest.
 */
function sortKey(doc: Document, path: string, direction: number): unknown {
  const values = fieldValues(doc, path);
  if (values.length === 0) return null;
  if (values.length === 1 && values[0] === undefined) return emptyArray;
  let best: unknown = values[0];
  for (const value of values.slice(1)) {
    const order = compareValues(value, best);
    if (direction > 0 ? order < 0 : order > 0) best = value;
  }
  return best;
}

function compareKeys(a: unknown, b: unknown): number {
  if (a === emptyArray || b === emptyArray) return a === b ? 0 : a === emptyArray ? -1 : 1;
  return compareValues(a, b);
}

/** Sorts stored documents by a sort specification (stable, so ties keep natural order). */
export function sortDocuments(
  docs: StoredDocument[],
  sort: Document | undefined,
): StoredDocument[] {
  if (!sort || Object.keys(sort).length === 0 || docs.length < 2) return docs;
  // `{ $natural: -1 }` is reverse insertion order, which is the order docs come in.
  if ('$natural' in sort) return Number(toView(sort.$natural)) < 0 ? [...docs].reverse() : docs;
  const fields = Object.entries(toView(sort)).map(([path, dir]) => ({
    path,
    direction: Number(dir) < 0 ? -1 : 1,
  }));
  const keyed = docs.map((doc) => ({
    doc,
    // The exact form, so int64 values beyond 2^53 sort by every digit.
    keys: fields.map((f) => sortKey(doc.exact, f.path, f.direction)),
  }));
  keyed.sort((x, y) => {
    for (let i = 0; i < fields.length; i++) {
      const order = compareKeys(x.keys[i], y.keys[i]);
      if (order !== 0) return order * (fields[i] as { direction: number }).direction;
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}
