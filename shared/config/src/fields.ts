import { z } from 'zod';
import { defaultDataDir, defaultHost, defaultRedisUrl } from './defaults.js';

/** A TCP port; 0 asks the OS for a free one (tests use it). */
export const port = (defaultPort: number) =>
  z.coerce
    .number({ message: 'expected a port number' })
    .int('expected a whole number')
    .min(0, 'expected a port between 0 and 65535')
    .max(65535, 'expected a port between 0 and 65535')
    .default(defaultPort);

export const host = () => z.string().min(1).default(defaultHost);

export const nodeEnv = () =>
  z
    .enum(['development', 'production', 'test'], {
      message: 'expected development, production or test',
    })
    .default('development');

export const logLevel = () =>
  z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info');

/** Where the embedded database keeps its files when no MongoDB URI is configured. */
export const dataDir = () => z.string().min(1).default(defaultDataDir);

export const mongoUri = () =>
  z.string().regex(/^mongodb(\+srv)?:\/\/.+/, 'expected a mongodb:// or mongodb+srv:// URI');

export const redisUrl = () =>
  z
    .string()
    .regex(/^rediss?:\/\/.+/, 'expected a redis:// or rediss:// URL')
    .default(defaultRedisUrl);

export const httpUrl = () => z.string().regex(/^https?:\/\/.+/, 'expected an http(s):// URL');

/** HS256 needs at least 256 bits of key material. */
export const jwtSecret = () => z.string().min(32, 'expected a secret of at least 32 characters');

/** `true/false`, `1/0`, `yes/no`, case-insensitive. */
export const booleanFlag = (defaultValue: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' }))
    .transform((value) => value === 'true' || value === '1' || value === 'yes')
    .default(defaultValue);

/** A comma-separated list, blanks dropped. */
export const commaList = () =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    )
    .default([]);

export const positiveInt = (defaultValue: number) =>
  z.coerce.number({ message: 'expected a number' }).int().positive().default(defaultValue);

/** A file path (key sets); unset = the development default under DATA_DIR. */
export const filePath = () => z.string().min(1);

export const nonNegativeInt = (defaultValue: number) =>
  z.coerce.number({ message: 'expected a number' }).int().min(0).default(defaultValue);

/** jose time spans: `30s`, `15m`, `1h`, `7 days`, ... (a bare number would be an absolute time). */
export const timeSpan = (defaultValue: string) =>
  z
    .string()
    .trim()
    .regex(
      /^\d+ ?(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|y|yrs?|years?)$/i,
      'expected a time span such as 15m, 1h or 7d',
    )
    .default(defaultValue);
