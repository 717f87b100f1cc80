import { MongoCommandError } from '../errors/mongo-error.js';
import { collectionName, numberArgument } from './command-arguments.js';
import { optionalDocument } from './arguments.js';
import type { CommandHandler } from './command-context.js';
import { cursorReply } from './cursor-reply.js';

/** `listIndexes`: the index specifications; code 26 when the collection does not exist. */
export const listIndexes: CommandHandler = (command, { db, store, cursors }) => {
  const name = collectionName(command, 'listIndexes');
  const collection = store.getCollection(db, name);
  if (!collection)
    throw MongoCommandError.of('NamespaceNotFound', `ns does not exist: ${db}.${name}`);
  const batchSize = optionalDocument(command, 'listIndexes', 'cursor')?.batchSize;
  return cursorReply(
    cursors,
    `${db}.$cmd.listIndexes.${name}`,
    collection.indexes.list().map((index) => index.spec),
    batchSize === undefined ? undefined : numberArgument(batchSize, 101),
  );
};
