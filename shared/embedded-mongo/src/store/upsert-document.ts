import { ObjectId, type Document } from 'bson';
import { applyUpdate, seedFromFilter, updateKind } from './apply-update.js';
import type { Collection } from './collection.js';
import type { StoredDocument } from './stored-document.js';

/**
 * Inserts the document an upsert creates when nothing matched: a replacement keeps the
 * filter's `_id` only; an operator update starts from the filter's equality fields and
 * applies `$setOnInsert` too. `_id` comes first, generated when still missing.
 */
export function upsertDocument(
  collection: Collection,
  filter: Document,
  update: unknown,
  arrayFilters: Document[] | undefined,
): StoredDocument {
  const seed = seedFromFilter(filter);
  const base =
    updateKind(update) === 'replacement' ? (seed._id === undefined ? {} : { _id: seed._id }) : seed;
  const built = applyUpdate(base, update, {
    inserting: true,
    ...(arrayFilters ? { arrayFilters } : {}),
  });
  const { _id, ...rest } = built;
  return collection.insert({ _id: _id === undefined ? new ObjectId() : _id, ...rest });
}
