import { Binary, calculateObjectSize, type Document } from 'bson';
import { isPlainObject } from '../bson/value-view.js';
import { maxBsonObjectSize } from '../commands/server-constants.js';
import { MongoCommandError } from '../errors/mongo-error.js';

/**
 * MongoDB's limits for stored documents (manual "MongoDB Limits and Thresholds"): "The
 * maximum BSON document size is 16 mebibytes" and "MongoDB supports no more than 100
 * levels of nesting for BSON documents. Each object or array adds a level." The document
 * itself is level 1, as the server counts.
 */
export const maxNestingDepth = 100;

const variableSizeTypes = new Set(['Code', 'DBRef', 'BSONSymbol', 'BSONRegExp']);

/** Refuses a document to insert (`'insert'`) or the result of an update (`'update'`). */
export function assertStorable(doc: Document, kind: 'insert' | 'update'): void {
  const { tooDeep, maybeLarge } = walk(doc);
  if (tooDeep) {
    throw MongoCommandError.of(
      'Overflow',
      `Document exceeds maximum nesting depth of ${maxNestingDepth}`,
    );
  }
  if (!maybeLarge) return;
  const size = calculateObjectSize(doc, { ignoreUndefined: true });
  if (size <= maxBsonObjectSize) return;
  if (kind === 'insert') {
    throw MongoCommandError.of(
      'BadValue',
      `object to insert too large. size in bytes: ${size}, max size: ${maxBsonObjectSize}`,
    );
  }
  throw MongoCommandError.of(
    'Location17419',
    `Resulting document after update is larger than ${maxBsonObjectSize}`,
  );
}

/**
 * One pass without recursion: whether nesting passes the limit, and whether the document
 * may be over the size limit (an upper bound on its encoded size reaches it), in which
 * case the exact size is computed. Small documents, the usual case, skip that.
 */
function walk(doc: Document): { tooDeep: boolean; maybeLarge: boolean } {
  let bound = 5;
  const stack: [Record<string, unknown> | unknown[], number][] = [[doc, 1]];
  while (stack.length > 0) {
    const [container, depth] = stack.pop() as [Record<string, unknown> | unknown[], number];
    const keys = Array.isArray(container) ? null : Object.keys(container);
    const length = keys ? keys.length : (container as unknown[]).length;
    for (let i = 0; i < length; i++) {
      const key = keys ? (keys[i] as string) : String(i);
      const value = keys
        ? (container as Record<string, unknown>)[key]
        : (container as unknown[])[i];
      // type byte, key as UTF-8 (at most 3 bytes per UTF-16 unit) and its terminator
      bound += 2 + key.length * 3;
      if (isPlainObject(value) || Array.isArray(value)) {
        if (depth >= maxNestingDepth) return { tooDeep: true, maybeLarge: false };
        bound += 5;
        stack.push([value, depth + 1]);
      } else if (typeof value === 'string') {
        bound += 5 + value.length * 3;
      } else if (value instanceof Binary) {
        bound += 5 + value.length();
      } else {
        // Every other BSON value is at most 16 bytes, except regular expressions and the
        // string-carrying types, whose size is then computed exactly.
        bound += value instanceof RegExp ? 2 + String(value).length * 3 : 16;
        if (variableSizeTypes.has((value as { _bsontype?: string } | null)?._bsontype ?? ''))
          bound = Infinity;
      }
    }
  }
  return { tooDeep: false, maybeLarge: bound > maxBsonObjectSize };
}
