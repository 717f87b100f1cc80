import { Query } from 'mingo';
import { ID_INDEX_SPEC } from '../store/index-catalog.js';
import { filterArgument, numberArgument } from './command-arguments.js';
import { optionalDocument } from './arguments.js';
import type { CommandHandler } from './command-context.js';
import { cursorReply } from './cursor-reply.js';

/** `listCollections`: collection descriptions, optionally filtered and name-only. */
export const listCollections: CommandHandler = (command, { db, store, cursors }) => {
  const query = new Query(filterArgument(command.filter, 'filter'), {});
  const nameOnly = command.nameOnly === true;
  const infos = store
    .collections(db)
    .map((c) =>
      nameOnly
        ? { name: c.name, type: 'collection' }
        : {
            name: c.name,
            type: 'collection',
            options: c.options,
            info: { readOnly: false },
            idIndex: ID_INDEX_SPEC,
          },
    )
    .filter((info) => query.test(info));
  const batchSize = optionalDocument(command, 'listCollections', 'cursor')?.batchSize;
  return cursorReply(
    cursors,
    `${db}.$cmd.listCollections`,
    infos,
    batchSize === undefined ? undefined : numberArgument(batchSize, 101),
  );
};
