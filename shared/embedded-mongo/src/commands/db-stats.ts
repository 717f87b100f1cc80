import type { CommandHandler } from './command-context.js';

/** `dbStats`: collection, document and index counts of the database. Sizes are nominal. */
export const dbStats: CommandHandler = (_command, { db, store }) => {
  const collections = store.collections(db);
  const objects = collections.reduce((sum, c) => sum + c.size, 0);
  const indexes = collections.reduce((sum, c) => sum + c.indexes.list().length, 0);
  return {
    db,
    collections: collections.length,
    views: 0,
    objects,
    avgObjSize: 0,
    dataSize: 0,
    storageSize: 0,
    indexes,
    indexSize: 0,
    ok: 1,
  };
};
