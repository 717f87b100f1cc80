import type { Document } from 'bson';
import { MongoCommandError } from '../errors/mongo-error.js';
import { hintedOrder } from '../store/hinted-order.js';
import { runPipeline } from '../store/run-pipeline.js';
import { optionalDocument } from './arguments.js';
import { numberArgument } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';
import { cursorReply } from './cursor-reply.js';

/** `aggregate`: runs the pipeline and replies with a cursor (`cursor.batchSize` honoured). */
export const aggregate: CommandHandler = (command, { db, store, cursors }) => {
  const target: unknown = command.aggregate;
  const pipeline = command.pipeline;
  if (!Array.isArray(pipeline)) {
    throw MongoCommandError.of(
      'TypeMismatch',
      "BSON field 'aggregate.pipeline' is the wrong type, expected type 'array'",
    );
  }
  const cursorOptions = optionalDocument(command, 'aggregate', 'cursor');
  if (!cursorOptions && command.explain !== true) {
    throw MongoCommandError.of(
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  const name = typeof target === 'string' ? target : undefined;
  const collection = name === undefined ? undefined : store.getCollection(db, name);
  const order = hintedOrder(collection, command.hint);
  const results = runPipeline(store, db, collection, pipeline as Document[], order);
  const batchSize =
    cursorOptions?.batchSize === undefined
      ? undefined
      : numberArgument(cursorOptions.batchSize, 101);
  return cursorReply(cursors, `${db}.${name ?? '$cmd.aggregate'}`, results, batchSize);
};
