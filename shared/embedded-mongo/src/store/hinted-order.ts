import type { Document } from 'bson';
import { isPlainObject } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import type { Collection } from './collection.js';

/**
 * The order a `hint` imposes when no sort is given: a hinted index is scanned in key
 * order, so documents come back sorted by its key (ties in insertion order); `$natural`
 * keeps insertion order. The hint names an index by key pattern or name (manual
 * "cursor.hint()", "$natural"); one that matches no visible index is BadValue, as the
 * planner answers. Returns undefined when no reordering applies.
 */
export function hintedOrder(
  collection: Collection | undefined,
  hint: unknown,
): Document | undefined {
  if (hint === undefined || hint === null) return undefined;
  if (isPlainObject(hint) && Object.keys(hint).length === 0) return undefined;
  if (isPlainObject(hint) && '$natural' in hint) return { $natural: hint.$natural };
  if (!collection) return undefined;
  const index =
    typeof hint === 'string'
      ? collection.indexes.get(hint)
      : isPlainObject(hint)
        ? collection.indexes.findByKey(hint)
        : undefined;
  if (!index || index.spec.hidden === true) {
    throw MongoCommandError.of(
      'BadValue',
      'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index',
    );
  }
  return index.spec.key;
}
