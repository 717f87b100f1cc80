import { collectionName } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';

/** `drop`: drops a collection. Since MongoDB 7.0 a missing collection is not an error. */
export const drop: CommandHandler = (command, { db, store }) => {
  const name = collectionName(command, 'drop');
  const collection = store.getCollection(db, name);
  if (!collection) return { ok: 1 };
  const nIndexesWas = collection.indexes.list().length;
  store.dropCollection(db, name);
  return { nIndexesWas, ns: collection.namespace, ok: 1 };
};
