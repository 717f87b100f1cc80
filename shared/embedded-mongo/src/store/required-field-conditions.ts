import type { Document } from 'bson';
import { isPlainObject } from '../bson/value-view.js';

/**
 * The `field: condition` pairs every match of a filter must satisfy: its top-level fields
 * and, recursively, those inside `$and`. Other operators (`$or`, `$nor`, `$expr`, …) are
 * skipped: they require nothing of one field on their own. Index lookups, the field-order
 * check and upsert seeding all start from these.
 */
export function* requiredFieldConditions(filter: Document): Generator<[string, unknown]> {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) {
        if (isPlainObject(part)) yield* requiredFieldConditions(part);
      }
    } else if (!field.startsWith('$')) {
      yield [field, condition];
    }
  }
}
