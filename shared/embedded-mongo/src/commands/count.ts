import { optionalNonNegativeNumber, optionalNumber } from './arguments.js';
import { collectionName, filterArgument } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';

/** `count` (estimatedDocumentCount and the legacy count): `n` after `skip` and `limit`. */
export const count: CommandHandler = (command, { db, store }) => {
  const name = collectionName(command, 'count');
  const filter = filterArgument(command.query, 'query');
  const skip = optionalNonNegativeNumber(command, 'count', 'skip') ?? 0;
  // A negative limit counts like its absolute value, as in MongoDB.
  const limit = Math.abs(optionalNumber(command, 'count', 'limit') ?? 0);
  const collection = store.getCollection(db, name);
  if (!collection) return { n: 0, ok: 1 };
  const total = Object.keys(filter).length === 0 ? collection.size : collection.find(filter).length;
  const afterSkip = Math.max(0, total - skip);
  return { n: limit > 0 ? Math.min(limit, afterSkip) : afterSkip, ok: 1 };
};
