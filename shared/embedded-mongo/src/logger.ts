/** Where the server reports connection problems and lifecycle events. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The default logger: says nothing, so tests and embedding services stay quiet. */
export const noopLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};
