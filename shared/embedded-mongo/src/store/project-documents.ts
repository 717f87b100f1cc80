import type { Document } from 'bson';
import { Query } from 'mingo';
import {
  clonePlain,
  isPlainObject,
  restoreNumericTypes,
  setField,
  toView,
} from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import { elementPredicate } from './element-predicate.js';
import { getPath, setPath } from './field-values.js';
import type { StoredDocument } from './stored-document.js';

/**
 * Applies a find projection (inclusion, exclusion, `$slice`, `$elemMatch`, positional)
 * to documents. Inclusion, exclusion and the positional `$` run in mingo on the views
 * (so operators compare numbers correctly), then the exact numeric types are restored
 * from the stored documents. `$slice` and `$elemMatch` take their elements from the
 * exact documents, as MongoDB applies them (manual "$slice (projection)", "$elemMatch
 * (projection)"): `$slice` keeps the other fields unless the projection includes fields,
 * `$elemMatch` returns the first matching element after the other included fields.
 */
export function projectDocuments(
  docs: StoredDocument[],
  projection: Document | undefined,
  filter: Document = {},
): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs.map((d) => d.exact);
  const { rest, slices, elemMatches } = splitProjection(toView(projection));
  const restKeys = Object.keys(rest);
  const excludes = restKeys.some((k) => k !== '_id' && (rest[k] === 0 || rest[k] === false));
  // `$elemMatch` includes its field unless the projection excludes others.
  if (!excludes) for (const [field] of elemMatches) rest[field] = 1;
  const projected =
    Object.keys(rest).length === 0
      ? docs.map((d) => clonePlain(d.exact))
      : // The documents already match the filter; it is passed for the positional `$` only.
        // mingo may change embedded documents of its input in place, so it gets copies.
        (
          new Query(filter, {})
            .find(
              docs.map((d) => clonePlain(d.view)),
              rest,
            )
            .all() as Document[]
        ).map((doc, i) => restoreNumericTypes(doc, docs[i]?.exact) as Document);
  return projected.map((doc, i) => {
    const exact = docs[i]?.exact ?? {};
    for (const [path, spec] of slices) {
      const value = getPath(exact, path);
      if (value !== undefined)
        setPath(doc, path, Array.isArray(value) ? slice(value, spec) : value);
    }
    const ordered = inOriginalOrder(doc, exact);
    for (const [field, matches] of elemMatches) {
      delete ordered[field];
      const value = exact[field];
      const found = Array.isArray(value) ? value.find((e) => matches(toView(e))) : undefined;
      if (found !== undefined) ordered[field] = [found];
    }
    return ordered;
  });
}

type SliceSpec = number | [number, number];

function splitProjection(projection: Document): {
  rest: Document;
  slices: [string, SliceSpec][];
  elemMatches: [string, (element: unknown) => boolean][];
} {
  const rest: Document = {};
  const slices: [string, SliceSpec][] = [];
  const elemMatches: [string, (element: unknown) => boolean][] = [];
  for (const [path, value] of Object.entries(projection)) {
    const keys = isPlainObject(value) ? Object.keys(value) : [];
    if (keys.length === 1 && keys[0] === '$slice') {
      slices.push([path, sliceSpec((value as Document).$slice)]);
    } else if (keys.length === 1 && keys[0] === '$elemMatch') {
      if (path.includes('.')) {
        throw MongoCommandError.of(
          'BadValue',
          'Cannot use $elemMatch projection on a nested field.',
        );
      }
      const condition: unknown = (value as Document).$elemMatch;
      if (!isPlainObject(condition)) {
        throw MongoCommandError.of('BadValue', 'elemMatch: Invalid argument, object required.');
      }
      elemMatches.push([path, elementPredicate(condition)]);
    } else {
      rest[path] = value;
    }
  }
  return { rest, slices, elemMatches };
}

function sliceSpec(value: unknown): SliceSpec {
  if (typeof value === 'number') return Math.trunc(value);
  if (Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number')) {
    const [skip, limit] = value as [number, number];
    if (limit <= 0) {
      throw MongoCommandError.of(
        'BadValue',
        `Invalid $slice syntax. The limit must be positive: ${limit}`,
      );
    }
    return [Math.trunc(skip), Math.trunc(limit)];
  }
  throw MongoCommandError.of('BadValue', '$slice only supports numbers and [skip, limit] arrays');
}

/** `n` first (or last when negative) elements; `[skip, limit]` with skip from the end when negative. */
function slice(array: unknown[], spec: SliceSpec): unknown[] {
  if (typeof spec === 'number') {
    return spec >= 0 ? array.slice(0, spec) : array.slice(Math.max(array.length + spec, 0));
  }
  const [skip, limit] = spec;
  const start = skip < 0 ? Math.max(array.length + skip, 0) : Math.min(skip, array.length);
  return array.slice(start, start + limit);
}

/** Projected fields keep the order they have in the stored document (so `_id` stays first). */
function inOriginalOrder(projected: Document, original: Document | undefined): Document {
  if (!original) return projected;
  const out: Document = {};
  for (const key of Object.keys(original))
    if (Object.hasOwn(projected, key)) setField(out, key, projected[key]);
  for (const key of Object.keys(projected))
    if (!Object.hasOwn(out, key)) setField(out, key, projected[key]);
  return out;
}
