import type { Document } from 'bson';
import { canonicalKey } from '../bson/canonical-key.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import { applyUpdate } from '../store/apply-update.js';
import { upsertDocument } from '../store/upsert-document.js';
import { optionalDocumentArray, requiredDocumentArray } from './arguments.js';
import { collectionName, filterArgument } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';
import { withWriteErrors, writeError } from './write-errors.js';

/**
 * `update`: each statement `{ q, u, multi, upsert, arrayFilters }`. Replies `n` (matched
 * plus upserted), `nModified` (documents actually changed) and `upserted: [{ index, _id }]`.
 */
export const update: CommandHandler = (command, { db, store }) => {
  const name = collectionName(command, 'update');
  // Malformed statements fail the whole command before anything is written, as in MongoDB.
  const statements = requiredDocumentArray(command, 'update', 'updates').map((statement) => ({
    statement,
    arrayFilters: optionalDocumentArray(statement, 'update.updates', 'arrayFilters'),
  }));
  const ordered = command.ordered !== false;
  const errors: Document[] = [];
  const upserted: Document[] = [];
  let n = 0;
  let nModified = 0;
  for (const [index, { statement, arrayFilters }] of statements.entries()) {
    try {
      const filter = filterArgument(statement.q, 'q');
      if (statement.u === undefined) {
        throw MongoCommandError.of(
          'FailedToParse',
          "BSON field 'update.updates.u' is missing but a required field",
        );
      }
      const collection =
        statement.upsert === true
          ? store.ensureCollection(db, name)
          : store.getCollection(db, name);
      const matched = collection?.find(filter, statement.multi === true ? 0 : 1) ?? [];
      if (matched.length === 0 && statement.upsert === true && collection) {
        const doc = upsertDocument(
          collection,
          (statement.q as Document | undefined) ?? {},
          statement.u,
          arrayFilters,
        );
        upserted.push({ index, _id: doc.exact._id });
        n++;
        continue;
      }
      for (const doc of matched) {
        const next = applyUpdate(doc.exact, statement.u, {
          filter,
          ...(arrayFilters ? { arrayFilters } : {}),
        });
        n++;
        if (canonicalKey(next) !== canonicalKey(doc.exact)) {
          collection?.replace(doc, next);
          nModified++;
        }
      }
    } catch (error) {
      errors.push(writeError(index, error));
      if (ordered) break;
    }
  }
  const reply: Document = { n, nModified, ok: 1 };
  if (upserted.length > 0) reply.upserted = upserted;
  return withWriteErrors(reply, errors);
};
