import type { Document } from 'bson';
import { isPlainObject } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import { collectionName } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';
import { withWriteErrors, writeError } from './write-errors.js';

/**
 * `insert`: inserts `documents` in order. Ordered batches stop at the first error,
 * unordered ones go on; failures are reported in `writeErrors` of an `ok: 1` reply.
 */
export const insert: CommandHandler = (command, { db, store }) => {
  const name = collectionName(command, 'insert');
  const documents = command.documents;
  if (!Array.isArray(documents)) {
    throw MongoCommandError.of(
      'FailedToParse',
      "BSON field 'insert.documents' is missing but a required field",
    );
  }
  const ordered = command.ordered !== false;
  const collection = store.ensureCollection(db, name);
  const errors: Document[] = [];
  let n = 0;
  for (const [index, doc] of documents.entries()) {
    try {
      if (!isPlainObject(doc))
        throw MongoCommandError.of('TypeMismatch', 'document to insert must be an object');
      collection.insert(doc);
      n++;
    } catch (error) {
      errors.push(writeError(index, error));
      if (ordered) break;
    }
  }
  return withWriteErrors({ n, ok: 1 }, errors);
};
