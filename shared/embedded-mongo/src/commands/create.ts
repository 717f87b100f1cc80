import { MongoCommandError } from '../errors/mongo-error.js';
import { optionalBoolean } from './arguments.js';
import { collectionName } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';

/**
 * Options that ask for features this server lacks; accepting them would give answers
 * MongoDB would not (no time-series buckets, no view, no validation), so they fail.
 */
const unsupportedOptions: [string, string][] = [
  ['timeseries', 'time-series collections are'],
  ['viewOn', 'views are'],
  ['validator', 'schema validation is'],
  ['clusteredIndex', 'clustered collections are'],
  ['expireAfterSeconds', 'TTL collections are'],
  ['changeStreamPreAndPostImages', 'change streams are'],
];

/** `create`: creates a collection; code 48 NamespaceExists when it already exists. */
export const create: CommandHandler = (command, { db, store }) => {
  const name = collectionName(command, 'create');
  // A malformed flag is an error before anything else, as in MongoDB.
  const capped = optionalBoolean(command, 'create', 'capped');
  const feature = capped
    ? 'capped collections are'
    : unsupportedOptions.find(([option]) => command[option] !== undefined)?.[1];
  if (feature) {
    throw MongoCommandError.of('CommandNotSupported', `${feature} not supported by this server`);
  }
  const options = Object.fromEntries(Object.entries(command).filter(([key]) => key !== 'create'));
  store.createCollection(db, name, options);
  return { ok: 1 };
};
