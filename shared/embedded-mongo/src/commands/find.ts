import type { Document } from 'bson';
import { hintedOrder } from '../store/hinted-order.js';
import { sortDocuments } from '../store/sort-documents.js';
import { projectDocuments } from '../store/project-documents.js';
import { optionalDocument, optionalNonNegativeNumber, optionalNumber } from './arguments.js';
import { collectionName, filterArgument } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';
import { cursorReply } from './cursor-reply.js';

/** `find`: filter, sort, skip, limit (negative = single batch), projection, batchSize. */
export const find: CommandHandler = (command, { db, store, cursors }) => {
  const name = collectionName(command, 'find');
  const ns = `${db}.${name}`;
  const filter = filterArgument(command.filter, 'filter');
  const skip = optionalNonNegativeNumber(command, 'find', 'skip') ?? 0;
  const rawLimit = optionalNumber(command, 'find', 'limit') ?? 0;
  const limit = Math.abs(rawLimit);
  const batchSize = optionalNonNegativeNumber(command, 'find', 'batchSize');
  const sort = optionalDocument(command, 'find', 'sort');
  const projection = optionalDocument(command, 'find', 'projection');
  const collection = store.getCollection(db, name);
  if (!collection) return cursorReply(cursors, ns, [], batchSize);

  const hasSort = sort !== undefined && Object.keys(sort).length > 0;
  const order = hasSort ? sort : hintedOrder(collection, command.hint);
  // Without a sort, the scan can stop as soon as skip + limit documents matched.
  const matched = collection.find(filter, order || limit === 0 ? 0 : skip + limit);
  let docs = sortDocuments(matched, order);
  docs = docs.slice(skip, limit > 0 ? skip + limit : undefined);
  const projected: Document[] = projectDocuments(docs, projection, filter);
  const singleBatch = command.singleBatch === true || rawLimit < 0;
  return cursorReply(
    cursors,
    ns,
    projected,
    limit > 0 && batchSize === undefined ? limit : batchSize,
    singleBatch,
  );
};
