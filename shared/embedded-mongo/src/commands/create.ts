import { optionalBoolean } from './arguments.js';
import { collectionName } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';

/** `create`: creates a collection; code 48 NamespaceExists when it already exists. */
export const create: CommandHandler = (command, { db, store }) => {
  const name = collectionName(command, 'create');
  // Capped collections are not supported, but a malformed flag is still an error.
  optionalBoolean(command, 'create', 'capped');
  const options = Object.fromEntries(Object.entries(command).filter(([key]) => key !== 'create'));
  store.createCollection(db, name, options);
  return { ok: 1 };
};
