import type { Document } from 'bson';
import { requiredDocumentArray } from './arguments.js';
import { collectionName, filterArgument, numberArgument } from './command-arguments.js';
import type { CommandHandler } from './command-context.js';
import { withWriteErrors, writeError } from './write-errors.js';

/** `delete`: each statement `{ q, limit }` removes one (limit 1) or all matches (limit 0). */
export const deleteCommand: CommandHandler = (command, { db, store }) => {
  const collection = store.getCollection(db, collectionName(command, 'delete'));
  const statements = requiredDocumentArray(command, 'delete', 'deletes');
  const ordered = command.ordered !== false;
  const errors: Document[] = [];
  let n = 0;
  for (const [index, statement] of statements.entries()) {
    try {
      const filter = filterArgument(statement.q, 'q');
      if (!collection) continue;
      const limit = numberArgument(statement.limit, 0);
      for (const doc of collection.find(filter, limit === 1 ? 1 : 0)) {
        collection.remove(doc);
        n++;
      }
    } catch (error) {
      errors.push(writeError(index, error));
      if (ordered) break;
    }
  }
  return withWriteErrors({ n, ok: 1 }, errors);
};
