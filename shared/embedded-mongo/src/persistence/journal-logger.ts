/** The few log calls the persistence layer makes; a pino logger fits as is. */
export interface JournalLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Warnings (a dropped torn tail, a failed compaction) go to stderr; the rest is quiet. */
export const defaultJournalLogger: JournalLogger = {
  info: () => {},
  warn: (message) => console.warn(`embedded-mongo: ${message}`),
};
