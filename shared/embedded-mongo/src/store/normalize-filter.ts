import type { Document } from 'bson';
import { isPlainObject } from '../bson/value-view.js';

/**
 * Rewrites query shapes mingo answers differently from MongoDB into equivalent ones it
 * answers as MongoDB does. `{ f: { $all: [a, b] } }` is, per the manual ("$all":
 * "equivalent to an $and operation of the specified values"), `{ $and: [{ f: a },
 * { f: b }] }`; written that way it also matches a non-array field equal to the single
 * value and applies regular expressions and `$elemMatch` per value. An empty `$all`
 * matches nothing. Returns the same object when nothing needs rewriting.
 */
export function normalizeFilter(filter: Document): Document {
  let out: Document | undefined;
  const extra: Document[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    let next: unknown = condition;
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (Array.isArray(condition)) {
        const parts = condition.map((part) => (isPlainObject(part) ? normalizeFilter(part) : part));
        if (parts.some((part, i) => part !== condition[i])) next = parts;
      }
    } else if (!key.startsWith('$') && isPlainObject(condition) && Array.isArray(condition.$all)) {
      const { $all, ...others } = condition;
      const values = $all as unknown[];
      extra.push(
        ...(values.length === 0
          ? [{ _id: { $in: [] } }]
          : values.map((value) => ({ [key]: allValue(value) }))),
      );
      if (Object.keys(others).length > 0) extra.push({ [key]: others });
      out ??= { ...filter };
      delete out[key];
      continue;
    }
    if (next !== condition) {
      out ??= { ...filter };
      out[key] = next;
    }
  }
  if (!out) return filter;
  if (extra.length > 0) out.$and = [...(Array.isArray(out.$and) ? out.$and : []), ...extra];
  return out;
}

/** One `$all` value as an equality condition; `{ $elemMatch }` stays a condition. */
function allValue(value: unknown): unknown {
  if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
    return '$elemMatch' in value ? value : { $eq: value };
  }
  return value;
}
