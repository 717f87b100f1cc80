import type { Document } from 'bson';
import { MongoCommandError } from '../errors/mongo-error.js';
import { applyUpdate } from '../store/apply-update.js';
import { projectDocuments } from '../store/project-documents.js';
import { sortDocuments } from '../store/sort-documents.js';
import type { StoredDocument } from '../store/stored-document.js';
import { upsertDocument } from '../store/upsert-document.js';
import { optionalDocument, optionalDocumentArray } from './arguments.js';
import { collectionName, filterArgument } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';

/**
 * `findAndModify`: updates, replaces or removes the first document in `sort` order and
 * returns it as it was before (or after, with `new: true`). Errors such as a duplicate
 * key are command errors here, not write errors.
 */
export const findAndModify: CommandHandler = (command, { db, store }) => {
  const name = collectionName(command, 'findAndModify');
  const filter = filterArgument(command.query, 'query');
  const remove = command.remove === true;
  const upsert = command.upsert === true;
  if (remove && command.update !== undefined) {
    throw MongoCommandError.of('FailedToParse', 'Cannot specify both an update and remove=true');
  }
  if (!remove && command.update === undefined) {
    throw MongoCommandError.of(
      'FailedToParse',
      'Either an update or remove=true must be specified',
    );
  }
  if (remove && upsert) {
    throw MongoCommandError.of('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  }
  const arrayFilters = optionalDocumentArray(command, 'findAndModify', 'arrayFilters');
  const fields = optionalDocument(command, 'findAndModify', 'fields');
  const sort = optionalDocument(command, 'findAndModify', 'sort');
  const collection = upsert ? store.ensureCollection(db, name) : store.getCollection(db, name);
  const candidates = collection?.find(filter, sort && Object.keys(sort).length > 0 ? 0 : 1) ?? [];
  const target = sortDocuments(candidates, sort)[0];
  const project = (doc: StoredDocument | undefined): Document | null =>
    doc ? (projectDocuments([doc], fields)[0] ?? null) : null;

  if (!collection || !target) {
    if (!upsert || !collection) {
      return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    }
    const created = upsertDocument(
      collection,
      (command.query as Document | undefined) ?? {},
      command.update,
      arrayFilters,
    );
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: created.exact._id },
      value: command.new === true ? project(created) : null,
      ok: 1,
    };
  }
  if (remove) {
    collection.remove(target);
    return { lastErrorObject: { n: 1 }, value: project(target), ok: 1 };
  }
  const next = applyUpdate(target.exact, command.update, {
    filter,
    ...(arrayFilters ? { arrayFilters } : {}),
  });
  const stored = collection.replace(target, next);
  return {
    lastErrorObject: { n: 1, updatedExisting: true },
    value: project(command.new === true ? stored : target),
    ok: 1,
  };
};
