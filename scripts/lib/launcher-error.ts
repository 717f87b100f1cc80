/**
 * A failure the launcher explains in one line: what went wrong and what to do. Printed
 * without a stack, because the reader is someone starting the system, not debugging it.
 */
export class LauncherError extends Error {
  override readonly name = 'LauncherError';

  constructor(
    message: string,
    /** @defaultValue 1 */
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
