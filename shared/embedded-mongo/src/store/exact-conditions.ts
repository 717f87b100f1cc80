import { Decimal128, Double, Long, type Document } from 'bson';
import { bsonTypeName } from '../bson/bson-type-name.js';
import { compareValues } from '../bson/compare-values.js';
import { isPlainObject } from '../bson/value-view.js';
import { fieldValues } from './field-values.js';

/**
 * Conditions the comparable view cannot answer, because it turns every number into a JS
 * number: `$type` of a numeric type (an int32 1, an int64 1 and a double 1.0 look alike),
 * and comparisons with an int64 beyond 2^53 (which the view rounds). They are taken out
 * of the filter mingo sees and checked on the exact form instead, for the conditions
 * every match must satisfy (top level and `$and`; see requiredFieldConditions). Inside
 * `$or`, `$nor`, `$not` and `$elemMatch` the view's answer stands (README, known differences).
 */
export interface ExactSplit {
  /** The view-form filter without the conditions moved to {@link check}. */
  filter: Document;
  check?: (exact: Document) => boolean;
}

type Check = (exact: Document) => boolean;

export function splitExactConditions(view: Document, exact: Document): ExactSplit {
  const checks: Check[] = [];
  const filter = split(view, exact, checks);
  if (checks.length === 0) return { filter: view };
  return { filter, check: (doc) => checks.every((check) => check(doc)) };
}

function split(view: Document, exact: Document, checks: Check[]): Document {
  let out: Document | undefined;
  for (const key of Object.keys(view)) {
    const v = view[key];
    const e: unknown = exact[key];
    let next: unknown = v;
    if (key === '$and' && Array.isArray(v) && Array.isArray(e)) {
      const parts = v.map((part, i) =>
        isPlainObject(part) && isPlainObject(e[i]) ? split(part, e[i], checks) : part,
      );
      if (parts.some((part, i) => part !== v[i])) next = parts;
    } else if (!key.startsWith('$')) {
      next = splitCondition(key, v, e, checks);
    }
    if (next !== v) {
      out ??= { ...view };
      if (next === undefined) delete out[key];
      else out[key] = next;
    }
  }
  return out ?? view;
}

/** The condition left for mingo (undefined when nothing is left), pushing exact checks. */
function splitCondition(field: string, view: unknown, exact: unknown, checks: Check[]): unknown {
  if (isUnsafeLong(exact)) {
    checks.push((doc) => fieldValues(doc, field).some((value) => numericEqual(value, exact)));
    return undefined;
  }
  if (!isPlainObject(view) || !isPlainObject(exact)) return view;
  let rest: Record<string, unknown> | undefined;
  for (const op of Object.keys(exact)) {
    const check = exactCheck(field, op, exact[op]);
    if (!check) continue;
    checks.push(check);
    rest ??= { ...view };
    delete rest[op];
  }
  if (!rest) return view;
  return Object.keys(rest).length === 0 ? undefined : rest;
}

function exactCheck(field: string, op: string, operand: unknown): Check | undefined {
  const values = (doc: Document) => fieldValues(doc, field);
  switch (op) {
    case '$type': {
      const wanted = (Array.isArray(operand) ? operand : [operand]).map(typeAlias);
      if (!wanted.some((alias) => numericAliases.has(alias))) return undefined;
      return (doc) => values(doc).some((value) => wanted.some((alias) => hasType(value, alias)));
    }
    case '$eq':
      if (!isUnsafeLong(operand)) return undefined;
      return (doc) => values(doc).some((value) => numericEqual(value, operand));
    case '$ne':
      if (!isUnsafeLong(operand)) return undefined;
      return (doc) => !values(doc).some((value) => numericEqual(value, operand));
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      if (!isUnsafeLong(operand)) return undefined;
      const accept = ranges[op] as (order: number) => boolean;
      return (doc) =>
        values(doc).some((value) => isNumber(value) && accept(compareValues(value, operand)));
    }
    case '$in':
    case '$nin': {
      if (!Array.isArray(operand) || !operand.some(isUnsafeLong) || !operand.every(isNumber))
        return undefined;
      const inList = (doc: Document) =>
        values(doc).some((value) => operand.some((item) => numericEqual(value, item)));
      return op === '$in' ? inList : (doc) => !inList(doc);
    }
    default:
      return undefined;
  }
}

const ranges: Record<string, (order: number) => boolean> = {
  $gt: (order) => order > 0,
  $gte: (order) => order >= 0,
  $lt: (order) => order < 0,
  $lte: (order) => order <= 0,
};

const numericAliases = new Set(['int', 'long', 'double', 'number']);

/** `$type` takes names or BSON type numbers (manual "$type", "Available Types"). */
const typeNumbers: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};

function typeAlias(value: unknown): string {
  const n =
    value instanceof Long ? value.toNumber() : value instanceof Double ? value.value : value;
  return typeof n === 'number' ? (typeNumbers[n] ?? String(n)) : String(n);
}

function hasType(value: unknown, alias: string): boolean {
  if (value === undefined) return false;
  const name = value instanceof RegExp ? 'regex' : bsonTypeName(value);
  if (alias === 'number') return ['int', 'long', 'double', 'decimal'].includes(name);
  return name === alias;
}

function isNumber(value: unknown): boolean {
  return (
    typeof value === 'number' ||
    value instanceof Long ||
    value instanceof Double ||
    value instanceof Decimal128
  );
}

function isUnsafeLong(value: unknown): value is Long {
  return (
    value instanceof Long &&
    (value.greaterThan(Number.MAX_SAFE_INTEGER) || value.lessThan(Number.MIN_SAFE_INTEGER))
  );
}

function numericEqual(value: unknown, wanted: unknown): boolean {
  return isNumber(value) && compareValues(value, wanted) === 0;
}
