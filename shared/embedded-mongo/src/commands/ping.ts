import type { CommandHandler } from './command-context.js';

/** `ping`: liveness. */
export const ping: CommandHandler = () => ({ ok: 1 });
