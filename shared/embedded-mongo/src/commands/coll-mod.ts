import type { Document } from 'bson';
import { isPlainObject } from '../bson/value-view.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import { collectionName } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';

/** Options of `collMod` that belong to features this server does not have. */
const unsupported = new Set([
  'validator',
  'validationLevel',
  'validationAction',
  'viewOn',
  'pipeline',
  'expireAfterSeconds',
  'timeseries',
  'changeStreamPreAndPostImages',
  'clusteredIndex',
  'cappedSize',
  'cappedMax',
]);

/** Fields every command may carry that `collMod` itself ignores. */
const generic = new Set(['collMod', 'comment', 'writeConcern', 'maxTimeMS']);

/**
 * `collMod`: of MongoDB's options (manual "collMod"), `index: { name | keyPattern,
 * hidden }` hides or unhides an index and replies `hidden_old`/`hidden_new`. Options of
 * unsupported features fail with InvalidOptions naming them; unknown ones as the parser
 * does (40415).
 */
export const collMod: CommandHandler = (command, { db, store }) => {
  const name = collectionName(command, 'collMod');
  for (const key of Object.keys(command)) {
    if (generic.has(key) || key === 'index') continue;
    if (unsupported.has(key)) {
      throw MongoCommandError.of(
        'InvalidOptions',
        `collMod option '${key}' is not supported by this server`,
      );
    }
    throw MongoCommandError.of('Location40415', `BSON field 'collMod.${key}' is an unknown field.`);
  }
  const collection = store.getCollection(db, name);
  if (!collection) {
    throw MongoCommandError.of('NamespaceNotFound', `ns does not exist: ${db}.${name}`);
  }
  if (command.index === undefined) return { ok: 1 };
  const spec: unknown = command.index;
  if (!isPlainObject(spec)) {
    throw MongoCommandError.of(
      'TypeMismatch',
      "BSON field 'collMod.index' is the wrong type, expected type 'object'",
    );
  }
  const index =
    typeof spec.name === 'string'
      ? collection.indexes.get(spec.name)
      : isPlainObject(spec.keyPattern)
        ? collection.indexes.findByKey(spec.keyPattern)
        : undefined;
  if (!index) {
    const what = typeof spec.name === 'string' ? spec.name : JSON.stringify(spec.keyPattern);
    throw MongoCommandError.of('IndexNotFound', `cannot find index ${what} for ns ${db}.${name}`);
  }
  if (typeof spec.hidden !== 'boolean') {
    throw MongoCommandError.of('InvalidOptions', 'no collMod index option specified');
  }
  if (index.name === '_id_') {
    throw MongoCommandError.of('BadValue', "can't hide _id index");
  }
  const before = collection.setIndexHidden(index.name, spec.hidden);
  const reply: Document = { hidden_old: before, hidden_new: spec.hidden, ok: 1 };
  return reply;
};
