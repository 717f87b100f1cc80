import type { Document } from 'bson';
import { isPlainObject } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import type { IndexSpec } from '../store/hashed-index.js';
import { requiredArray } from './arguments.js';
import { collectionName } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';

function toIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw MongoCommandError.of(
      'FailedToParse',
      "Error in specification { }: the 'key' field is a required property of an index specification",
    );
  }
  const { key, name, ...options } = raw;
  if (typeof name !== 'string' || name.length === 0) {
    throw MongoCommandError.of(
      'FailedToParse',
      `Error in specification { key: ... }: the 'name' field is a required property of an index specification`,
    );
  }
  return { v: 2, key, name, ...options } as IndexSpec;
}

/**
 * `createIndexes`: builds the indexes (existing identical ones are a no-op). A unique
 * index over duplicated data fails with E11000, as in MongoDB.
 */
export const createIndexes: CommandHandler = (command, { db, store }) => {
  const name = collectionName(command, 'createIndexes');
  const specs = requiredArray(command, 'createIndexes', 'indexes').map(toIndexSpec);
  const existed = store.getCollection(db, name) !== undefined;
  const collection = store.ensureCollection(db, name);
  const numIndexesBefore = collection.indexes.list().length;
  let created = 0;
  for (const spec of specs) if (collection.createIndex(spec)) created++;
  const reply: Document = {
    numIndexesBefore,
    numIndexesAfter: collection.indexes.list().length,
    createdCollectionAutomatically: !existed,
    ok: 1,
  };
  if (created === 0) reply.note = 'all indexes already exist';
  return reply;
};
