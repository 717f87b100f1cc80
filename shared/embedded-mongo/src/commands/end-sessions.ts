import type { CommandHandler } from './command-context.js';

/** `endSessions`: sessions hold no server state here, so there is nothing to end. */
export const endSessions: CommandHandler = () => ({ ok: 1 });
