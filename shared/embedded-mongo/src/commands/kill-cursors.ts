import { Long } from 'bson';
import type { CommandHandler } from './command-context.js';

/** `killCursors`: closes the listed cursors and reports which ones existed. */
export const killCursors: CommandHandler = (command, { cursors }) => {
  const killed: Long[] = [];
  const notFound: Long[] = [];
  for (const raw of (command.cursors as unknown[] | undefined) ?? []) {
    const id = raw instanceof Long ? raw : Long.fromNumber(Number(raw));
    (cursors.kill(id) ? killed : notFound).push(id);
  }
  return {
    cursorsKilled: killed,
    cursorsNotFound: notFound,
    cursorsAlive: [],
    cursorsUnknown: [],
    ok: 1,
  };
};
