import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };
export type LogLevel = LevelWithSilent;

export interface LoggerOptions {
  /** The service name, stamped on every line as `service`. */
  service: string;
  /** @defaultValue `'info'` */
  level?: LogLevel;
}

/**
 * Paths whose values must never reach a log line: credentials in headers, variables
 * and inputs. Redaction happens inside pino, so a careless `logger.info({ input })`
 * still cannot leak a password.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'password',
  'token',
  '*.password',
  '*.token',
  '*.authorization',
  'variables.password',
  'variables.input.password',
];

export function createLogger({ service, level = 'info' }: LoggerOptions): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: redactedPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
