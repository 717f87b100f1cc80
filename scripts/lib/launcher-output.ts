/**
 * The launcher's own lines, prefixed like its children's so the terminal reads as one
 * log. A CLI talks to a person here, so these are plain text, not pino JSON.
 */
export const launcherName = 'fedshop';

/** Width of the `name │` column: the longest service name. */
export const nameColumnWidth = 8;

export function linePrefix(name: string): string {
  return `${name.padEnd(nameColumnWidth)} │ `;
}

export function announce(message: string): void {
  process.stdout.write(`${linePrefix(launcherName)}${message}\n`);
}

export function complain(message: string): void {
  process.stderr.write(`${linePrefix(launcherName)}${message}\n`);
}
