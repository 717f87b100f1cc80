import { Long } from 'bson';
import { MongoCommandError } from '../errors/mongo-error.js';
import { collectionName, numberArgument } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';
import { maxBatchBytes } from './cursor-reply.js';

/** `getMore`: the next batch of an open cursor; code 43 when it is unknown or expired. */
export const getMore: CommandHandler = (command, { db, cursors }) => {
  const rawId: unknown = command.getMore;
  const id = rawId instanceof Long ? rawId : Long.fromNumber(Number(rawId));
  const ns = `${db}.${collectionName(command, 'collection')}`;
  const result = cursors.next(id, ns, numberArgument(command.batchSize, 0), maxBatchBytes);
  if (!result) throw MongoCommandError.of('CursorNotFound', `cursor id ${id.toString()} not found`);
  return {
    cursor: { nextBatch: result.batch, id: result.exhausted ? Long.ZERO : id, ns },
    ok: 1,
  };
};
