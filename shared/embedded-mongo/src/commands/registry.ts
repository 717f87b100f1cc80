import { aggregate } from './aggregate.js';
import { buildInfo } from './build-info.js';
import { collMod } from './coll-mod.js';
import type { CommandHandler } from './command-context.js';
import { count } from './count.js';
import { create } from './create.js';
import { createIndexes } from './create-indexes.js';
import { dbStats } from './db-stats.js';
import { deleteCommand } from './delete.js';
import { distinct } from './distinct.js';
import { drop } from './drop.js';
import { dropDatabase } from './drop-database.js';
import { dropIndexes } from './drop-indexes.js';
import { endSessions } from './end-sessions.js';
import { find } from './find.js';
import { findAndModify } from './find-and-modify.js';
import { getMore } from './get-more.js';
import { hello } from './hello.js';
import { insert } from './insert.js';
import { killCursors } from './kill-cursors.js';
import { listCollections } from './list-collections.js';
import { listDatabases } from './list-databases.js';
import { listIndexes } from './list-indexes.js';
import { ping } from './ping.js';
import { serverStatus } from './server-status.js';
import { rejectTransaction } from './transactions.js';
import { update } from './update.js';

/** Command name (the first key of the command document) to handler. Names are case-sensitive. */
export const commandRegistry: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>(
  [
    ['hello', hello],
    ['isMaster', hello],
    ['ismaster', hello],
    ['ping', ping],
    ['buildInfo', buildInfo],
    ['buildinfo', buildInfo],
    ['serverStatus', serverStatus],
    ['dbStats', dbStats],
    ['listDatabases', listDatabases],
    ['create', create],
    ['collMod', collMod],
    ['drop', drop],
    ['dropDatabase', dropDatabase],
    ['listCollections', listCollections],
    ['createIndexes', createIndexes],
    ['listIndexes', listIndexes],
    ['dropIndexes', dropIndexes],
    ['deleteIndexes', dropIndexes],
    ['insert', insert],
    ['find', find],
    ['getMore', getMore],
    ['killCursors', killCursors],
    ['update', update],
    ['delete', deleteCommand],
    ['findAndModify', findAndModify],
    ['findandmodify', findAndModify],
    ['aggregate', aggregate],
    ['count', count],
    ['distinct', distinct],
    ['endSessions', endSessions],
    ['commitTransaction', rejectTransaction],
    ['abortTransaction', rejectTransaction],
  ],
);
