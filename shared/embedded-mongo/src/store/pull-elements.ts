import type { Document } from 'bson';
import { Query } from 'mingo';
import { compareValues } from '../bson/compare-values.js';
import { isPlainObject, toView } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import { elementPredicate } from './element-predicate.js';

/**
 * Which elements a `$pull` condition removes (manual "$pull"): a document condition is
 * tested as for `$elemMatch` (value operators on the element, otherwise a query on each
 * embedded document), a regular expression matches strings, anything else removes the
 * elements equal to it.
 */
function pullPredicate(condition: unknown): (element: unknown) => boolean {
  const wanted = toView(condition);
  if (wanted instanceof RegExp) {
    const query = new Query({ v: wanted }, {});
    return (element) => query.test({ v: element });
  }
  if (isPlainObject(wanted)) return elementPredicate(wanted);
  return (element) => compareValues(element, wanted) === 0;
}

/**
 * Applies `$pull` on resolved paths to the exact form of a document (in place), so the
 * elements that stay keep their exact BSON types. Conditions see the comparable view.
 */
export function pullElements(exact: Document, args: Document): void {
  for (const [path, condition] of Object.entries(args)) {
    const parts = path.split('.');
    const last = parts.pop() as string;
    let parent: unknown = exact;
    for (const part of parts) parent = child(parent, part);
    const current = child(parent, last);
    if (current === undefined || current === null) continue;
    if (!Array.isArray(current)) {
      throw MongoCommandError.of('BadValue', 'Cannot apply $pull to a non-array value');
    }
    const matches = pullPredicate(condition);
    const kept = current.filter((element) => !matches(toView(element)));
    if (kept.length === current.length) continue;
    if (Array.isArray(parent)) parent[Number(last)] = kept;
    else (parent as Record<string, unknown>)[last] = kept;
  }
}

function child(value: unknown, part: string): unknown {
  if (isPlainObject(value)) return value[part];
  if (Array.isArray(value) && /^\d+$/.test(part)) return value[Number(part)];
  return undefined;
}
