import { Writable } from 'node:stream';
import { pino, type LevelWithSilent, type Logger } from 'pino';
import { redactedPaths } from './create-logger.js';

export interface MemoryLoggerOptions {
  service: string;
  /** @defaultValue `'trace'`: tests that inspect logs want every line */
  level?: LevelWithSilent;
}

export interface MemoryLogger {
  /** Configured like `createLogger` (same redaction), but writing to memory. */
  logger: Logger;
  /** Every line written so far, as raw JSON text. */
  lines(): string[];
}

/** A logger whose output tests can read, for example to prove a secret is never logged. */
export function createMemoryLogger({
  service,
  level = 'trace',
}: MemoryLoggerOptions): MemoryLogger {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line.length > 0),
      );
      done();
    },
  });
  const logger = pino(
    {
      level,
      base: { service },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  return { logger, lines: () => [...lines] };
}
