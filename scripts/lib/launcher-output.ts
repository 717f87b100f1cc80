/**
 * The launcher's own lines, prefixed like its children's so the terminal reads as one
 * log. A CLI talks to a person here, so these are plain text, not pino JSON.
 */
export const launcherName = 'fedshop';

/** Width of the `name │` column: the longest process name (`products-worker`). */
export const nameColumnWidth = 15;

export function linePrefix(name: string): string {
  return `${name.padEnd(nameColumnWidth)} │ `;
}

/**
 * A closed terminal or pipe (EPIPE) must not crash the launcher before it has stopped its
 * services: their stores would stay locked. Lines that cannot be written are dropped.
 */
export function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
}

export function announce(message: string): void {
  process.stdout.write(`${linePrefix(launcherName)}${message}\n`);
}

export function complain(message: string): void {
  process.stderr.write(`${linePrefix(launcherName)}${message}\n`);
}
