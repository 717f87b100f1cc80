import { Binary, Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { isPlainObject } from './value-view.js';

/**
 * Renders a value the way the server prints it in error messages, e.g. the `dup key`
 * part of an E11000 message: `{ email: "a@b" }`, `{ _id: ObjectId('…') }`.
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof Long) return value.toString();
  if (value instanceof Decimal128) return `Decimal128("${value.toString()}")`;
  if (value instanceof Timestamp) return `Timestamp(${value.t}, ${value.i})`;
  if (value instanceof Binary)
    return `BinData(${value.sub_type}, ${Buffer.from(value.buffer).toString('hex').toUpperCase()})`;
  if (value instanceof RegExp) return String(value);
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  if (isPlainObject(value)) return formatDocument(value);
  const numeric = (value as { value?: unknown }).value;
  return typeof numeric === 'number' ? String(numeric) : String(value);
}

export function formatDocument(doc: Record<string, unknown>): string {
  const keys = Object.keys(doc);
  if (keys.length === 0) return '{}';
  return `{ ${keys.map((k) => `${k}: ${formatValue(doc[k])}`).join(', ')} }`;
}
