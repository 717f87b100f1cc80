/** The first error along the `cause` chain whose `code` is `code`. */
export function findCause(error: unknown, code: string): object | undefined {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 10; depth += 1) {
    if ((current as { code?: unknown }).code === code) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** One line for a person: the message, never the stack. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
