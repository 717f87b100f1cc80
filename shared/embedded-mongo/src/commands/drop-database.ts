import type { CommandHandler } from './command-context.js';

/** `dropDatabase`: drops every collection of the database the command was sent to. */
export const dropDatabase: CommandHandler = (_command, { db, store }) => {
  store.dropDatabase(db);
  return { dropped: db, ok: 1 };
};
