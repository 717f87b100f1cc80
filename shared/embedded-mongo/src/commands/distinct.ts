import { canonicalKey } from '../bson/canonical-key.js';
import { MongoCommandError } from '../errors/mongo-error.js';
import { fieldValues } from '../store/field-values.js';
import { collectionName, filterArgument } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';

/** `distinct`: the distinct values of `key` among matches; array elements count one by one. */
export const distinct: CommandHandler = (command, { db, store }) => {
  const key = command.key;
  if (typeof key !== 'string') {
    throw MongoCommandError.of(
      'FailedToParse',
      "BSON field 'distinct.key' is missing but a required field",
    );
  }
  const collection = store.getCollection(db, collectionName(command, 'distinct'));
  const seen = new Map<string, unknown>();
  for (const doc of collection?.find(filterArgument(command.query, 'query')) ?? []) {
    for (const value of fieldValues(doc.exact, key)) {
      if (value === undefined) continue;
      const hash = canonicalKey(value);
      if (!seen.has(hash)) seen.set(hash, value);
    }
  }
  return { values: [...seen.values()], ok: 1 };
};
