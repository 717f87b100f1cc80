import { Query } from 'mingo';
import { isPlainObject, toView } from '../bson/value-view.js';

/**
 * Query operators that apply to a value rather than name fields. A condition on array
 * elements that starts with one of them tests each element as a value (`{ $gte: 80,
 * $lt: 85 }`); any other document is a query on each embedded document (`{ school: 102 }`,
 * `{ $or: [...] }`). Used by `$elemMatch` projections and `$pull` (manual "$elemMatch
 * (projection)", "$pull").
 */
const valueOperators = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$type',
  '$mod',
  '$regex',
  '$options',
  '$size',
  '$all',
  '$elemMatch',
  '$not',
  '$bitsAllSet',
  '$bitsAllClear',
  '$bitsAnySet',
  '$bitsAnyClear',
]);

/** A test of one array element (view form) against a document condition (any form). */
export function elementPredicate(
  condition: Record<string, unknown>,
): (element: unknown) => boolean {
  const wanted = toView(condition);
  const first = Object.keys(wanted)[0];
  if (first !== undefined && valueOperators.has(first)) {
    const query = new Query({ v: wanted }, {});
    return (element) => query.test({ v: element });
  }
  const query = new Query(wanted, {});
  return (element) => isPlainObject(element) && query.test(element);
}
