import { Binary, Decimal128, Double, EJSON, Int32, Long, ObjectId } from 'bson';
import { isPlainObject } from './value-view.js';

const maxSafe = Long.fromNumber(Number.MAX_SAFE_INTEGER);
const minSafe = Long.fromNumber(Number.MIN_SAFE_INTEGER);

/**
 * A string that is equal for two values exactly when MongoDB considers them equal in an
 * index: numbers compare by value whatever their BSON type, documents by ordered fields.
 * Used as the key of the per-index hash maps.
 */
export function canonicalKey(value: unknown): string {
  // int64 values beyond 2^53 keep every digit; within it they equal the same number.
  if (value instanceof Long) {
    return value.lessThanOrEqual(maxSafe) && value.greaterThanOrEqual(minSafe)
      ? `n:${value.toNumber()}`
      : `n:${value.toString()}`;
  }
  const v = value instanceof Double || value instanceof Int32 ? value.value : value;
  if (v === undefined || v === null) return 'z';
  switch (typeof v) {
    case 'number':
      return `n:${Object.is(v, -0) ? 0 : v}`;
    case 'string':
      return `s:${v}`;
    case 'boolean':
      return `b:${v}`;
    case 'bigint':
      return `n:${v}`;
    default:
      break;
  }
  if (v instanceof ObjectId) return `o:${v.toHexString()}`;
  if (v instanceof Date) return `d:${v.getTime()}`;
  if (v instanceof Decimal128) {
    const n = Number(v.toString());
    return Number.isFinite(n) && String(n) === v.toString() ? `n:${n}` : `m:${v.toString()}`;
  }
  if (v instanceof Binary) return `x:${v.sub_type}:${Buffer.from(v.buffer).toString('base64')}`;
  if (v instanceof RegExp) return `r:${v.source}/${v.flags}`;
  if (Array.isArray(v)) return `a:[${v.map(canonicalKey).join(',')}]`;
  if (isPlainObject(v)) {
    return `O:{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${canonicalKey(v[k])}`)
      .join(',')}}`;
  }
  return `e:${EJSON.stringify(v as never, { relaxed: false })}`;
}
