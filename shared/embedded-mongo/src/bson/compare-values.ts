import {
  Binary,
  BSONRegExp,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';
import { isPlainObject } from './value-view.js';

/**
 * MongoDB's comparison order of BSON types (manual "Comparison/Sort Order"):
 * MinKey < null < numbers < strings < objects < arrays < binary < ObjectId < booleans
 * < dates < timestamps < regular expressions < MaxKey.
 */
function typeRank(value: unknown): number {
  if (value instanceof MinKey) return 0;
  if (value === null || value === undefined) return 1;
  if (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    value instanceof Long ||
    value instanceof Double ||
    value instanceof Int32 ||
    value instanceof Decimal128
  )
    return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 5;
  if (value instanceof Binary) return 6;
  if (value instanceof ObjectId) return 7;
  if (typeof value === 'boolean') return 8;
  if (value instanceof Date) return 9;
  if (value instanceof Timestamp) return 10;
  if (value instanceof RegExp || value instanceof BSONRegExp) return 11;
  if (value instanceof MaxKey) return 12;
  return 4;
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Double || value instanceof Int32) return value.value;
  return Number(String(value));
}

/**
 * Numbers compare by value across types; an int64 compares exactly (its double
 * approximation would make 2^53 + 1 equal 2^53). Decimal128 compares as its nearest double.
 */
function compareNumbers(a: unknown, b: unknown): number {
  const exactA = a instanceof Long ? a.toBigInt() : typeof a === 'bigint' ? a : undefined;
  const exactB = b instanceof Long ? b.toBigInt() : typeof b === 'bigint' ? b : undefined;
  if (exactA !== undefined && exactB !== undefined)
    return exactA < exactB ? -1 : exactA > exactB ? 1 : 0;
  if (exactA !== undefined) return compareBigIntToNumber(exactA, toNumber(b));
  if (exactB !== undefined) return -compareBigIntToNumber(exactB, toNumber(a));
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
  return sign(x - y);
}

function compareBigIntToNumber(big: bigint, n: number): number {
  if (Number.isNaN(n)) return 1;
  if (!Number.isFinite(n)) return n > 0 ? -1 : 1;
  const floor = Math.floor(n);
  const whole = BigInt(floor);
  if (big !== whole) return big < whole ? -1 : 1;
  return n > floor ? -1 : 0;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares two BSON values the way MongoDB orders them (simple binary collation). */
export function compareValues(a: unknown, b: unknown): number {
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return sign(rankA - rankB);
  switch (rankA) {
    case 2:
      return compareNumbers(a, b);
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 4:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case 5:
      return compareArrays(a as unknown[], b as unknown[]);
    case 6: {
      const x = a as Binary;
      const y = b as Binary;
      if (x.length() !== y.length()) return sign(x.length() - y.length());
      if (x.sub_type !== y.sub_type) return sign(x.sub_type - y.sub_type);
      return sign(Buffer.compare(Buffer.from(x.buffer), Buffer.from(y.buffer)));
    }
    case 7:
      return sign(Buffer.compare(Buffer.from((a as ObjectId).id), Buffer.from((b as ObjectId).id)));
    case 8:
      return sign(Number(a) - Number(b));
    case 9:
      return sign((a as Date).getTime() - (b as Date).getTime());
    case 10:
      return (a as Timestamp).compare(b as Timestamp);
    case 11:
      return String(a) === String(b) ? 0 : String(a) < String(b) ? -1 : 1;
    default:
      return 0;
  }
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  if (!isPlainObject(a) || !isPlainObject(b)) return 0;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  for (let i = 0; i < Math.min(keysA.length, keysB.length); i++) {
    const keyA = keysA[i] as string;
    const keyB = keysB[i] as string;
    const byType = sign(typeRank(a[keyA]) - typeRank(b[keyB]));
    if (byType !== 0) return byType;
    if (keyA !== keyB) return keyA < keyB ? -1 : 1;
    const byValue = compareValues(a[keyA], b[keyB]);
    if (byValue !== 0) return byValue;
  }
  return sign(keysA.length - keysB.length);
}

function compareArrays(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const byValue = compareValues(a[i], b[i]);
    if (byValue !== 0) return byValue;
  }
  return sign(a.length - b.length);
}
