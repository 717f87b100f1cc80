import { isPlainObject } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import type { HashedIndex } from '../store/hashed-index.js';
import { collectionName } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';

/** `dropIndexes`: by name, by key pattern, a list of names, or `"*"` (all but `_id_`). */
export const dropIndexes: CommandHandler = (command, { db, store }) => {
  const name = collectionName(command, 'dropIndexes');
  const collection = store.getCollection(db, name);
  if (!collection) throw MongoCommandError.of('NamespaceNotFound', `ns not found ${db}.${name}`);
  const nIndexesWas = collection.indexes.list().length;
  const target: unknown = command.index;
  let victims: HashedIndex[];
  if (target === '*') {
    victims = collection.indexes.list().filter((index) => index.name !== '_id_');
  } else {
    const names = Array.isArray(target) ? target : [target];
    victims = names.map((item: unknown) => {
      const found = isPlainObject(item)
        ? collection.indexes.findByKey(item)
        : collection.indexes.get(String(item));
      if (!found) {
        throw isPlainObject(item)
          ? MongoCommandError.of(
              'IndexNotFound',
              `can't find index with key: ${JSON.stringify(item)}`,
            )
          : MongoCommandError.of('IndexNotFound', `index not found with name [${String(item)}]`);
      }
      if (found.name === '_id_')
        throw MongoCommandError.of('InvalidOptions', 'cannot drop _id index');
      return found;
    });
  }
  for (const index of victims) collection.dropIndex(index.name);
  return { nIndexesWas, ok: 1 };
};
