import type { Document } from 'bson';
import { fromEngineError } from '../errors/engine-error.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import type { CommandContext } from './command-context.js';
import { commandRegistry } from './registry.js';
import { transactionsNotSupported } from './transactions.js';

/** Generic fields the driver adds to every command; they do not change what it does here. */
const envelopeFields = [
  '$db',
  'lsid',
  '$clusterTime',
  'writeConcern',
  'readConcern',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  '$readPreference',
  'comment',
  'maxTimeMS',
];

/** The reply for a failed command: `{ ok: 0, errmsg, code, codeName }` plus error details. */
export function errorReply(error: unknown): Document {
  const failure = fromEngineError(error);
  return {
    ok: 0,
    errmsg: failure.message,
    code: failure.code,
    codeName: failure.codeName,
    ...failure.extra,
  };
}

/**
 * Runs one command document (OP_MSG body or OP_QUERY on `$cmd`) and returns the reply.
 * Never throws: failures become error replies.
 */
export function runCommand(
  body: Document,
  context: Omit<CommandContext, 'db'>,
  db: string,
): Document {
  const name = Object.keys(body)[0];
  try {
    if (name === undefined) throw MongoCommandError.of('FailedToParse', 'Empty command object');
    const handler = commandRegistry.get(name);
    if (!handler) throw MongoCommandError.of('CommandNotFound', `no such command: '${name}'`);
    if (
      body.txnNumber !== undefined ||
      body.startTransaction !== undefined ||
      body.autocommit !== undefined
    ) {
      throw transactionsNotSupported();
    }
    const command: Document = { ...body };
    for (const field of envelopeFields) delete command[field];
    return handler(command, { ...context, db });
  } catch (error) {
    return errorReply(error);
  }
}
