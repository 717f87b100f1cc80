import { MongoCommandError } from '../errors/mongo-error.js';
import type { CommandHandler } from './command-context.js';

/** The error a standalone mongod gives to anything transactional. */
export function transactionsNotSupported(): MongoCommandError {
  return MongoCommandError.of(
    'IllegalOperation',
    'Transaction numbers are only allowed on a replica set member or mongos',
  );
}

/** `commitTransaction`/`abortTransaction`: rejected as by a standalone server. */
export const rejectTransaction: CommandHandler = () => {
  throw transactionsNotSupported();
};
