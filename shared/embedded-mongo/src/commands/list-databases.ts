import { Query } from 'mingo';
import { filterArgument } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';

/** `listDatabases`: databases that hold at least one collection. Sizes are nominal. */
export const listDatabases: CommandHandler = (command, { store }) => {
  const query = new Query(filterArgument(command.filter, 'filter'), {});
  const databases = store
    .databaseNames()
    .map((name) => {
      const collections = store.collections(name);
      const documents = collections.reduce((sum, c) => sum + c.size, 0);
      return { name, sizeOnDisk: 4096 * (1 + collections.length), empty: documents === 0 };
    })
    .filter((info) => query.test(info));
  if (command.nameOnly === true)
    return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
  const totalSize = databases.reduce((sum, d) => sum + d.sizeOnDisk, 0);
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)), ok: 1 };
};
