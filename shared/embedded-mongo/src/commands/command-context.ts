import type { Document } from 'bson';
import type { CursorRegistry } from '../store/cursor-registry.js';
import type { Store } from '../store/store.js';

/** What the server knows about itself, for hello/serverStatus. */
export interface ServerInfo {
  readonly startedAt: number;
  readonly host: string;
  currentConnections(): number;
  totalConnections(): number;
}

export interface CommandContext {
  /** The database the command was sent to (`$db`). */
  readonly db: string;
  readonly store: Store;
  readonly cursors: CursorRegistry;
  readonly server: ServerInfo;
  /** The id of the connection the command came on (1, 2, … in order of arrival). */
  readonly connectionId: number;
}

/**
 * A command handler. It runs synchronously so the store changes of one command are never
 * interleaved with another's; the server journals them before replying.
 */
export type CommandHandler = (command: Document, context: CommandContext) => Document;
