import { Decimal128, Double, Long, type Document } from 'bson';
import { formatValue } from '../bson/format-value.js';
import { isPlainObject } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';

/**
 * The BSON type of a `$inc`/`$mul` result (manual "$inc", "$mul": "Multiplication with
 * values of mixed numeric types ... follows the type conversion rules"): the wider of the
 * field's and the argument's types, int32 < int64 < double < decimal, and an int32 result
 * that no longer fits widens to int64. Integral results are computed exactly, so an int64
 * beyond 2^53 keeps every digit.
 */
type NumericType = 'int' | 'long' | 'double' | 'decimal';

const order: NumericType[] = ['int', 'long', 'double', 'decimal'];
const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

function numericType(value: unknown): NumericType | undefined {
  if (value instanceof Long) return 'long';
  if (value instanceof Double) return 'double';
  if (value instanceof Decimal128) return 'decimal';
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) < 2 ** 31
      ? 'int'
      : 'double';
  }
  return undefined;
}

function toBigInt(value: unknown): bigint {
  return value instanceof Long ? value.toBigInt() : BigInt(value as number);
}

/**
 * Rewrites the `$inc` and `$mul` targets of `next` (exact form, changed in place) with
 * the type MongoDB gives them. `previous` is the document before the update, `args` the
 * operator's arguments with resolved paths.
 */
export function applyArithmeticTypes(
  op: '$inc' | '$mul',
  next: Document,
  previous: Document,
  args: Document,
): void {
  for (const [path, operand] of Object.entries(args)) {
    const argType = numericType(operand);
    if (!argType || argType === 'decimal') continue;
    const before = valueAt(previous, path);
    const beforeType = before === undefined ? undefined : numericType(before);
    if (before !== undefined && (!beforeType || beforeType === 'decimal')) continue;
    let type = order[Math.max(order.indexOf(beforeType ?? argType), order.indexOf(argType))];
    let result: unknown;
    if (type === 'int' || type === 'long') {
      const start = before === undefined ? 0n : toBigInt(before);
      const exact = op === '$inc' ? start + toBigInt(operand) : start * toBigInt(operand);
      if (type === 'int' && (exact < -(2n ** 31n) || exact >= 2n ** 31n)) type = 'long';
      if (exact < int64Min || exact > int64Max) {
        throw MongoCommandError.of(
          'BadValue',
          `Failed to apply ${op} operations to current value (${formatValue(before)}) for document {_id: ${formatValue(previous._id)}}`,
        );
      }
      result = type === 'int' ? Number(exact) : Long.fromBigInt(exact);
    } else {
      const computed = valueAt(next, path);
      const n = computed instanceof Long ? computed.toNumber() : Number(computed);
      result = Number.isInteger(n) && Math.abs(n) < 2 ** 31 ? new Double(n) : n;
    }
    setExisting(next, path, result);
  }
}

function valueAt(doc: unknown, path: string): unknown {
  let value = doc;
  for (const part of path.split('.')) {
    if (isPlainObject(value)) value = value[part];
    else if (Array.isArray(value) && /^\d+$/.test(part)) value = value[Number(part)];
    else return undefined;
  }
  return value;
}

function setExisting(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  const target = parts.length === 0 ? doc : valueAt(doc, parts.join('.'));
  if (Array.isArray(target)) target[Number(last)] = value;
  else if (isPlainObject(target)) target[last] = value;
}
