import { collectionName, filterArgument, numberArgument } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';

/** `count` (estimatedDocumentCount and the legacy count): `n` after `skip` and `limit`. */
export const count: CommandHandler = (command, { db, store }) => {
  const collection = store.getCollection(db, collectionName(command, 'count'));
  if (!collection) return { n: 0, ok: 1 };
  const filter = filterArgument(command.query, 'query');
  const skip = numberArgument(command.skip, 0);
  const limit = Math.abs(numberArgument(command.limit, 0));
  const total = Object.keys(filter).length === 0 ? collection.size : collection.find(filter).length;
  const afterSkip = Math.max(0, total - skip);
  return { n: limit > 0 ? Math.min(limit, afterSkip) : afterSkip, ok: 1 };
};
